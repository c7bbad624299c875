package org.osprey.core.tests.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.detail.DetailNode;
import org.osprey.core.detail.PacketDetails;
import org.osprey.core.tests.io.Capinfos;
import org.osprey.core.tests.io.CorpusFiles;

/** The bytes a field's node highlights are the bytes Wireshark gives for that field (tshark -T pdml pos and size). */
class FieldPositionsTest {

    private static final int PACKETS_PER_FILE = 40;

    /** Wireshark field name to our layer title start and field label start. */
    private static final Map<String, String[]> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("eth.dst", new String[] {"Ethernet Header", "Destination address: "});
        FIELDS.put("eth.src", new String[] {"Ethernet Header", "Source address: "});
        FIELDS.put("eth.type", new String[] {"Ethernet Header", "Type: "});
        FIELDS.put("arp.opcode", new String[] {"ARP Header", "Operation: "});
        FIELDS.put("arp.src.hw_mac", new String[] {"ARP Header", "Source hardware address: "});
        FIELDS.put("arp.src.proto_ipv4", new String[] {"ARP Header", "Source protocol address: "});
        FIELDS.put("arp.dst.proto_ipv4", new String[] {"ARP Header", "Destination protocol address: "});
        FIELDS.put("ip.len", new String[] {"IPv4 Header", "Total length: "});
        FIELDS.put("ip.id", new String[] {"IPv4 Header", "Identification: "});
        FIELDS.put("ip.ttl", new String[] {"IPv4 Header", "TTL: "});
        FIELDS.put("ip.proto", new String[] {"IPv4 Header", "Protocol: "});
        FIELDS.put("ip.checksum", new String[] {"IPv4 Header", "Header checksum: "});
        FIELDS.put("ip.src", new String[] {"IPv4 Header", "Source address: "});
        FIELDS.put("ip.dst", new String[] {"IPv4 Header", "Destination address: "});
        FIELDS.put("ipv6.plen", new String[] {"IPv6 Header", "Payload length: "});
        FIELDS.put("ipv6.nxt", new String[] {"IPv6 Header", "Next Header: "});
        FIELDS.put("ipv6.hlim", new String[] {"IPv6 Header", "Hop Limit: "});
        FIELDS.put("ipv6.src", new String[] {"IPv6 Header", "Source address: "});
        FIELDS.put("ipv6.dst", new String[] {"IPv6 Header", "Destination address: "});
        FIELDS.put("tcp.srcport", new String[] {"TCP Header", "Source port: "});
        FIELDS.put("tcp.dstport", new String[] {"TCP Header", "Destination port: "});
        FIELDS.put("tcp.seq_raw", new String[] {"TCP Header", "Sequence Number: "});
        FIELDS.put("tcp.ack_raw", new String[] {"TCP Header", "Acknowledgment Number: "});
        FIELDS.put("tcp.window_size_value", new String[] {"TCP Header", "Window: "});
        FIELDS.put("tcp.checksum", new String[] {"TCP Header", "Checksum: "});
        FIELDS.put("udp.srcport", new String[] {"UDP Header", "Source port: "});
        FIELDS.put("udp.dstport", new String[] {"UDP Header", "Destination port: "});
        FIELDS.put("udp.length", new String[] {"UDP Header", "Length: "});
        FIELDS.put("udp.checksum", new String[] {"UDP Header", "Checksum: "});
        FIELDS.put("icmp.type", new String[] {"ICMPv4 Common Header", "Type: "});
        FIELDS.put("icmp.code", new String[] {"ICMPv4 Common Header", "Code: "});
        FIELDS.put("dns.id", new String[] {"DNS Header", "ID: "});
        FIELDS.put("dns.count.queries", new String[] {"DNS Header", "QDCOUNT: "});
        FIELDS.put("dns.count.answers", new String[] {"DNS Header", "ANCOUNT: "});
    }

    private static final Pattern PACKET = Pattern.compile("<packet>(.*?)</packet>", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("<field name=\"([^\"]+)\"[^>]*? size=\"(\\d+)\" pos=\"(\\d+)\"");

    @ParameterizedTest
    @ValueSource(strings = {"benign/http_espn.pcapng", "dns/dns2tcp-tunnel.pcap", "arp/hs-arpScan.pcap",
        "scan/hs-icmpScan.pcap", "malformed/ntp-control.pcap", "malformed/dhcpv4v6-rfc5970-rfc8572.pcap"})
    void fieldBytesMatchWireshark(String capture) throws IOException {
        Path file = CorpusFiles.pcap(capture);
        List<PacketSummary> packets = PacketDetailsTest.readAll(file);
        String pdml = String.join("\n", Capinfos.tshark("-n", "-r", file.toString(), "-T", "pdml", "-c",
                Integer.toString(PACKETS_PER_FILE)));
        Matcher packetMatcher = PACKET.matcher(pdml);
        int number = 0;
        int compared = 0;
        while (packetMatcher.find()) {
            PacketSummary p = packets.get(number++);
            List<DetailNode> roots = PacketDetails.decode(p);
            Map<String, int[]> firstPositions = new LinkedHashMap<>();
            Matcher field = FIELD.matcher(packetMatcher.group(1));
            while (field.find()) {
                firstPositions.putIfAbsent(field.group(1),
                        new int[] {Integer.parseInt(field.group(3)), Integer.parseInt(field.group(2))});
            }
            for (Map.Entry<String, int[]> entry : firstPositions.entrySet()) {
                String[] ours = FIELDS.get(entry.getKey());
                if (ours == null) {
                    continue;
                }
                DetailNode node = field(roots, ours[0], ours[1]);
                String where = capture + " packet " + number + " " + entry.getKey();
                if (node == null) {
                    // pcap4j stopped before this layer (e.g. it does not decode a tunnel): nothing to highlight
                    continue;
                }
                assertEquals(entry.getValue()[0], node.offset(), where + " offset");
                assertEquals(entry.getValue()[1], node.length(), where + " length");
                compared++;
            }
        }
        assertEquals(Math.min(PACKETS_PER_FILE, packets.size()), number, "packets in the PDML");
        assertTrue(compared >= number * 3, "compared " + compared + " fields in " + number + " packets");
    }

    /** The first field with this label start in the first layer with this title start. */
    private static DetailNode field(List<DetailNode> roots, String layerTitle, String labelStart) {
        List<DetailNode> layers = new ArrayList<>();
        for (DetailNode root : roots) {
            if (root.label().startsWith(layerTitle)) {
                layers.add(root);
            }
        }
        if (layers.isEmpty()) {
            return null;
        }
        for (DetailNode child : layers.get(0).children()) {
            if (child.label().startsWith(labelStart)) {
                return child;
            }
        }
        return null;
    }
}
