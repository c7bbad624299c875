package org.osprey.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.PacketStream;
import org.osprey.stream.Subscription;
import org.osprey.testing.TestFiles;
import org.osprey.ui.charts.internal.StatisticsFeed;
import org.osprey.ui.charts.internal.TrafficSnapshot;
import org.osprey.ui.charts.internal.TrafficStatistics;

/**
 * The feed on the real PacketStream DS service: a capture published at full speed through a subscriber queue far too
 * short to hold it is still counted whole, because the feed reads the packets from the ring.
 */
class StatisticsFeedTest {

    @Test
    void aFilePublishedFasterThanTheQueueDrainsIsCountedWhole() throws IOException, InterruptedException {
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceReference<PacketStream> reference = bundles.getServiceReference(PacketStream.class);
        assertNotNull(reference, "the PacketStream DS service is registered");
        PacketStream stream = bundles.getService(reference);
        try {
            stream.clear();
            TrafficStatistics statistics = new TrafficStatistics();
            statistics.clear(stream.nextSequence());
            Object counted = new Object();
            StatisticsFeed feed = new StatisticsFeed(stream, statistics, stream.nextSequence(), () -> {
                synchronized (counted) {
                    counted.notifyAll();
                }
            });
            Path capture = TestFiles.corpus("pcaps/brute/ftp-crack.pcap");
            Map<String, Long> protocols = new HashMap<>();
            long published = 0;
            long end;
            try (Subscription wakeUps = stream.subscribe(null, feed, 4);
                    CaptureReader reader = CaptureFiles.open(capture)) {
                for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                    protocols.merge(packet.protocol().label(), 1L, Long::sum);
                    stream.publish(packet);
                    published++;
                }
                end = stream.nextSequence();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a hang guard only
                synchronized (counted) {
                    while (feed.nextSequence() < end && System.nanoTime() < deadline) {
                        counted.wait(100);
                    }
                }
                System.out.printf("StatisticsFeed: %,d packets published, %,d wake-ups delivered, %,d dropped by the"
                        + " queue of 4, all read from the ring%n", published, wakeUps.delivered(), wakeUps.dropped());
            }
            assertEquals(end, feed.nextSequence(), "the feed read up to the stream's end");
            TrafficSnapshot snapshot = statistics.snapshot();
            assertEquals(published, snapshot.packets(), "every packet counted, whatever the queue dropped");
            assertEquals(0, snapshot.notCounted(), "the ring held them all");
            assertEquals(protocols, snapshot.protocolPackets(), "packets per protocol, counted over the file");
        } finally {
            stream.clear();
            bundles.ungetService(reference);
        }
    }
}
