package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.flood.SynFloodDetector;
import org.osprey.detect.replay.DetectorReplay;

class SynFloodDetectorTest {

    private static final String FLOOD = "pcaps/flood/pkt.TCP.synflood.spoofed.pcap";
    private static final int SYN = 0x02, ACK = 0x10, SYN_ACK = 0x12;

    @Test
    void spoofedFloodIsReportedWithItsVictim() throws Exception {
        List<Alert> alerts = Replays.raw(new SynFloodDetector(), FLOOD);

        assertTrue(!alerts.isEmpty(), "a flood is reported");
        Alert alert = alerts.get(0);
        assertEquals(SynFloodDetector.SIG_SYN_FLOOD, alert.signatureId());
        assertEquals(Severity.HIGH, alert.severity());
        assertEquals("T1499.001", alert.mitreTechnique());
        // the README: 37,841 SYNs from spoofed sources to 10.10.10.10:25565
        assertEquals("10.10.10.10", alert.destinationAddress());
        assertEquals(25565, alert.destinationPort());
        assertNull(alert.sourceAddress(), "spoofed sources: no one attacker to name");
        assertEquals("100", alert.evidence().get("SYNs"));
        assertEquals("0", alert.evidence().get("completed handshakes (at most)"));
        long sources = Long.parseLong(alert.evidence().get("distinct sources (estimate)"));
        // tshark: the first 100 SYNs come from 100 distinct addresses; linear counting in 2,048 bits is within 5%
        assertTrue(sources >= 95 && sources <= 105, () -> sources + " sources");
        assertTrue(alert.message().startsWith("SYN flood on 10.10.10.10 port 25565: 100 SYNs in "), alert.message());
        assertTrue(alert.message().endsWith("(spoofed), 0 handshakes completed"), alert.message());

        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(FLOOD));
        for (long sequence : alert.sequences()) {
            PacketSummary syn = packets.get((int) sequence);
            assertEquals(SYN, syn.tcpFlags() & 0x3f);
            assertEquals("10.10.10.10", syn.destination());
        }
        // every alert is about the one victim (a flood that paused and resumed may be raised again)
        assertTrue(alerts.stream().allMatch(a -> "10.10.10.10".equals(a.destinationAddress())), alerts::toString);
    }

    @Test
    void theAnalystIsShownOneAlert() throws Exception {
        DetectorReplay.Result result = Replays.shown(new SynFloodDetector(), FLOOD);
        assertEquals(1, result.alerts().size(), result.alerts()::toString);
    }

    @Test
    void scansAndBrowsingAreNoFlood() throws Exception {
        // 1,000 SYNs in 1.2 s, but each to another port: no service gets more than one
        assertEquals(List.of(), Replays.raw(new SynFloodDetector(), "pcaps/scan/TCP_SYN_SCAN.pcap"));
        assertEquals(List.of(), Replays.raw(new SynFloodDetector(), "pcaps/benign/http_espn.pcapng"));
    }

    @Test
    void aBusyServerWhoseClientsCompleteTheirHandshakesIsNoFlood(@TempDir Path dir) throws Exception {
        Path busy = dir.resolve("busy.pcap");
        Path flood = dir.resolve("flood.pcap");
        try (TcpCapture healthy = new TcpCapture(busy); TcpCapture abandoned = new TcpCapture(flood)) {
            for (int client = 0; client < 300; client++) {
                long t = client * 2_000_000L; // 500 connections per second
                String address = "172.20." + client / 200 + "." + client % 200;
                healthy.tcp(t, address, 40_000 + client, "172.21.0.1", 443, SYN, null)
                        .tcp(t + 10_000, "172.21.0.1", 443, address, 40_000 + client, SYN_ACK, null)
                        .tcp(t + 20_000, address, 40_000 + client, "172.21.0.1", 443, ACK, null);
                abandoned.tcp(t, address, 40_000 + client, "172.21.0.1", 443, SYN, null)
                        .tcp(t + 10_000, "172.21.0.1", 443, address, 40_000 + client, SYN_ACK, null);
            }
        }
        assertEquals(List.of(), Replays.raw(new SynFloodDetector(), busy, Map.of()));

        List<Alert> alerts = Replays.raw(new SynFloodDetector(), flood, Map.of());
        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("172.21.0.1", alerts.get(0).destinationAddress());
    }

    @Test
    void aFloodSpreadOverPortsIsReportedForTheHost(@TempDir Path dir) throws Exception {
        // hping3 --flood --rand-source --rand-dest-port: no one service gets many SYNs, the host gets them all
        Path capture = dir.resolve("random-ports.pcap");
        try (TcpCapture tcp = new TcpCapture(capture)) {
            for (int i = 0; i < 300; i++) {
                int port = 1 + i * 97 % 65_000;
                tcp.tcp(i * 1_000_000L, "100.64." + i / 250 + "." + i % 250, 2_000 + i, "172.22.0.5", port, SYN, null);
            }
        }
        List<Alert> alerts = Replays.raw(new SynFloodDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(SynFloodDetector.SIG_SYN_FLOOD_PORTS, alert.signatureId());
        assertEquals("172.22.0.5", alert.destinationAddress());
        assertEquals(Alert.NO_PORT, alert.destinationPort());
        assertTrue(alert.message().startsWith("SYN flood on 172.22.0.5 (many ports): 100 SYNs in 99 ms from about"),
                alert.message());
    }
}
