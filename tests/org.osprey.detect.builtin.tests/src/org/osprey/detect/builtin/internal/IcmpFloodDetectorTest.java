package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.flood.IcmpFloodDetector;

/** The corpus has no ICMP flood: the floods here are written by the test, at rates either side of the threshold. */
class IcmpFloodDetectorTest {

    @Test
    void pingFloodFromOneHostNamesAttackerAndVictim(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("ping-flood.pcap");
        try (LinkCapture icmp = new LinkCapture(capture)) {
            for (int i = 0; i < 3000; i++) {
                icmp.ping(i * 500_000L, "198.18.0.7", "198.18.0.1"); // 2,000 per second for 1.5 s
            }
        }
        List<Alert> alerts = Replays.raw(new IcmpFloodDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), () -> "one flood, one alert: " + alerts);
        Alert alert = alerts.get(0);
        assertEquals(Severity.HIGH, alert.severity());
        assertEquals("T1498.001", alert.mitreTechnique());
        assertEquals("198.18.0.7", alert.sourceAddress());
        assertEquals("198.18.0.1", alert.destinationAddress());
        assertEquals("1000", alert.evidence().get("ICMP messages"));
        assertEquals("ICMP flood on 198.18.0.1: 1,000 messages in 500 ms from 198.18.0.7", alert.message());
        assertEquals(999, alert.sequence(alert.sequenceCount() - 1), "raised by the 1,000th echo request");
    }

    @Test
    void floodFromManySourcesNamesNoAttacker(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("distributed.pcap");
        try (LinkCapture icmp = new LinkCapture(capture)) {
            for (int i = 0; i < 1500; i++) {
                icmp.ping(i * 500_000L, "100.64." + i / 250 + "." + i % 250, "198.18.0.1");
            }
        }
        List<Alert> alerts = Replays.raw(new IcmpFloodDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertNull(alerts.get(0).sourceAddress());
        long sources = Long.parseLong(alerts.get(0).evidence().get("distinct sources (estimate)"));
        assertEquals(1000, sources, 100, "1,000 distinct sources in the interval, estimated within 10%");
    }

    @Test
    void aSteadyPingAndASweepAreNoFlood(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("ping.pcap");
        try (LinkCapture icmp = new LinkCapture(capture)) {
            for (int i = 0; i < 600; i++) {
                icmp.ping(i * 10_000_000L, "198.18.0.7", "198.18.0.1"); // ping -i 0.01: 100 per second
            }
        }
        assertEquals(List.of(), Replays.raw(new IcmpFloodDetector(), capture, Map.of()));
        assertEquals(List.of(), Replays.raw(new IcmpFloodDetector(), "pcaps/scan/hs-icmpScan.pcap"));
        assertEquals(List.of(), Replays.raw(new IcmpFloodDetector(), "pcaps/benign/http_espn.pcapng"));
    }

    @Test
    void unreachablesAnsweringTheHostsOwnProbesAreNoFlood(@TempDir Path dir) throws Exception {
        // a fast UDP scan (nmap --min-rate 5000) gets thousands of port unreachables back: the scanner is no victim
        Path capture = dir.resolve("fast-udp-scan.pcap");
        try (LinkCapture icmp = new LinkCapture(capture)) {
            for (int port = 1; port <= 3000; port++) {
                icmp.portUnreachable(port * 200_000L, "198.18.0.1", "198.18.0.66", 53_000, port); // 5,000 per second
            }
        }
        assertEquals(List.of(), Replays.raw(new IcmpFloodDetector(), capture, Map.of()));
    }
}
