package org.osprey.detect.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.eve.EveJson;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** EVE lines carry Suricata's alert fields (names checked against Suricata 7's eve.json) and Osprey's own. */
class EveJsonTest {

    private static Alert synAlert(PacketSummary packet) {
        return Alert.builder("osprey.portscan", 1001, "Port scan (SYN)").severity(Severity.HIGH)
                .category("Detection of a Network Scan").mitreTechnique("T1046")
                .source(packet.source(), packet.srcPort()).destination(packet.destination(), packet.dstPort())
                .transport("TCP").communityId(packet.communityId())
                .message("192.168.1.10 probed \"1,000\" ports\nof 192.168.1.25").evidence("distinct ports", "1000")
                .evidence("threshold", "100 ports in 60 s").packet(packet).sequence(packet.sequence() + 5).build();
    }

    @Test
    void aLineHasSuricatasFieldsAndOspreysAndParsesBack() throws IOException {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/TCP_SYN_SCAN.pcap");
        PacketSummary first = packets.get(0);
        first.setSequence(41);
        Alert alert = synAlert(first);
        String line = EveJson.line(alert);
        assertFalse(line.contains("\n"), "one line");

        JsonObject eve = JsonParser.parseString(line).getAsJsonObject();
        // Suricata 7 wrote for this first packet: "timestamp":"2009-01-03T18:58:34.958375+0000"
        assertEquals("2009-01-03T18:58:34.958375+0000", eve.get("timestamp").getAsString());
        assertTrue(eve.get("flow_id").getAsLong() > 0);
        assertEquals(47, eve.get("pcap_cnt").getAsLong(), "the newest packet named (sequence 46), numbered from 1");
        assertEquals("alert", eve.get("event_type").getAsString());
        assertEquals("192.168.1.10", eve.get("src_ip").getAsString());
        assertEquals(35503, eve.get("src_port").getAsInt());
        assertEquals("192.168.1.25", eve.get("dest_ip").getAsString());
        assertEquals(1723, eve.get("dest_port").getAsInt());
        assertEquals("TCP", eve.get("proto").getAsString());
        // Suricata 7 (community-id: true) wrote for this packet's flow:
        assertEquals("1:XQCdXd4G1UyyrH5uQSRAcYjXhoM=", eve.get("community_id").getAsString());
        JsonObject rule = eve.getAsJsonObject("alert");
        assertEquals("allowed", rule.get("action").getAsString());
        assertEquals(1, rule.get("gid").getAsInt());
        assertEquals(1001, rule.get("signature_id").getAsInt());
        assertEquals(1, rule.get("rev").getAsInt());
        assertEquals("Port scan (SYN)", rule.get("signature").getAsString());
        assertEquals("Detection of a Network Scan", rule.get("category").getAsString());
        assertEquals(1, rule.get("severity").getAsInt());
        assertEquals("T1046", rule.getAsJsonObject("metadata").getAsJsonArray("mitre_technique_id").get(0)
                .getAsString());
        JsonObject osprey = eve.getAsJsonObject("osprey");
        assertEquals("osprey.portscan", osprey.get("detector").getAsString());
        assertEquals("high", osprey.get("severity").getAsString());
        assertEquals(alert.message(), osprey.get("message").getAsString());
        assertEquals("T1046", osprey.get("mitre_technique").getAsString());
        assertEquals("1000", osprey.getAsJsonObject("evidence").get("distinct ports").getAsString());
        assertEquals(41, osprey.getAsJsonArray("packets").get(0).getAsLong());
        assertEquals(46, osprey.getAsJsonArray("packets").get(1).getAsLong());

        Alert back = EveJson.parse(line);
        assertEquals(line, EveJson.line(back), "a round trip keeps every field");
        assertEquals(alert.timestampNanos(), back.timestampNanos());
        assertArrayEquals(alert.sequences(), back.sequences());
        assertEquals(alert.evidence(), back.evidence());
        assertEquals(Severity.HIGH, back.severity());
    }

    @Test
    void bothDirectionsOfAFlowShareTheFlowIdAndPortsAreLeftOutWhenThereAreNone() throws IOException {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/TCP_SYN_SCAN.pcap");
        PacketSummary request = packets.get(0);
        PacketSummary reply = packets.stream().filter(p -> p.srcPort() == request.dstPort()
                && p.dstPort() == request.srcPort()).findFirst().orElseThrow();
        assertEquals(EveJson.flowId(synAlert(request)), EveJson.flowId(synAlert(reply)));

        Alert sweep = Alert.builder("osprey.sweep", 2001, "Ping sweep").source("10.0.0.128", Alert.NO_PORT)
                .destination("10.0.0.0/24", Alert.NO_PORT).transport("ICMP").timestampNanos(1).build();
        JsonObject eve = JsonParser.parseString(EveJson.line(sweep)).getAsJsonObject();
        assertFalse(eve.has("src_port"));
        assertFalse(eve.has("dest_port"));
        assertFalse(eve.has("community_id"));
        assertEquals("10.0.0.0/24", eve.get("dest_ip").getAsString());
        assertEquals("1970-01-01T00:00:00.000000+0000", eve.get("timestamp").getAsString());
    }

    @Test
    void aLineThatIsNoOspreyAlertIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EveJson.parse("{\"event_type\":\"flow\"}"));
        assertEquals("not an EVE alert (event_type flow)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EveJson.parse("{not json"));
        assertTrue(e.getMessage().startsWith("not an Osprey EVE alert line: "), e.getMessage());
    }
}
