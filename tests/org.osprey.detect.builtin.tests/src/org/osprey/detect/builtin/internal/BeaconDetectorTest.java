package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.beacon.BeaconDetector;

class BeaconDetectorTest {

    private static final long SECOND = TcpCapture.SECOND;
    private static final int SYN = 0x02, SYN_ACK = 0x12;
    private static final String IMPLANT = "10.10.0.42", C2 = "198.51.100.7";

    @TempDir
    Path temp;

    @Test
    void connectionsEverySixtySecondsWithSmallJitterAreBeaconing() throws Exception {
        Path file = temp.resolve("beacon.pcap");
        Random random = new Random(7);
        long t = 0;
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 15; i++) {
                t += 60 * SECOND + (long) ((random.nextDouble() - 0.5) * 6 * SECOND); // 60 s +- 3 s
                handshake(capture, t, IMPLANT, 49_000 + i, C2, 443);
                // A second connection in the same check-in and ordinary traffic to other places around it.
                handshake(capture, t + SECOND / 5, IMPLANT, 52_000 + i, C2, 443);
                handshake(capture, t + (1 + random.nextInt(50)) * SECOND, IMPLANT, 55_000 + i, "93.184.216." + i, 80);
            }
        }
        List<Alert> alerts = Replays.raw(new BeaconDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(Severity.MEDIUM, alert.severity());
        assertEquals("T1071", alert.mitreTechnique());
        assertEquals(IMPLANT, alert.sourceAddress());
        assertEquals(C2, alert.destinationAddress());
        assertEquals(443, alert.destinationPort());
        assertEquals("10", alert.evidence().get("connections"));
        double mean = Double.parseDouble(alert.evidence().get("mean interval").replace(" s", ""));
        assertTrue(mean > 57 && mean < 63, "mean interval " + mean);
        // Evidence: the first SYN of each of the ten check-ins, read back from the file.
        List<PacketSummary> packets = CapturePackets.read(file);
        assertEquals(10, alert.sequenceCount());
        for (long sequence : alert.sequences()) {
            PacketSummary syn = packets.get((int) sequence);
            assertEquals(IMPLANT, syn.source());
            assertEquals(C2, syn.destination());
            assertEquals(SYN, syn.tcpFlags());
            assertTrue(syn.srcPort() >= 49_000 && syn.srcPort() < 50_000, "first connection of its check-in");
        }
    }

    @Test
    void irregularConnectionsAreNot() throws Exception {
        Path file = temp.resolve("irregular.pcap");
        Random random = new Random(11);
        long t = 0;
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 40; i++) {
                // A person browsing: exponential gaps with a 60 s mean (coefficient of variation about 1).
                t += (long) (-Math.log(1 - random.nextDouble()) * 60 * SECOND) + 2 * SECOND;
                handshake(capture, t, IMPLANT, 49_000 + i, C2, 443);
            }
        }
        assertEquals(List.of(), Replays.raw(new BeaconDetector(), file, Map.of()));
    }

    @Test
    void fastPollingIsBelowTheShortestInterval() throws Exception {
        Path file = temp.resolve("polling.pcap");
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 30; i++) {
                handshake(capture, i * 2 * SECOND, IMPLANT, 49_000 + i, C2, 8080);
            }
        }
        assertEquals(List.of(), Replays.raw(new BeaconDetector(), file, Map.of()));
        // ... unless the analyst lowers it.
        assertEquals(1, Replays.raw(new BeaconDetector(), file, Map.of("interval.min.seconds", 1.0)).size());
    }

    @Test
    void ordinaryBrowsingRaisesNothing() throws Exception {
        assertEquals(List.of(), Replays.raw(new BeaconDetector(), "pcaps/benign/http_espn.pcapng"));
    }

    private static void handshake(TcpCapture capture, long t, String client, int port, String server, int serverPort)
            throws Exception {
        capture.tcp(t, client, port, server, serverPort, SYN, null);
        capture.tcp(t + SECOND / 100, server, serverPort, client, port, SYN_ACK, null);
    }
}
