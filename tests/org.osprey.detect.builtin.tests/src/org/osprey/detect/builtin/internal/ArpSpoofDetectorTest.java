package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.arp.ArpSpoofDetector;

class ArpSpoofDetectorTest {

    private static final String SPOOFING = "pcaps/arp/na-arpSpoofing.pcap";
    private static final long ROUTER = 0x0011_2233_4401L, ATTACKER = 0x0066_7788_9902L, VICTIM = 0x00aa_bbcc_dd03L;

    @Test
    void oneMacClaimingTwoAddressesIsReported() throws Exception {
        List<Alert> alerts = Replays.raw(new ArpSpoofDetector(), SPOOFING);

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(ArpSpoofDetector.SIG_SEVERAL_ADDRESSES, alert.signatureId());
        assertEquals(Severity.HIGH, alert.severity());
        assertEquals("T1557.002", alert.mitreTechnique());
        // the README: one MAC (00:e0:4d:3c:25:7b) claims 10.0.0.153 and 10.0.0.157
        assertEquals("00:e0:4d:3c:25:7b", alert.sourceAddress());
        assertEquals("10.0.0.153, 10.0.0.157", alert.evidence().get("claimed addresses"));
        assertEquals("10.0.0.157", alert.destinationAddress(), "the address whose claim crossed the threshold");
        assertTrue(alert.message().startsWith("00:e0:4d:3c:25:7b claims 2 IPv4 addresses (10.0.0.153, 10.0.0.157)"),
                alert.message());

        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(SPOOFING));
        assertEquals(2, alert.sequenceCount());
        assertEquals("10.0.0.153", ip(packets.get((int) alert.sequence(0)).arpSenderIp()));
        assertEquals("10.0.0.157", ip(packets.get((int) alert.sequence(1)).arpSenderIp()));
    }

    @Test
    void theAnalystIsShownOneAlert() throws Exception {
        assertEquals(1, Replays.shown(new ArpSpoofDetector(), SPOOFING).alerts().size());
    }

    @Test
    void anArpScanAndBrowsingAreNoSpoofing() throws Exception {
        assertEquals(List.of(), Replays.raw(new ArpSpoofDetector(), "pcaps/arp/hs-arpScan.pcap"));
        assertEquals(List.of(), Replays.raw(new ArpSpoofDetector(), "pcaps/benign/http_espn.pcapng"));
    }

    @Test
    void anAddressTakenOverByAnotherMacIsReported(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("takeover.pcap");
        try (LinkCapture arp = new LinkCapture(capture)) {
            arp.arpReply(0, ROUTER, "10.9.0.1", VICTIM, "10.9.0.20")
                    .arpReply(LinkCapture.SECOND, VICTIM, "10.9.0.20", ROUTER, "10.9.0.1")
                    .arpReply(30 * LinkCapture.SECOND, ATTACKER, "10.9.0.1", VICTIM, "10.9.0.20");
        }
        List<Alert> alerts = Replays.raw(new ArpSpoofDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(ArpSpoofDetector.SIG_ADDRESS_MOVED, alert.signatureId());
        assertEquals("00:66:77:88:99:02", alert.sourceAddress());
        assertEquals("10.9.0.1", alert.destinationAddress());
        assertEquals("00:11:22:33:44:01", alert.evidence().get("previous MAC"));
        assertEquals("00:66:77:88:99:02 claims 10.9.0.1, which 00:11:22:33:44:01 claimed 30 s before (ARP cache"
                + " poisoning)", alert.message());
        assertEquals(2, alert.sequenceCount(), "the previous owner's claim and the new one");
        assertEquals(0, alert.sequence(0));
        assertEquals(2, alert.sequence(1));
    }

    @Test
    void anAddressClaimedAgainAfterTheWindowIsNoTakeover(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("readdressed.pcap");
        try (LinkCapture arp = new LinkCapture(capture)) {
            arp.arpReply(0, ROUTER, "10.9.0.1", VICTIM, "10.9.0.20")
                    .arpReply(400 * LinkCapture.SECOND, ATTACKER, "10.9.0.1", VICTIM, "10.9.0.20");
        }
        assertEquals(List.of(), Replays.raw(new ArpSpoofDetector(), capture, Map.of()));
    }

    @Test
    void anArpSenderThatIsNotTheFrameSenderIsReported(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("mismatch.pcap");
        try (LinkCapture arp = new LinkCapture(capture)) {
            arp.arp(0, ATTACKER, 2, ROUTER, "10.9.0.1", VICTIM, "10.9.0.20")
                    .arp(LinkCapture.SECOND, ATTACKER, 2, ROUTER, "10.9.0.1", VICTIM, "10.9.0.20"); // once per window
        }
        List<Alert> alerts = Replays.raw(new ArpSpoofDetector(), capture, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals(ArpSpoofDetector.SIG_ETHERNET_MISMATCH, alerts.get(0).signatureId());
        assertEquals(Severity.MEDIUM, alerts.get(0).severity());
        assertEquals("00:66:77:88:99:02", alerts.get(0).sourceAddress(), "the frame's real sender");
    }

    private static String ip(int address) {
        return org.osprey.core.Addresses.ip4(address);
    }
}
