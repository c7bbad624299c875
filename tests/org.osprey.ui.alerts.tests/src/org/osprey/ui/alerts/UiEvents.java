package org.osprey.ui.alerts;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Display;

/**
 * What the e4 application gives parts for {@code @UIEventTopic} injection and a test must give itself: the
 * UIEventTopic supplier (an OSGi service of org.eclipse.e4.ui.di) takes its {@link UISynchronize} from the injector's
 * default context, which E4Application sets, and drops every UI event without one ("No realm found to process UI
 * event"). This sets a default context holding one, once per test runtime, never disposed (the supplier keeps it).
 */
final class UiEvents {

    private static IEclipseContext defaultContext;

    private UiEvents() {
    }

    static synchronized void enable(Display display) {
        if (defaultContext != null) {
            return;
        }
        defaultContext = EclipseContextFactory.create("alerts UI tests: default context for UI events");
        defaultContext.set(UISynchronize.class, new UISynchronize() {
            @Override
            public void syncExec(Runnable runnable) {
                display.syncExec(runnable);
            }

            @Override
            public void asyncExec(Runnable runnable) {
                display.asyncExec(runnable);
            }

            @Override
            protected boolean isUIThread(Thread thread) {
                return display.getThread() == thread;
            }

            @Override
            protected void showBusyWhile(Runnable runnable) {
                runnable.run();
            }

            @Override
            protected boolean dispatchEvents() {
                return display.readAndDispatch();
            }
        });
        ContextInjectionFactory.setDefault(defaultContext);
    }
}
