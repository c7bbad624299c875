package org.osprey.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.AlertHygiene;
import org.osprey.detect.engine.DetectorStatus.State;
import org.osprey.detect.eve.EveJson;
import org.osprey.detect.replay.DetectorReplay;

class DetectorReplayTest {

    private static final Path SYN_SCAN = Corpus.file("pcaps/scan/TCP_SYN_SCAN.pcap");
    private static final String SYN_FILTER = "tcp.flags.syn == 1 && tcp.flags.ack == 0";

    /** One alert per SYN, per destination port (so hygiene keeps them apart when ports count). */
    private static Detector synAlerts() {
        return new TestDetectors.Simple("test.syn", SYN_FILTER, context -> packet -> context.alerts()
                .raise(Alert.builder("test.syn", 7, "SYN").source(packet.source(), packet.srcPort())
                        .destination(packet.destination(), packet.dstPort()).transport("TCP")
                        .communityId(packet.communityId()).packet(packet).build()));
    }

    /** SYNs without ACK counted from the file itself, independently of the engine. */
    private static long countSyns(Path file) throws IOException {
        long count = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketSummary packet;
            while ((packet = reader.next()) != null) {
                int flags = packet.tcpFlags();
                if (flags >= 0 && (flags & PacketSummary.TCP_SYN) != 0 && (flags & PacketSummary.TCP_ACK) == 0) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void sameFileTwiceGivesTheSameAlerts() throws IOException {
        DetectorReplay replay = DetectorReplay.of(synAlerts()).withoutHygiene();
        DetectorReplay.Result first = replay.run(SYN_SCAN);
        DetectorReplay.Result second = replay.run(SYN_SCAN);

        assertEquals(countSyns(SYN_SCAN), first.alerts().size());
        assertEquals(lines(first.alerts()), lines(second.alerts()));
        assertNull(first.failure());
        assertEquals(State.ACTIVE, first.status("test.syn").state());
        assertEquals(countSyns(SYN_SCAN), first.status("test.syn").packetsSeen(), "what its filter let through");
        assertEquals(2020, first.packets());
    }

    @Test
    void hygieneAppliesInTheReplay() throws IOException {
        DetectorReplay.Result result = DetectorReplay.of(synAlerts()).run(SYN_SCAN);

        // one scanner, one target: every SYN alert after the first is a repeat within the default 300 s
        assertEquals(1, result.alerts().size());
        assertEquals(countSyns(SYN_SCAN) - 1, result.status("test.syn").alertsSuppressed());
        assertEquals(countSyns(SYN_SCAN), result.status("test.syn").alertsRaised());
    }

    @Test
    void configureAfterWithoutHygieneKeepsHygieneOff() throws IOException {
        DetectorReplay.Result result = DetectorReplay.of(synAlerts()).withoutHygiene()
                .configure("test.syn", Map.of(AlertHygiene.THRESHOLD_SECONDS, 10.0)).run(SYN_SCAN);
        assertEquals(countSyns(SYN_SCAN), result.alerts().size());
        assertEquals(10.0, result.status("test.syn").settings().value(AlertHygiene.THRESHOLD_SECONDS));
    }

    @Test
    void settingsAreChecked() {
        DetectorReplay unknownKey = DetectorReplay.of(synAlerts()).configure("test.syn", Map.of("nope", 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unknownKey.run(SYN_SCAN));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());

        DetectorReplay outOfRange = DetectorReplay.of(synAlerts())
                .configure("test.syn", Map.of(AlertHygiene.THRESHOLD_COUNT, 0.0));
        e = assertThrows(IllegalArgumentException.class, () -> outOfRange.run(SYN_SCAN));
        assertTrue(e.getMessage().contains("must be between 1 and 1000000"), e.getMessage());

        DetectorReplay unknownDetector = DetectorReplay.of(synAlerts()).configure("other", Map.of());
        e = assertThrows(IllegalArgumentException.class, () -> unknownDetector.run(SYN_SCAN));
        assertTrue(e.getMessage().contains("no detector 'other'"), e.getMessage());
    }

    private static List<String> lines(List<Alert> alerts) {
        return alerts.stream().map(EveJson::line).toList();
    }
}
