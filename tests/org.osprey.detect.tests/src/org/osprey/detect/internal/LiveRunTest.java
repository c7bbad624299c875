package org.osprey.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.AlertHygiene;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus.State;
import org.osprey.detect.engine.PacketSource;
import org.osprey.detect.engine.PacketSources;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.stream.PacketStream;
import org.osprey.stream.internal.PacketStreamImpl;

/** Runs over the live stream service's ring: missed packets, and hygiene tuned while the run goes on. */
class LiveRunTest {

    /** The DS PacketStream service (the client's stream), its ring at the default capacity. */
    static PacketStream streamService() throws InterruptedException {
        ServiceTracker<PacketStream, PacketStream> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(LiveRunTest.class).getBundleContext(), PacketStream.class, null);
        tracker.open();
        PacketStream stream = tracker.waitForService(Await.HANG_GUARD_MILLIS);
        if (stream == null) {
            throw new AssertionError("no PacketStream service");
        }
        return stream;
    }

    @Test
    void theRingSourceCountsWhatTheRingOvertook() throws IOException {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/synscan.pcapng");
        PacketStreamImpl stream = new PacketStreamImpl(100);
        PacketSource source = PacketSources.ofStream(stream, stream.nextSequence());
        PacketSummary[] batch = new PacketSummary[256];
        for (int i = 0; i < 250; i++) {
            stream.publish(packets.get(i));
        }
        assertEquals(100, source.next(batch), "what the ring still holds");
        assertEquals(150, batch[0].sequence());
        assertEquals(150, source.missed());
        for (int i = 250; i < 260; i++) {
            stream.publish(packets.get(i));
        }
        assertEquals(10, source.next(batch));
        assertEquals(250, batch[0].sequence());
        assertEquals(150, source.missed(), "nothing more was lost");
    }

    @Test
    void theRingSourceCountsWhatTheRingNoLongerHeld() throws Exception {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/synscan.pcapng");
        PacketStream stream = streamService();
        long start = stream.nextSequence();
        PacketSource source = PacketSources.ofStream(stream, start);
        PacketSummary[] batch = new PacketSummary[256];
        assertEquals(0, source.next(batch), "nothing yet");
        for (int i = 0; i < 300; i++) {
            stream.publish(packets.get(i));
        }
        assertEquals(256, source.next(batch), "a full batch");
        assertEquals(start, batch[0].sequence());
        // the ring lets go of what the source has not read yet (cleared here; overtaken when full): 44 + 250 lost
        stream.clear();
        for (int i = 300; i < 550; i++) {
            stream.publish(packets.get(i));
        }
        stream.clear();
        for (int i = 550; i < 560; i++) {
            stream.publish(packets.get(i));
        }
        assertEquals(10, source.next(batch));
        assertEquals(start + 550, batch[0].sequence());
        assertEquals(294, source.missed());
        assertEquals(0, source.next(batch));
        assertEquals(294, source.missed(), "nothing more was lost");
    }

    @Test
    void aReinstatedDetectorInspectsAgainWithAFreshInspector() throws Exception {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/synscan.pcapng");
        PacketStreamImpl stream = new PacketStreamImpl(10_000);
        AtomicInteger inspectors = new AtomicInteger();
        // the first inspector throws on its first packet; later ones raise one alert per packet
        Detector flaky = new TestDetectors.Simple("flaky", null, context -> {
            boolean broken = inspectors.incrementAndGet() == 1;
            return packet -> {
                if (broken) {
                    throw new IllegalStateException("first inspector is broken");
                }
                context.alerts().raise(TestDetectors.perPacket("flaky", packet));
            };
        });
        Engine engine = new Engine(EngineBudgets.DEFAULTS);
        engine.addDetector(flaky);
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        DetectionRun run = engine.start("reinstate", PacketSources.ofStream(stream, stream.nextSequence()),
                alerts::add, Map.of("flaky", Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0)));
        try {
            for (int i = 0; i < 10; i++) {
                stream.publish(packets.get(i));
            }
            Await.until("quarantine", () -> FaultIsolationTest.status(run, "flaky").state()
                    == State.QUARANTINED);
            assertTrue(FaultIsolationTest.status(run, "flaky").reason().contains("first inspector is broken"));

            run.reinstate("flaky");
            Await.until("reinstated", () -> FaultIsolationTest.status(run, "flaky").state()
                    == State.ACTIVE);
            assertNull(FaultIsolationTest.status(run, "flaky").reason());
            for (int i = 10; i < 30; i++) {
                stream.publish(packets.get(i));
            }
            Await.until("20 packets for the fresh inspector", () -> alerts.size() == 20);
            assertEquals(2, inspectors.get());
            assertEquals(10, alerts.get(0).sequence(0), "from the next packet on, none of the missed ones replayed");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.reinstate("nobody"));
            assertTrue(e.getMessage().startsWith("no detector 'nobody'"), e.getMessage());
        } finally {
            run.close();
            engine.shutdown();
        }
    }

    /** Raises one alert per packet, always for the same host pair, so that hygiene decides what comes out. */
    private static Detector samePair(String id) {
        return new TestDetectors.Simple(id, null, context -> packet -> context.alerts()
                .raise(Alert.builder(id, 1, "same pair").source("10.0.0.1", Alert.NO_PORT)
                        .destination("10.0.0.2", Alert.NO_PORT).packet(packet).build()));
    }

    @Test
    void hygieneIsConfiguredLiveAndBadValuesChangeNothing() throws Exception {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/synscan.pcapng");
        PacketStream stream = streamService();
        Engine engine = new Engine(EngineBudgets.DEFAULTS);
        engine.addDetector(samePair("pair"));
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        DetectionRun run = engine.start("live", PacketSources.ofStream(stream, stream.nextSequence()), alerts::add);
        try {
            int[] published = {0};
            Runnable publish20 = () -> {
                for (int i = 0; i < 20; i++) {
                    stream.publish(packets.get(published[0]++));
                }
                Await.until(published[0] + " packets inspected",
                        () -> FaultIsolationTest.status(run, "pair").packetsSeen() == published[0]);
            };

            publish20.run();
            assertEquals(1, alerts.size(), "the default suppression merges the 19 repeats");
            assertEquals(19, FaultIsolationTest.status(run, "pair").alertsSuppressed());

            run.configure("pair", Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0));
            publish20.run();
            assertEquals(21, alerts.size(), "no suppression: every alert");

            run.configure("pair", Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0, AlertHygiene.THRESHOLD_COUNT, 5.0));
            publish20.run();
            assertEquals(25, alerts.size(), "one in five within the threshold window");
            assertEquals("5 times in 60 s", alerts.get(24).evidence().get(AlertHygiene.EVIDENCE_THRESHOLD));

            Map<String, Double> before = FaultIsolationTest.status(run, "pair").settings().values();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run.configure("pair", Map.of(AlertHygiene.THRESHOLD_COUNT, 0.0)));
            assertEquals("Raise after (times) (alerts.threshold.count) must be between 1 and 1000000, not 0.0",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> run.configure("pair", Map.of("alerts.nonsense", 1.0)));
            assertTrue(e.getMessage().startsWith("no parameter 'alerts.nonsense' (known: "), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> run.configure("nobody", Map.of()));
            assertTrue(e.getMessage().startsWith("no detector 'nobody' in run live"), e.getMessage());
            assertEquals(before, FaultIsolationTest.status(run, "pair").settings().values());

            run.configure("pair", Map.of()); // back to the defaults: the first is shown, its repeats merged
            publish20.run();
            assertEquals(26, alerts.size());
            assertEquals(0, run.packetsMissed());
        } finally {
            run.close();
            engine.shutdown();
        }
    }
}
