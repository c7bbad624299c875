package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.builtin.internal.arp.ArpScanDetector;
import org.osprey.detect.builtin.internal.arp.ArpSpoofDetector;
import org.osprey.detect.builtin.internal.flood.IcmpFloodDetector;
import org.osprey.detect.builtin.internal.flood.SynFloodDetector;
import org.osprey.detect.builtin.internal.scan.PingSweepDetector;
import org.osprey.detect.builtin.internal.scan.PortScanDetector;
import org.osprey.detect.replay.DetectorReplay;

/**
 * The network detectors together over bench/bigmix-350k.pcap (a mix of public test captures): prints what each raises
 * (a sanity check: the mix has no ground truth) and its cost per packet as the engine measures it (time in its filter
 * and inspector), and checks that none was quarantined, that a second replay gives the same alerts, and that every
 * alert is complete and points at packets of the capture.
 */
class NetworkDetectorsBigmixTest {

    private static final List<Detector> DETECTORS = List.of(new PortScanDetector(), new PingSweepDetector(),
            new ArpScanDetector(), new ArpSpoofDetector(), new SynFloodDetector(), new IcmpFloodDetector());

    @Test
    void bigmixAlertsAndCostPerPacket() throws Exception {
        Path bigmix = Replays.corpus("pcaps/bench/bigmix-350k.pcap");
        DetectorReplay replay = DetectorReplay.of(DETECTORS).withoutHygiene();
        DetectorReplay.Result warmUp = replay.run(bigmix);
        DetectorReplay.Result result = replay.run(bigmix);
        assertNull(result.failure());
        assertEquals(warmUp.alerts().stream().map(Alert::toString).toList(),
                result.alerts().stream().map(Alert::toString).toList(), "a replay gives the same alerts every time");
        System.out.printf(Locale.ROOT, "bigmix-350k: %,d packets%n", result.packets());

        double total = 0;
        for (Detector detector : DETECTORS) {
            DetectorStatus status = result.status(detector.id());
            assertEquals(DetectorStatus.State.ACTIVE, status.state(), status::reason);
            double perPacket = (double) status.nanosSpent() / result.packets();
            total += perPacket;
            List<Alert> alerts = result.alertsOf(detector.id());
            System.out.printf(Locale.ROOT, "%-20s %6.1f ns per capture packet (filter included), %,d inspected,"
                    + " %d alerts%n", detector.id(), perPacket, status.packetsSeen(), alerts.size());
            for (Alert alert : alerts) {
                assertComplete(alert, result.packets());
                System.out.println("    " + alert.severity() + " " + alert.signature() + ": " + alert.message());
            }
        }
        System.out.printf(Locale.ROOT, "all six in the engine: %.1f ns per packet, %,.0f packets per CPU-second%n",
                total, 1e9 / total);
    }

    private static void assertComplete(Alert alert, long packetCount) {
        assertNotNull(alert.destinationAddress(), alert::toString);
        assertNotNull(alert.mitreTechnique(), alert::toString);
        assertFalse(alert.evidence().isEmpty(), alert::toString);
        assertTrue(alert.message().contains(alert.destinationAddress()), alert::toString);
        // floods from many sources name no attacker; everything else does
        assertTrue(alert.sourceAddress() != null || alert.signature().endsWith("flood"), alert::toString);
        assertTrue(alert.sequenceCount() > 0, alert::toString);
        for (long sequence : alert.sequences()) {
            assertTrue(sequence >= 0 && sequence < packetCount, alert::toString);
        }
    }
}
