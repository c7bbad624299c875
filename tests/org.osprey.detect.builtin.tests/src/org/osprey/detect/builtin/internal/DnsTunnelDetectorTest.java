package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.dns.DnsTunnelDetector;
import org.osprey.detect.replay.DetectorReplay;

class DnsTunnelDetectorTest {

    private static final String TUNNEL = "pcaps/dns/dns2tcp-tunnel.pcap";

    @Test
    void dns2tcpTunnelIsReportedWithItsDomainAndClient() throws Exception {
        List<Alert> alerts = Replays.raw(new DnsTunnelDetector(), TUNNEL);

        assertEquals(1, alerts.size(), () -> "one client, one domain, one window: " + alerts);
        Alert alert = alerts.get(0);
        assertEquals(DnsTunnelDetector.SIG_ENCODED_NAMES, alert.signatureId());
        assertEquals(Severity.HIGH, alert.severity());
        assertEquals("T1071.004", alert.mitreTechnique());
        assertEquals("hidemyself.org", alert.evidence().get("domain"));
        assertEquals("172.17.0.3", alert.sourceAddress(), "the client that tunnels (tshark: it sends every query)");
        assertEquals("172.17.0.2", alert.destinationAddress());
        assertTrue(alert.message().contains("hidemyself.org") && alert.message().contains("172.17.0.3"),
                alert.message());
        assertEquals("10", alert.evidence().get("encoded queries"), "raised when the default threshold is reached");

        // The evidence packets, read back from the file: queries from the client whose names are over 52 characters
        // under hidemyself.org (tshark shows 2,889 such queries of 193 characters).
        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(TUNNEL));
        assertEquals(10, alert.sequenceCount());
        for (long sequence : alert.sequences()) {
            PacketSummary query = packets.get((int) sequence);
            assertFalse(query.isDnsResponse());
            assertEquals("172.17.0.3", query.source());
            assertTrue(query.dnsQueryName().endsWith(".hidemyself.org") && query.dnsQueryName().length() > 52,
                    query.dnsQueryName());
        }
    }

    @Test
    void theAnalystIsShownTheTunnel() throws Exception {
        DetectorReplay.Result result = Replays.shown(new DnsTunnelDetector(), TUNNEL);

        assertEquals(1, result.alerts().size(), result.alerts()::toString);
        assertEquals("hidemyself.org", result.alerts().get(0).evidence().get("domain"));
        assertEquals("172.17.0.3", result.alerts().get(0).sourceAddress());
    }

    @Test
    void manyDistinctSubdomainsAloneGiveTheMediumAlert() throws Exception {
        // Encoded names made unreachable: only the volume of distinct subdomains remains.
        List<Alert> alerts = Replays.raw(new DnsTunnelDetector(), Replays.corpus(TUNNEL),
                Map.of("encoded.queries", 100_000.0, "unique.subdomains", 500.0));

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(DnsTunnelDetector.SIG_SUBDOMAIN_VOLUME, alert.signatureId());
        assertEquals(Severity.MEDIUM, alert.severity());
        assertEquals("hidemyself.org", alert.evidence().get("domain"));
        assertEquals("500", alert.evidence().get("distinct subdomains"));
        assertTrue(alert.message().contains("500 distinct subdomains of hidemyself.org"), alert.message());
    }

    @Test
    void ordinaryBrowsingRaisesNothing() throws Exception {
        assertEquals(List.of(), Replays.raw(new DnsTunnelDetector(), "pcaps/benign/http_espn.pcapng"));
    }
}
