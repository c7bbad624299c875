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
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.scan.PingSweepDetector;

class PingSweepDetectorTest {

    private static final String SWEEP = "pcaps/scan/hs-icmpScan.pcap";

    @Test
    void icmpSweepOfASubnetIsReportedWithScannerAndNetwork() throws Exception {
        List<Alert> alerts = Replays.raw(new PingSweepDetector(), SWEEP);

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(Severity.LOW, alert.severity());
        assertEquals("T1018", alert.mitreTechnique());
        assertEquals("10.0.0.128", alert.sourceAddress());
        assertEquals("10.0.0.0/24", alert.destinationAddress(), "the README: an ICMP echo sweep of 10.0.0.0/24");
        assertEquals("25", alert.evidence().get("distinct hosts"));
        assertTrue(alert.message().startsWith("10.0.0.128 pinged 25 hosts of 10.0.0.0/24 in "), alert.message());

        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(SWEEP));
        Set<String> hosts = new HashSet<>();
        for (long sequence : alert.sequences()) {
            PacketSummary ping = packets.get((int) sequence);
            assertEquals(8, ping.icmpType(), "an echo request");
            assertEquals("10.0.0.128", ping.source());
            assertTrue(hosts.add(ping.destination()), "distinct hosts");
        }
    }

    @Test
    void theAnalystIsShownOneAlert() throws Exception {
        assertEquals(1, Replays.shown(new PingSweepDetector(), SWEEP).alerts().size());
    }

    @Test
    void ordinaryBrowsingAndPortScansRaiseNothing() throws Exception {
        assertEquals(List.of(), Replays.raw(new PingSweepDetector(), "pcaps/benign/http_espn.pcapng"));
        assertEquals(List.of(), Replays.raw(new PingSweepDetector(), "pcaps/scan/UDP_SCAN.pcap"));
    }

    @Test
    void anIpv6SweepNamesTheSlash64(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("ping6-sweep.pcap");
        try (LinkCapture icmp = new LinkCapture(capture)) {
            for (int host = 1; host <= 30; host++) {
                icmp.ping6(host * 1_000_000L, "2001:db8:7::66", "2001:db8:7::" + Integer.toHexString(host));
            }
        }
        List<Alert> alerts = Replays.raw(new PingSweepDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("2001:db8:7::66", alerts.get(0).sourceAddress());
        assertEquals("2001:db8:7::/64", alerts.get(0).destinationAddress());
        assertEquals("ICMPv6", alerts.get(0).transport());
        assertTrue(alerts.get(0).message().endsWith("(ICMPv6 echo requests)"), alerts.get(0).message());
    }
}
