package org.osprey.ui;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Display;
import org.osprey.ui.preferences.OspreyPreferences;

/**
 * e4 model addon (listed in Application.e4xmi) that makes the application's one {@link UiRefresher} and puts it into
 * the application context, so that every part gets the same one with {@code @Inject UiRefresher}. Its rate is the
 * preference's (Window > Preferences > Packets), applied live, unless the system property
 * {@value UiRefresher#RATE_PROPERTY} fixes it.
 */
public final class UiRefresherAddon {

    private IEclipseContext applicationContext;
    private UiRefresher refresher;
    private OspreyPreferences.Registration preferencesListener;

    @PostConstruct
    void start(IEclipseContext applicationContext) {
        // addons are made on the UI thread while the workbench is created
        Display display = Display.getCurrent() != null ? Display.getCurrent() : Display.getDefault();
        this.applicationContext = applicationContext;
        OspreyPreferences preferences = new OspreyPreferences();
        refresher = new UiRefresher(display, UiRefresher.configuredTicksPerSecond(preferences.refreshRate()));
        applicationContext.set(UiRefresher.class, refresher);
        if (System.getProperty(UiRefresher.RATE_PROPERTY) == null) {
            preferencesListener = preferences.addListener(key -> {
                if (OspreyPreferences.REFRESH_RATE.equals(key)) {
                    display.asyncExec(() -> refresher.setTicksPerSecond(preferences.refreshRate()));
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        if (preferencesListener != null) {
            preferencesListener.close();
        }
        applicationContext.remove(UiRefresher.class);
        refresher.dispose();
    }
}
