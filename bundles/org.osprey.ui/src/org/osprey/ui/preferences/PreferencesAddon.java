package org.osprey.ui.preferences;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Application addon that applies the preferences that configure services rather than views: the packet ring capacity,
 * through {@link StreamConfigurationApplier}, at startup and whenever it changes.
 */
public final class PreferencesAddon {

    private StreamConfigurationApplier streamConfiguration;

    @PostConstruct
    void start() {
        Bundle bundle = FrameworkUtil.getBundle(PreferencesAddon.class);
        streamConfiguration = new StreamConfigurationApplier(bundle.getBundleContext(), new OspreyPreferences());
        streamConfiguration.start();
    }

    @PreDestroy
    void stop() {
        if (streamConfiguration != null) {
            streamConfiguration.close();
        }
    }
}
