package org.osprey.stream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;
import org.osprey.stream.internal.PacketStreamImpl;

/** The Declarative Services component is registered in the OSGi runtime as the PacketStream service. */
class PacketStreamServiceTest {

    @Test
    void serviceIsFoundThroughServiceTrackerAndWorks() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(PacketStreamServiceTest.class);
        assertNotNull(bundle, "this test runs inside the OSGi test runtime (tycho-surefire)");
        if (bundle.getBundleContext() == null) {
            bundle.start(Bundle.START_TRANSIENT);
        }
        ServiceTracker<PacketStream, PacketStream> tracker = new ServiceTracker<>(bundle.getBundleContext(),
                PacketStream.class, null);
        tracker.open();
        try {
            PacketStream stream = tracker.waitForService(30_000);
            assertNotNull(stream, "no PacketStream service within 30 s: is Felix SCR running?");
            assertEquals(PacketStreamImpl.DEFAULT_RING_CAPACITY, stream.ringCapacity());
            assertEquals(PacketStreamImpl.DEFAULT_RING_CAPACITY,
                    tracker.getServiceReference().getProperty(PacketStreamImpl.RING_CAPACITY_PROPERTY));
            List<PacketSummary> packets = Corpus.packets("scan/NULL_SCAN.pcap");
            long first = stream.nextSequence();
            packets.forEach(stream::publish);
            assertEquals(first + packets.size(), stream.nextSequence());
            assertSame(packets.get(packets.size() - 1), stream.get(first + packets.size() - 1));
        } finally {
            tracker.close();
        }
    }
}
