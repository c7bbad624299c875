package org.osprey.ui.preferences;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.eclipse.core.runtime.ILog;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Applies the ring capacity preference to the client's PacketStream, a DS component configured through Configuration
 * Admin: the component's configuration (PID {@value #STREAM_PID}) gets property {@value #RING_CAPACITY_PROPERTY}, and
 * the component's {@code @Modified} method takes it live, keeping the newest packets that fit.
 * <p>
 * Plain OSGi, no DS: make one with the bundle context, {@link #start()} it (applies the current value and follows
 * changes), {@link #close()} it when done. Without a Configuration Admin service it logs once and does nothing: the
 * stream then keeps its default capacity.
 */
public final class StreamConfigurationApplier implements AutoCloseable {

    /** The configuration PID of the PacketStream component (its implementation class name). */
    public static final String STREAM_PID = "org.osprey.stream.internal.PacketStreamImpl";
    /** The component property holding the ring capacity in packets. */
    public static final String RING_CAPACITY_PROPERTY = "ring.capacity";

    private final BundleContext bundleContext;
    private final OspreyPreferences preferences;
    private OspreyPreferences.Registration listening;

    public StreamConfigurationApplier(BundleContext bundleContext, OspreyPreferences preferences) {
        this.bundleContext = bundleContext;
        this.preferences = preferences;
    }

    /** Applies the current ring capacity and then every change of it. */
    public synchronized void start() {
        if (listening == null) {
            listening = preferences.addListener(key -> {
                if (OspreyPreferences.RING_CAPACITY.equals(key)) {
                    apply();
                }
            });
        }
        apply();
    }

    /**
     * Puts the preference's ring capacity into the stream's configuration (nothing happens when it is already there).
     *
     * @return false when there is no Configuration Admin service or the configuration could not be written (logged)
     */
    public boolean apply() {
        int capacity = preferences.ringCapacity();
        ServiceReference<ConfigurationAdmin> reference = bundleContext.getServiceReference(ConfigurationAdmin.class);
        ConfigurationAdmin configurationAdmin = reference == null ? null : bundleContext.getService(reference);
        if (configurationAdmin == null) {
            ILog.of(StreamConfigurationApplier.class).warn("No Configuration Admin service: the packet ring keeps its"
                    + " default capacity instead of " + capacity);
            return false;
        }
        try {
            // location null: the configuration binds to the bundle of the component that uses it (the stream's)
            Configuration configuration = configurationAdmin.getConfiguration(STREAM_PID, null);
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            properties.put(RING_CAPACITY_PROPERTY, capacity);
            configuration.updateIfDifferent(properties);
            return true;
        } catch (IOException | RuntimeException e) {
            ILog.of(StreamConfigurationApplier.class).error("Cannot set the packet ring capacity to " + capacity, e);
            return false;
        } finally {
            bundleContext.ungetService(reference);
        }
    }

    /** Stops following the preference (the stream keeps the capacity it has). */
    @Override
    public synchronized void close() {
        if (listening != null) {
            listening.close();
            listening = null;
        }
    }
}
