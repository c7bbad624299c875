package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.AlertSink;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.builtin.internal.auth.BruteForceDetector;
import org.osprey.detect.builtin.internal.auth.CleartextCredentialsDetector;
import org.osprey.detect.builtin.internal.beacon.BeaconDetector;
import org.osprey.detect.builtin.internal.dns.DnsTunnelDetector;
import org.osprey.stream.DisplayFilter;

/**
 * The application-layer detectors over bench/bigmix-350k.pcap, held in memory so that only the detectors are timed:
 * prints what each raises (a sanity check: a mix of public captures) and its cost per packet of the whole capture,
 * the detector's filter included. Asserts that every alert is complete and points at packets of the capture.
 */
class ApplicationDetectorsBigmixTest {

    private static final int TIMED_RUNS = 3;

    @Test
    void bigmixAlertsAndCostPerPacket() throws Exception {
        List<PacketSummary> packets = CapturePackets.read(CorpusReplay.corpus("pcaps/bench/bigmix-350k.pcap"));
        System.out.printf(Locale.ROOT, "bigmix-350k: %,d packets in memory%n", packets.size());
        List<Detector> detectors = List.of(new DnsTunnelDetector(), new CleartextCredentialsDetector(),
                new BruteForceDetector(), new BeaconDetector());
        double totalNanosPerPacket = 0;
        for (Detector detector : detectors) {
            DisplayFilter filter = DisplayFilter.compile(detector.filter());
            List<Alert> alerts = replay(detector, filter, packets); // also the JIT's warm-up
            long best = Long.MAX_VALUE;
            for (int run = 0; run < TIMED_RUNS; run++) {
                long start = System.nanoTime();
                int raised = replay(detector, filter, packets).size();
                best = Math.min(best, System.nanoTime() - start);
                assertEquals(alerts.size(), raised, "a replay gives the same alerts every time");
            }
            double perPacket = (double) best / packets.size();
            totalNanosPerPacket += perPacket;
            System.out.printf(Locale.ROOT, "%-30s %7.1f ns/packet (filter included, best of %d), %d alerts%n",
                    detector.id(), perPacket, TIMED_RUNS, alerts.size());
            Map<String, Integer> bySignature = new TreeMap<>();
            for (Alert alert : alerts) {
                assertComplete(detector, alert, packets.size());
                bySignature.merge(alert.severity() + " " + alert.signature(), 1, Integer::sum);
            }
            bySignature.forEach((signature, count) -> System.out.printf("    %5d x %s%n", count, signature));
            alerts.stream().limit(5).forEach(alert -> System.out.println("      e.g. " + alert.message()));
        }
        System.out.printf(Locale.ROOT, "all four: %.1f ns/packet, %,.0f packets per CPU-second%n",
                totalNanosPerPacket, 1e9 / totalNanosPerPacket);
    }

    private static void assertComplete(Detector detector, Alert alert, int packetCount) {
        assertEquals(detector.id(), alert.detectorId());
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

    /** As {@link CorpusReplay} does, over packets in memory. */
    private static List<Alert> replay(Detector detector, DisplayFilter filter, List<PacketSummary> packets) {
        List<Alert> alerts = new ArrayList<>();
        DetectorSettings settings = DetectorSettings.defaults(detector.parameters());
        AlertSink sink = alerts::add;
        PacketInspector inspector = detector.start(new DetectorContext() {
            @Override
            public AlertSink alerts() {
                return sink;
            }

            @Override
            public DetectorSettings settings() {
                return settings;
            }
        });
        long nextTick = Long.MIN_VALUE;
        long last = 0;
        for (PacketSummary packet : packets) {
            last = packet.timestampNanos();
            if (nextTick == Long.MIN_VALUE) {
                nextTick = last + CorpusReplay.SECOND;
            } else if (last >= nextTick) {
                inspector.timeAdvanced(last);
                nextTick = last + CorpusReplay.SECOND;
            }
            if (filter.matches(packet)) {
                inspector.inspect(packet);
            }
        }
        inspector.timeAdvanced(last);
        inspector.close();
        return alerts;
    }
}
