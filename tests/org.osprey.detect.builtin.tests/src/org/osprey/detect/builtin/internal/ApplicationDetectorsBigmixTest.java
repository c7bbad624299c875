package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.builtin.internal.auth.BruteForceDetector;
import org.osprey.detect.builtin.internal.auth.CleartextCredentialsDetector;
import org.osprey.detect.builtin.internal.beacon.BeaconDetector;
import org.osprey.detect.builtin.internal.dns.DnsTunnelDetector;
import org.osprey.detect.replay.DetectorReplay;
import org.osprey.stream.DisplayFilter;

/**
 * The application-layer detectors over bench/bigmix-350k.pcap (a mix of public test captures). Prints what each
 * raises, as a sanity check, and its cost per packet of the capture twice: as the engine measures it in a replay
 * (time in the detector's filter and inspector, summed per batch, while the reader decodes on another thread), and
 * with the packets decoded beforehand and held in memory, so that only the detector runs. Asserts that the runs agree,
 * that no detector was quarantined, and that every alert is complete and points at packets of the capture.
 */
class ApplicationDetectorsBigmixTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int TIMED_RUNS = 3;
    private static final List<Detector> DETECTORS = List.of(new DnsTunnelDetector(),
            new CleartextCredentialsDetector(), new BruteForceDetector(), new BeaconDetector());

    @Test
    void bigmixAlertsAndCostPerPacket() throws Exception {
        Path bigmix = Replays.corpus("pcaps/bench/bigmix-350k.pcap");
        DetectorReplay replay = DetectorReplay.of(DETECTORS).withoutHygiene();
        DetectorReplay.Result warmUp = replay.run(bigmix);
        DetectorReplay.Result result = replay.run(bigmix);
        assertNull(result.failure());
        assertEquals(warmUp.alerts().size(), result.alerts().size(), "a replay gives the same alerts every time");
        System.out.printf(Locale.ROOT, "bigmix-350k: %,d packets%n", result.packets());

        double totalNanosPerPacket = 0;
        for (Detector detector : DETECTORS) {
            DetectorStatus status = result.status(detector.id());
            assertEquals(DetectorStatus.State.ACTIVE, status.state(), status::reason);
            double perPacket = (double) status.nanosSpent() / result.packets();
            totalNanosPerPacket += perPacket;
            List<Alert> alerts = result.alertsOf(detector.id());
            System.out.printf(Locale.ROOT, "%-30s %6.1f ns/packet of the capture (filter included; %,d packets"
                    + " seen), %d alerts%n", detector.id(), perPacket, status.packetsSeen(), alerts.size());
            Map<String, Integer> bySignature = new TreeMap<>();
            for (Alert alert : alerts) {
                assertComplete(alert, result.packets());
                bySignature.merge(alert.severity() + " " + alert.signature(), 1, Integer::sum);
            }
            bySignature.forEach((signature, count) -> System.out.printf("    %5d x %s%n", count, signature));
            alerts.stream().limit(5).forEach(alert -> System.out.println("      e.g. " + alert.message()));
        }
        System.out.printf(Locale.ROOT, "all four in the engine: %.1f ns/packet, %,.0f packets per CPU-second%n",
                totalNanosPerPacket, 1e9 / totalNanosPerPacket);

        List<PacketSummary> packets = CapturePackets.read(bigmix);
        double inMemoryTotal = 0;
        for (Detector detector : DETECTORS) {
            DisplayFilter filter = DisplayFilter.compile(detector.filter());
            int raised = replayInMemory(detector, filter, packets); // also the JIT's warm-up
            long best = Long.MAX_VALUE;
            for (int run = 0; run < TIMED_RUNS; run++) {
                long start = System.nanoTime();
                assertEquals(raised, replayInMemory(detector, filter, packets));
                best = Math.min(best, System.nanoTime() - start);
            }
            assertEquals(result.alertsOf(detector.id()).size(), raised, "the same alerts as through the engine");
            double perPacket = (double) best / packets.size();
            inMemoryTotal += perPacket;
            System.out.printf(Locale.ROOT, "%-30s %6.1f ns/packet in memory (filter included, best of %d)%n",
                    detector.id(), perPacket, TIMED_RUNS);
        }
        System.out.printf(Locale.ROOT, "all four in memory: %.1f ns/packet, %,.0f packets per CPU-second%n",
                inMemoryTotal, 1e9 / inMemoryTotal);
    }

    /** The engine's loop (filter, a time advance per second of packet time) over packets in memory; alerts raised. */
    private static int replayInMemory(Detector detector, DisplayFilter filter, List<PacketSummary> packets) {
        int[] alerts = new int[1];
        PacketInspector inspector = Replays.start(detector, alert -> alerts[0]++);
        long nextTick = Long.MIN_VALUE;
        for (PacketSummary packet : packets) {
            long time = packet.timestampNanos();
            if (time >= nextTick) {
                if (nextTick != Long.MIN_VALUE) {
                    inspector.timeAdvanced(time);
                }
                nextTick = time + SECOND;
            }
            if (filter.matches(packet)) {
                inspector.inspect(packet);
            }
        }
        inspector.timeAdvanced(packets.get(packets.size() - 1).timestampNanos());
        inspector.close();
        return alerts[0];
    }

    private static void assertComplete(Alert alert, long packetCount) {
        assertNotNull(alert.sourceAddress(), alert::toString);
        assertNotNull(alert.destinationAddress(), alert::toString);
        assertNotNull(alert.mitreTechnique(), alert::toString);
        assertFalse(alert.evidence().isEmpty(), alert::toString);
        assertTrue(alert.message().contains(alert.sourceAddress()), alert::toString);
        assertTrue(alert.sequenceCount() > 0, alert::toString);
        for (long sequence : alert.sequences()) {
            assertTrue(sequence >= 0 && sequence < packetCount, alert::toString);
        }
    }
}
