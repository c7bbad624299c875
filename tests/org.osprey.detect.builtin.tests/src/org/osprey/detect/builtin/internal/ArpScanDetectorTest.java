package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.osprey.detect.builtin.internal.arp.ArpScanDetector;

class ArpScanDetectorTest {

    private static final String SCAN = "pcaps/arp/hs-arpScan.pcap";

    @Test
    void arpSweepIsReportedWithTheStationAndNetwork() throws Exception {
        List<Alert> alerts = Replays.raw(new ArpScanDetector(), SCAN);

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(Severity.LOW, alert.severity());
        assertEquals("T1018", alert.mitreTechnique());
        assertEquals("ARP", alert.transport());
        // tshark: all 509 requests come from 00:0c:29:20:a8:7f, "Tell 10.0.0.128", for 256 addresses of 10.0.0.0/24
        assertEquals("10.0.0.128", alert.sourceAddress());
        assertEquals("00:0c:29:20:a8:7f", alert.evidence().get("sender MAC"));
        assertEquals("10.0.0.0/24", alert.destinationAddress());
        assertEquals("25", alert.evidence().get("distinct addresses"));

        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(SCAN));
        Set<Integer> asked = new HashSet<>();
        for (long sequence : alert.sequences()) {
            PacketSummary request = packets.get((int) sequence);
            assertEquals(1, request.arpOpcode());
            assertEquals(0xffff_ffff_ffffL, request.dstMac(), "broadcast");
            assertEquals(true, asked.add(request.arpTargetIp()), "distinct addresses");
        }
    }

    @Test
    void theAnalystIsShownOneAlert() throws Exception {
        assertEquals(1, Replays.shown(new ArpScanDetector(), SCAN).alerts().size());
    }

    @Test
    void spoofingAndBrowsingAreNoScan() throws Exception {
        assertEquals(List.of(), Replays.raw(new ArpScanDetector(), "pcaps/arp/na-arpSpoofing.pcap"));
        assertEquals(List.of(), Replays.raw(new ArpScanDetector(), "pcaps/benign/http_espn.pcapng"));
    }

    @Test
    void neighbourSolicitationsForManyAddressesAreTheIpv6Form(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("nd-scan.pcap");
        try (LinkCapture nd = new LinkCapture(capture)) {
            for (int host = 1; host <= 40; host++) {
                String target = "2001:db8:5::" + Integer.toHexString(host);
                nd.neighbourSolicitation(host * 1_000_000L, "2001:db8:5::66", target);
            }
        }
        List<Alert> alerts = Replays.raw(new ArpScanDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals("2001:db8:5::66", alert.sourceAddress());
        assertEquals("2001:db8:5::/64", alert.destinationAddress());
        assertEquals("ICMPv6", alert.transport());
        assertEquals("02:00:00:00:00:02", alert.evidence().get("sender MAC"));
        assertEquals("25", alert.evidence().get("distinct addresses"));
    }
}
