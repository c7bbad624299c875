package org.osprey.ui.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;

/**
 * The ring size preference reaches the running PacketStream DS component through Felix Configuration Admin and SCR:
 * the real services of this OSGi runtime, no stand-ins.
 */
class StreamConfigurationApplierTest {

    private static final long BOUND_MILLIS = 60_000;

    private BundleContext context;
    private ServiceReference<PacketStream> streamReference;
    private PacketStream stream;
    private IEclipsePreferences node;
    private OspreyPreferences preferences;
    private StreamConfigurationApplier applier;
    private Publisher publisher;

    @BeforeEach
    void getTheStream() throws BundleException, IOException {
        context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        // the test runtime starts only SCR and the harness by itself; the product starts Configuration Admin early
        Bundle configurationAdmin = FrameworkUtil.getBundle(ConfigurationAdmin.class);
        assertNotNull(configurationAdmin, "Felix Configuration Admin is in the runtime");
        configurationAdmin.start();
        streamReference = context.getServiceReference(PacketStream.class);
        assertNotNull(streamReference, "the PacketStream DS service is registered");
        stream = context.getService(streamReference);
        node = InstanceScope.INSTANCE.getNode("org.osprey.ui.tests.applier");
        preferences = new OspreyPreferences(node);
        publisher = new Publisher(TestFiles.corpus("pcaps/scan/synscan.pcapng"));
    }

    @AfterEach
    void putEverythingBack() throws Exception {
        if (applier != null) {
            applier.close();
        }
        publisher.close();
        node.clear();
        ServiceReference<ConfigurationAdmin> reference = context.getServiceReference(ConfigurationAdmin.class);
        Configuration configuration = context.getService(reference)
                .getConfiguration(StreamConfigurationApplier.STREAM_PID, null);
        configuration.delete();
        context.ungetService(reference);
        context.ungetService(streamReference);
    }

    @Test
    void theRingCapacityFollowsThePreferenceInTheRunningFramework() throws IOException {
        assertEquals(1_000_000, stream.ringCapacity(), "the component's default before any configuration");
        preferences.setRingCapacity(10_000);
        applier = new StreamConfigurationApplier(context, preferences);
        applier.start();
        publishUntilCapacityIs(10_000);

        // changed while running: the listener applies it, no call needed
        preferences.setRingCapacity(20_000);
        publishUntilCapacityIs(20_000);
        for (int i = 0; i < 25_000; i++) {
            publisher.publishOne();
        }
        assertEquals(20_000, stream.nextSequence() - stream.oldestSequence(), "the ring holds the newest 20,000");
        assertEquals(20_000, stream.statistics().ringSize());

        // once closed the applier no longer follows
        applier.close();
        preferences.setRingCapacity(30_000);
        assertEquals(30_000, node.getInt(OspreyPreferences.RING_CAPACITY, 0));
        for (int i = 0; i < 100; i++) {
            publisher.publishOne();
        }
        assertEquals(20_000, stream.ringCapacity());
    }

    /** The stream applies a new capacity at its next publish (one writer): publish until it shows, within a bound. */
    private void publishUntilCapacityIs(int capacity) throws IOException {
        long deadline = System.currentTimeMillis() + BOUND_MILLIS;
        while (stream.ringCapacity() != capacity) {
            if (System.currentTimeMillis() > deadline) {
                fail("ring capacity still " + stream.ringCapacity() + " after " + BOUND_MILLIS + " ms, expected "
                        + capacity);
            }
            publisher.publishOne();
            Thread.onSpinWait();
        }
    }

    /** Publishes a capture's packets, reading it again from the start when it ends: a new summary every time. */
    private final class Publisher {
        private final Path capture;
        private CaptureReader reader;

        Publisher(Path capture) throws IOException {
            this.capture = capture;
            this.reader = CaptureFiles.open(capture);
        }

        void publishOne() throws IOException {
            PacketSummary packet = reader.next();
            if (packet == null) {
                reader.close();
                reader = CaptureFiles.open(capture);
                packet = reader.next();
            }
            stream.publish(packet);
        }

        void close() throws IOException {
            reader.close();
        }
    }
}
