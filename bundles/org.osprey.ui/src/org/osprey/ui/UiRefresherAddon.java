package org.osprey.ui;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Display;

/**
 * e4 model addon (listed in Application.e4xmi) that makes the application's one {@link UiRefresher} and puts it into
 * the application context, so that every part gets the same one with {@code @Inject UiRefresher}.
 */
public final class UiRefresherAddon {

    private IEclipseContext applicationContext;
    private UiRefresher refresher;

    @PostConstruct
    void start(IEclipseContext applicationContext) {
        // addons are made on the UI thread while the workbench is created
        Display display = Display.getCurrent() != null ? Display.getCurrent() : Display.getDefault();
        this.applicationContext = applicationContext;
        refresher = new UiRefresher(display, UiRefresher.configuredTicksPerSecond());
        applicationContext.set(UiRefresher.class, refresher);
    }

    @PreDestroy
    void stop() {
        applicationContext.remove(UiRefresher.class);
        refresher.dispose();
    }
}
