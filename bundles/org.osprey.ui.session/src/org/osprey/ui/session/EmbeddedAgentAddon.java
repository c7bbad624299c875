package org.osprey.ui.session;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.SessionService;
import org.osprey.ui.preferences.OspreyPreferences;

/**
 * e4 model addon: once the window is up, starts the embedded agent, so that the product shows live traffic from its
 * first second. What it captures comes from the preferences (Window > Preferences > Agent: by default live capture of
 * the default interface, the demo being offered when capture is not permitted), or from the system property
 * {@value #MODE_PROPERTY} when set: {@code live}, {@code demo} or {@code off}. Nothing starts when the program was
 * asked to open a capture file ({@code -capture FILE}).
 */
public final class EmbeddedAgentAddon {

    public static final String MODE_PROPERTY = "osprey.embedded";

    @Inject
    @Optional
    void applicationStarted(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event,
            SessionService sessions, @Named(IServiceConstants.ACTIVE_SHELL) @Optional Shell shell) {
        OspreyPreferences preferences = new OspreyPreferences();
        EmbeddedMode preferred = preferences.startEmbeddedAgent()
                ? EmbeddedMode.valueOf(preferences.embeddedSource().name()) : null;
        EmbeddedMode mode = modeAtStart(System.getProperty(MODE_PROPERTY), Platform.getApplicationArgs(), preferred);
        if (mode != null && shell != null) {
            new EmbeddedAgentStarter(sessions, shell).start(mode);
        }
    }

    /** The mode to start in, or {@code null} for none. */
    static EmbeddedMode modeAtStart(String property, String[] applicationArgs, EmbeddedMode preferred) {
        for (String arg : applicationArgs) {
            if ("-capture".equals(arg)) {
                return null;
            }
        }
        if (property == null) {
            return preferred;
        }
        return switch (property.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "demo" -> EmbeddedMode.DEMO;
            case "off", "none" -> null;
            default -> EmbeddedMode.LIVE;
        };
    }
}
