package org.osprey.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.AlertHygiene;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.engine.DetectorStatus.State;
import org.osprey.detect.engine.PacketSources;

/** A detector that throws, spins or is too slow is quarantined with its reason; the others lose nothing. */
class FaultIsolationTest {

    private static final String FILE = "pcaps/scan/synscan.pcapng";
    private static final Map<String, Double> NO_HYGIENE = Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0);

    @Test
    void throwingAndSpinningDetectorsAreQuarantinedWhileGoodOnesSeeEveryPacketOnce() throws Exception {
        long packets = Corpus.packets(FILE).size();
        CountDownLatch spinning = new CountDownLatch(1);
        List<Detector> detectors = List.of(
                TestDetectors.everyPacket("good.before"),
                TestDetectors.throwsOn("thrower", sequence -> sequence == 300),
                TestDetectors.spinsOn("spinner", sequence -> sequence == 700, spinning),
                TestDetectors.everyPacket("good.after"));
        // a short stall budget keeps the test quick; the mechanism is the same at the default 2 s
        Engine engine = new Engine(EngineBudgets.DEFAULTS.withStallNanos(200_000_000L));
        detectors.forEach(engine::addDetector);
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        try (CaptureReader reader = CaptureFiles.open(Corpus.file(FILE))) {
            DetectionRun run = engine.start("faults", PacketSources.ofReader(reader), alerts::add,
                    Map.of("good.before", NO_HYGIENE, "good.after", NO_HYGIENE, "spinner", NO_HYGIENE));
            assertNull(run.awaitEnd());

            assertEquals(packets, run.packetsInspected());
            for (String good : List.of("good.before", "good.after")) {
                List<Long> sequences = alerts.stream().filter(alert -> alert.detectorId().equals(good))
                        .map(alert -> alert.sequence(0)).toList();
                assertEquals(packets, sequences.size(), good + ": one alert per packet");
                for (int i = 0; i < sequences.size(); i++) {
                    assertEquals(i, sequences.get(i), good + ": every packet once, in order");
                }
                DetectorStatus status = status(run, good);
                assertEquals(State.ACTIVE, status.state());
                assertEquals(packets, status.packetsSeen());
                assertEquals(packets, status.alertsRaised());
            }
            DetectorStatus thrower = status(run, "thrower");
            assertEquals(State.QUARANTINED, thrower.state());
            assertTrue(thrower.reason().startsWith("threw java.lang.IllegalStateException: broken on packet 300 at "),
                    thrower.reason());
            assertTrue(thrower.reason().contains("TestDetectors"), "names the top frame: " + thrower.reason());

            DetectorStatus spinner = status(run, "spinner");
            assertEquals(State.QUARANTINED, spinner.state());
            assertTrue(spinner.reason().startsWith("did not return from inspect within 200 ms"), spinner.reason());
            assertEquals(0, spinner.alertsRaised(), "the abandoned thread came back and its alert was dropped");
            assertEquals(0, alerts.stream().filter(alert -> alert.detectorId().equals("spinner")).count());
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void aDetectorSlowerThanItsBudgetOnAverageIsQuarantined() throws Exception {
        Detector slow = new TestDetectors.Simple("slow", null, context -> packet -> {
            long until = System.nanoTime() + 20_000; // 20 µs per packet, at least
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        Engine engine = new Engine(EngineBudgets.DEFAULTS.withSlowBudget(5_000, 500));
        engine.addDetector(slow);
        engine.addDetector(TestDetectors.noOp("fast"));
        try (CaptureReader reader = CaptureFiles.open(Corpus.file(FILE))) {
            DetectionRun run = engine.start("slow", PacketSources.ofReader(reader), alert -> {
            });
            assertNull(run.awaitEnd());
            DetectorStatus status = status(run, "slow");
            assertEquals(State.QUARANTINED, status.state());
            assertTrue(status.reason().startsWith("too slow: "), status.reason());
            assertTrue(status.reason().endsWith("per packet on average over 512 packets (budget 5.0 µs)"),
                    status.reason());
            assertEquals(512, status.packetsSeen(), "two batches of 256, then the average was over budget");
            assertEquals(State.ACTIVE, status(run, "fast").state());
            assertEquals(run.packetsInspected(), status(run, "fast").packetsSeen());
        } finally {
            engine.shutdown();
        }
    }

    @Test
    void aDetectorThatCannotStartIsQuarantinedWithTheReason() throws IOException, InterruptedException {
        Detector badFilter = new TestDetectors.Simple("bad.filter", "tcp.port ==", context -> packet -> {
        });
        Detector badStart = new TestDetectors.Simple("bad.start", null, context -> {
            throw new UnsupportedOperationException("no state today");
        });
        Engine engine = new Engine(EngineBudgets.DEFAULTS);
        engine.addDetector(badFilter);
        engine.addDetector(badStart);
        engine.addDetector(TestDetectors.noOp("fine"));
        try (CaptureReader reader = CaptureFiles.open(Corpus.file(FILE))) {
            DetectionRun run = engine.start("starts", PacketSources.ofReader(reader), alert -> {
            });
            assertNull(run.awaitEnd());
            assertTrue(status(run, "bad.filter").reason().startsWith("its filter does not compile: "),
                    status(run, "bad.filter").reason());
            assertTrue(status(run, "bad.start").reason()
                    .startsWith("start threw java.lang.UnsupportedOperationException: no state today"));
            assertEquals(run.packetsInspected(), status(run, "fine").packetsSeen());
        } finally {
            engine.shutdown();
        }
    }

    static DetectorStatus status(DetectionRun run, String id) {
        return run.detectors().stream().filter(status -> status.id().equals(id)).findFirst().orElseThrow();
    }
}
