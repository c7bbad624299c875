package org.osprey.ui;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Display;
import org.osprey.stream.PacketStream;

/**
 * e4 model addon (listed in Application.e4xmi) that puts the application's one {@link LiveView} into the application
 * context.
 */
public final class LiveViewAddon {

    private IEclipseContext applicationContext;

    @PostConstruct
    void start(IEclipseContext applicationContext, PacketStream stream) {
        Display display = Display.getCurrent() != null ? Display.getCurrent() : Display.getDefault();
        this.applicationContext = applicationContext;
        applicationContext.set(LiveView.class, new LiveView(display, stream));
    }

    @PreDestroy
    void stop() {
        applicationContext.remove(LiveView.class);
    }
}
