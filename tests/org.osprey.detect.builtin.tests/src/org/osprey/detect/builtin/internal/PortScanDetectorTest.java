package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.scan.PortScanDetector;
import org.osprey.detect.replay.DetectorReplay;

/**
 * The port-scan detector on the corpus's nmap captures (scanner and target as the corpus README and tshark name them)
 * and on small captures written here for the kinds the corpus lacks (connect, ACK, horizontal).
 */
class PortScanDetectorTest {

    private static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10, SYN_ACK = 0x12, RST_ACK = 0x14;

    @ParameterizedTest(name = "{0}: {3} scan by {1}")
    @CsvSource({
            "pcaps/scan/synscan.pcapng,     172.16.0.8,   64.13.134.52, SYN,  1, TCP",
            "pcaps/scan/TCP_SYN_SCAN.pcap,  192.168.1.10, 192.168.1.25, SYN,  1, TCP",
            "pcaps/scan/XMAS_TREE_SCAN.pcap, 192.168.1.10, 192.168.1.25, XMAS, 5, TCP",
            "pcaps/scan/NULL_SCAN.pcap,     192.168.1.10, 192.168.1.25, NULL, 4, TCP",
            "pcaps/scan/UDP_SCAN.pcap,      192.168.1.10, 192.168.1.25, UDP,  7, UDP" })
    void nmapScanIsReportedWithScannerTargetAndKind(String file, String scanner, String target, String kind,
            int signature, String transport) throws Exception {
        List<Alert> alerts = Replays.raw(new PortScanDetector(), file);

        assertEquals(1, alerts.size(), () -> "one scanner, one target, one window: " + alerts);
        Alert alert = alerts.get(0);
        assertEquals(signature, alert.signatureId());
        assertEquals("Port scan (" + kind + ")", alert.signature());
        assertEquals(Severity.MEDIUM, alert.severity());
        assertEquals("T1046", alert.mitreTechnique());
        assertEquals(scanner, alert.sourceAddress());
        assertEquals(target, alert.destinationAddress());
        assertEquals(transport, alert.transport());
        assertEquals(kind, alert.evidence().get("scan kind"));
        assertEquals("15", alert.evidence().get("distinct ports"), "raised when the default threshold is reached");
        assertEquals("15 ports within 300 s", alert.evidence().get("threshold"));
        assertTrue(alert.message().startsWith(scanner + " probed 15 " + transport + " ports of " + target),
                alert.message());

        // Evidence: the first probes and the one that crossed, each from the scanner to a distinct port of the target.
        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(file));
        assertEquals(4, alert.sequenceCount());
        Set<Integer> ports = new HashSet<>();
        for (long sequence : alert.sequences()) {
            PacketSummary probe = packets.get((int) sequence);
            assertEquals(scanner, probe.source());
            assertEquals(target, probe.destination());
            assertEquals(transport.equals("UDP") ? 17 : 6, probe.ipProtocol());
            assertTrue(ports.add(probe.dstPort()), "distinct ports");
        }
    }

    @Test
    void theAnalystIsShownOneAlertPerScan() throws Exception {
        DetectorReplay.Result result = Replays.shown(new PortScanDetector(), "pcaps/scan/TCP_SYN_SCAN.pcap");

        assertEquals(1, result.alerts().size(), result.alerts()::toString);
        assertEquals("192.168.1.10", result.alerts().get(0).sourceAddress());
    }

    @Test
    void thresholdIsConfigurable() throws Exception {
        Path scan = Replays.corpus("pcaps/scan/TCP_SYN_SCAN.pcap");
        // nmap probed 1,000 ports (tshark: 1,002 SYNs from the scanner, to 1,000 distinct ports)
        assertEquals(List.of(), Replays.raw(new PortScanDetector(), scan, Map.of("ports", 1001.0)));

        List<Alert> alerts = Replays.raw(new PortScanDetector(), scan, Map.of("ports", 1000.0));
        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("1000", alerts.get(0).evidence().get("distinct ports"));
    }

    @Test
    void aThresholdBelowTheFirstPacketsKeptNamesEachPacketOnce() throws Exception {
        List<Alert> alerts = Replays.raw(new PortScanDetector(), Replays.corpus("pcaps/scan/TCP_SYN_SCAN.pcap"),
                Map.of("ports", 3.0));

        assertEquals(1, alerts.size(), alerts::toString);
        long[] sequences = alerts.get(0).sequences();
        assertEquals(3, sequences.length, () -> java.util.Arrays.toString(sequences));
        assertTrue(sequences[0] < sequences[1] && sequences[1] < sequences[2], java.util.Arrays.toString(sequences));
    }

    @Test
    void ordinaryBrowsingRaisesNothing() throws Exception {
        assertEquals(List.of(), Replays.raw(new PortScanDetector(), "pcaps/benign/http_espn.pcapng"));
    }

    @Test
    void spoofedSynFloodIsNoScan() throws Exception {
        // 37,623 spoofed sources with about one SYN each: no source probes many ports or hosts
        assertEquals(List.of(), Replays.raw(new PortScanDetector(), "pcaps/flood/pkt.TCP.synflood.spoofed.pcap"));
    }

    @Test
    void handshakesClosedWithoutDataAreAConnectScan(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("connect-scan.pcap");
        try (TcpCapture tcp = new TcpCapture(capture)) {
            for (int port = 1; port <= 20; port++) {
                long t = port * 10_000_000L;
                tcp.tcp(t, "10.1.1.1", 40_000 + port, "10.1.1.2", port, SYN, null)
                        .tcp(t + 1_000, "10.1.1.2", port, "10.1.1.1", 40_000 + port, SYN_ACK, null)
                        .tcp(t + 2_000, "10.1.1.1", 40_000 + port, "10.1.1.2", port, ACK, null)
                        .tcp(t + 3_000, "10.1.1.1", 40_000 + port, "10.1.1.2", port, RST_ACK, null);
            }
        }
        List<Alert> alerts = Replays.raw(new PortScanDetector(), capture, Map.of("ports", 5.0));

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        // raised at the 5th SYN, when the 4 before were already seen to be connect probes
        assertEquals("connect", alert.evidence().get("scan kind"), alert.evidence()::toString);
        assertEquals(2, alert.signatureId());
        assertEquals("SYN 1, connect 4", alert.evidence().get("probes by kind"));
        assertEquals("10.1.1.1", alert.sourceAddress());
        assertEquals("10.1.1.2", alert.destinationAddress());
    }

    @Test
    void connectionsThatCarryDataAreNoScan(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("busy-client.pcap");
        try (TcpCapture tcp = new TcpCapture(capture)) {
            for (int port = 1; port <= 40; port++) {
                long t = port * 10_000_000L;
                tcp.tcp(t, "10.1.1.1", 40_000 + port, "10.1.1.2", 8000 + port, SYN, null)
                        .tcp(t + 1_000, "10.1.1.2", 8000 + port, "10.1.1.1", 40_000 + port, SYN_ACK, null)
                        .tcp(t + 2_000, "10.1.1.1", 40_000 + port, "10.1.1.2", 8000 + port, ACK, null)
                        .data(t + 3_000, "10.1.1.1", 40_000 + port, "10.1.1.2", 8000 + port, "GET / HTTP/1.0\r\n\r\n");
            }
        }
        assertEquals(List.of(), Replays.raw(new PortScanDetector(), capture, Map.of("ports", 5.0)));
    }

    @Test
    void aTracerouteIsNoUdpScanButTheSameProbesUnansweredAre(@TempDir Path dir) throws Exception {
        // traceroute: UDP to ports 33434 and up, each hop's router answers with time exceeded
        Path traceroute = dir.resolve("traceroute.pcap");
        Path unanswered = dir.resolve("unanswered.pcap");
        try (LinkCapture answered = new LinkCapture(traceroute); LinkCapture silent = new LinkCapture(unanswered)) {
            for (int hop = 1; hop <= 30; hop++) {
                long t = hop * 20_000_000L;
                int port = 33_433 + hop;
                answered.udp(t, "10.5.0.9", 40_000, "198.51.100.1", port)
                        .timeExceeded(t + 5_000_000, "10.5." + hop + ".1", "10.5.0.9", 40_000, "198.51.100.1", port);
                silent.udp(t, "10.5.0.9", 40_000, "198.51.100.1", port);
            }
        }
        assertEquals(List.of(), Replays.raw(new PortScanDetector(), traceroute, Map.of()));

        List<Alert> alerts = Replays.raw(new PortScanDetector(), unanswered, Map.of());
        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("Port scan (UDP)", alerts.get(0).signature());
    }

    @Test
    void finsOutsideAnyConnectionAreAFinScan(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("fin-scan.pcap");
        try (TcpCapture tcp = new TcpCapture(capture)) {
            for (int port = 1; port <= 20; port++) {
                tcp.tcp(port * 1_000_000L, "10.4.0.9", 52_000, "10.4.0.1", port, FIN, null);
            }
        }
        List<Alert> alerts = Replays.raw(new PortScanDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals(3, alerts.get(0).signatureId());
        assertEquals("FIN", alerts.get(0).evidence().get("scan kind"));
        assertEquals("10.4.0.9", alerts.get(0).sourceAddress());
    }

    @Test
    void acksRefusedWithBareResetsAreAnAckScan(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("ack-scan.pcap");
        try (TcpCapture tcp = new TcpCapture(capture)) {
            for (int port = 1; port <= 20; port++) {
                long t = port * 1_000_000L;
                tcp.tcp(t, "10.3.0.9", 51_000, "10.3.0.1", port, ACK, null)
                        .tcp(t + 500, "10.3.0.1", port, "10.3.0.9", 51_000, RST, null); // RFC 793: no ACK flag
            }
        }
        List<Alert> alerts = Replays.raw(new PortScanDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(6, alert.signatureId());
        assertEquals("ACK", alert.evidence().get("scan kind"));
        assertEquals("10.3.0.9", alert.sourceAddress(), "the host the resets went to sent the ACKs");
        assertEquals("10.3.0.1", alert.destinationAddress());
        assertEquals("15", alert.evidence().get("probes refused"));
    }

    @Test
    void onePortOnManyHostsIsAHorizontalScan(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("ssh-sweep.pcap");
        try (TcpCapture tcp = new TcpCapture(capture)) {
            for (int host = 1; host <= 40; host++) {
                tcp.tcp(host * 5_000_000L, "192.0.2.66", 50_000 + host, "10.2.0." + host, 22, SYN, null);
            }
        }
        List<Alert> alerts = Replays.raw(new PortScanDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(11, alert.signatureId());
        assertEquals("Port sweep (SYN)", alert.signature());
        assertEquals("192.0.2.66", alert.sourceAddress());
        assertEquals("10.2.0.0/24", alert.destinationAddress());
        assertEquals(22, alert.destinationPort());
        assertEquals("25", alert.evidence().get("distinct hosts"));
        assertEquals("192.0.2.66 probed port 22/tcp on 25 hosts of 10.2.0.0/24 in 120 ms (half-open SYN probes)",
                alert.message());
    }

    @Test
    void ipv6ScansAreFoundToo(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("ipv6-scan.pcap");
        try (LinkCapture ipv6 = new LinkCapture(capture)) {
            for (int port = 1; port <= 20; port++) {
                ipv6.tcp6(port * 1_000_000L, "2001:db8::66", 45_000, "2001:db8::1", port, SYN)
                        .tcp6(port * 1_000_000L + 100, "2001:db8::1", port, "2001:db8::66", 45_000, RST_ACK);
            }
        }
        List<Alert> alerts = Replays.raw(new PortScanDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals("Port scan (SYN)", alert.signature());
        assertEquals("2001:db8::66", alert.sourceAddress());
        assertEquals("2001:db8::1", alert.destinationAddress());
        assertEquals("14", alert.evidence().get("probes refused"), "the 15th SYN crossed before its RST came");
    }

    @Test
    void aScanAfterAFloodThatFilledEveryTableIsStillFound(@TempDir Path dir) throws Exception {
        // 150,000 SYNs from distinct spoofed sources: more than the detector's tables hold, so they evict; then nmap
        Path capture = dir.resolve("flood-then-scan.pcap");
        try (TcpCapture tcp = new TcpCapture(capture)) {
            for (int i = 0; i < 150_000; i++) {
                tcp.tcp(i * 10_000L, "100." + (64 + i / 65_536) + "." + (i >> 8 & 0xff) + "." + (i & 0xff),
                        1024 + i % 60_000, "10.10.10.10", 80, SYN, null);
            }
            for (int port = 1; port <= 20; port++) {
                tcp.tcp(2 * TcpCapture.SECOND + port * 1_000_000L, "192.0.2.99", 61_000, "10.10.10.20", port, SYN,
                        null);
            }
        }
        List<Alert> alerts = Replays.raw(new PortScanDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("192.0.2.99", alerts.get(0).sourceAddress());
        assertEquals("10.10.10.20", alerts.get(0).destinationAddress());
    }
}
