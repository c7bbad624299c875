package org.osprey.stream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;

/**
 * Each filter, compiled by {@link DisplayFilter} and run over a corpus capture decoded by the core, selects exactly
 * the frames tshark selects with the same filter text on the same file.
 */
class DisplayFilterTsharkTest {

    static Stream<Arguments> filters() {
        return Stream.of(
                // protocols alone
                Arguments.of("benign/http_espn.pcapng", "tcp"),
                Arguments.of("benign/http_espn.pcapng", "dns"),
                Arguments.of("benign/http_espn.pcapng", "not tcp"),
                Arguments.of("scan/UDP_SCAN.pcap", "icmp"),
                Arguments.of("scan/UDP_SCAN.pcap", "arp or eth.type == 0x0806"),
                Arguments.of("malformed/babel.pcap", "ipv6"),
                // numbers, ranges, sets
                Arguments.of("benign/http_espn.pcapng", "tcp.port == 80"),
                Arguments.of("benign/http_espn.pcapng", "frame.len > 1000"),
                Arguments.of("benign/http_espn.pcapng", "ip.ttl < 64 && tcp.len > 0"),
                Arguments.of("benign/http_espn.pcapng", "udp.port in {1024..65535}"),
                Arguments.of("scan/TCP_SYN_SCAN.pcap", "tcp.dstport in {1..1024, 3306, 8080} && tcp.flags.syn == 1"),
                Arguments.of("scan/TCP_SYN_SCAN.pcap", "tcp.flags.reset == 1"),
                Arguments.of("scan/TCP_SYN_SCAN.pcap", "tcp.window_size_value == 1024 || tcp.seq_raw > 1000000"),
                Arguments.of("brute/ftp-crack.pcap", "frame.number <= 10 || frame.number in {100..200}"),
                Arguments.of("brute/ftp-crack.pcap", "frame.cap_len >= 60 and frame.len le 100"),
                Arguments.of("brute/ftp-crack.pcap", "tcp.ack_raw > 0 and tcp.flags.fin eq 1"),
                // TCP flags, and presence semantics: a flag alone is "has the field", so !tcp.flags.ack is false
                Arguments.of("scan/synscan.pcapng", "tcp.flags.syn == 1 && tcp.flags.ack == 0"),
                Arguments.of("scan/synscan.pcapng", "tcp.flags.syn == 1 && !tcp.flags.ack"),
                Arguments.of("scan/synscan.pcapng", "tcp.flags == 0x02"),
                Arguments.of("scan/XMAS_TREE_SCAN.pcap", "tcp.flags.fin == 1 && tcp.flags.push == 1 && tcp.flags.urg == 1"),
                Arguments.of("scan/NULL_SCAN.pcap", "tcp.flags == 0"),
                // addresses: either side, CIDR, != means neither side equal
                Arguments.of("scan/TCP_SYN_SCAN.pcap", "ip.addr != 192.168.1.25"),
                Arguments.of("scan/TCP_SYN_SCAN.pcap", "ip.src == 192.168.1.10 and tcp.dstport <= 1024"),
                Arguments.of("scan/TCP_SYN_SCAN.pcap", "tcp.port != 80"),
                Arguments.of("scan/hs-icmpScan.pcap", "ip.dst == 10.0.0.0/24 && !(ip.dst == 10.0.0.128) && icmp.type == 8"),
                Arguments.of("arp/na-arpSpoofing.pcap", "arp.src.proto_ipv4 == 10.0.0.153"),
                Arguments.of("arp/na-arpSpoofing.pcap",
                        "arp.src.hw_mac == 00-e0-4d-3c-25-7b && arp.dst.proto_ipv4 in {10.0.0.0/24} && arp.opcode == 2"),
                Arguments.of("arp/hs-arpScan.pcap", "eth.addr == ff:ff:ff:ff:ff:ff"),
                Arguments.of("malformed/babel.pcap", "ipv6.addr == fe80::/10 && ipv6.dst == ff02::1:6"),
                Arguments.of("malformed/quic_handshake.pcap", "ipv6.src == ::1 and ipv6.hlim == 64 and udp.port == 443"),
                // DNS: numbers, the response flag, text
                Arguments.of("dns/dns2tcp-tunnel.pcap", "dns.qry.type in {16, 5} && dns.id < 1000"),
                Arguments.of("dns/dns2tcp-tunnel.pcap", "dns.flags.response == 1 && dns.count.answers > 0"),
                Arguments.of("dns/dns2tcp-tunnel.pcap", "dns.qry.name contains \"hidemyself\""),
                Arguments.of("dns/dns2tcp-tunnel.pcap", "dns.qry.name matches \"HIDEMYSELF\\\\.ORG$\""),
                Arguments.of("dns/dns2tcp-tunnel.pcap", "dns.qry.name matches \"^[a-z0-9]{20,}\\\\.\""),
                Arguments.of("benign/http_espn.pcapng", "dns.qry.name ~ \"espn\" || dns.qry.name == \"www.google.com\""));
    }

    @ParameterizedTest(name = "{1}  on {0}")
    @MethodSource("filters")
    void selectsTheSameFramesAsTshark(String capture, String filterText) throws Exception {
        DisplayFilter filter = DisplayFilter.compile(filterText);
        List<Long> ours = new ArrayList<>();
        for (PacketSummary p : Corpus.packets(capture)) {
            if (filter.matches(p)) {
                ours.add(p.sequence() + 1);
            }
        }
        List<Long> tshark = Tshark.matchingFrames(Corpus.capture(capture), filterText);
        if (!ours.equals(tshark)) {
            List<Long> onlyOurs = new ArrayList<>(ours);
            onlyOurs.removeAll(tshark);
            List<Long> onlyTshark = new ArrayList<>(tshark);
            onlyTshark.removeAll(ours);
            assertEquals(tshark.size(), ours.size(), () -> "'" + filterText + "' on " + capture + ": frames only we match "
                    + head(onlyOurs) + ", only tshark matches " + head(onlyTshark));
            assertEquals(tshark, ours, "same count, different frames");
        }
    }

    /**
     * The known difference: tshark also decodes the IP/UDP header quoted inside an ICMP error, so "udp" matches ICMP
     * port-unreachable messages there; the summary has one transport header per packet, the ICMP one.
     */
    @ParameterizedTest
    @MethodSource("icmpQuotedHeaders")
    void transportFieldsIgnoreHeadersQuotedInIcmpErrors(String ourFilter, String tsharkFilter) throws Exception {
        String capture = "scan/UDP_SCAN.pcap";
        DisplayFilter filter = DisplayFilter.compile(ourFilter);
        List<Long> ours = Corpus.packets(capture).stream().filter(filter::matches).map(p -> p.sequence() + 1).toList();
        List<Long> tsharkFrames = Tshark.matchingFrames(Corpus.capture(capture), tsharkFilter);
        assertTrue(ours.size() > 100, "the capture has UDP probes");
        assertEquals(tsharkFrames, ours);
    }

    static Stream<Arguments> icmpQuotedHeaders() {
        return Stream.of(Arguments.of("udp", "udp && !icmp"),
                Arguments.of("udp.port in {1024..65535}", "udp.port in {1024..65535} && !icmp"));
    }

    private static String head(List<Long> frames) {
        return frames.size() <= 10 ? frames.toString() : frames.subList(0, 10) + "... (" + frames.size() + ")";
    }
}
