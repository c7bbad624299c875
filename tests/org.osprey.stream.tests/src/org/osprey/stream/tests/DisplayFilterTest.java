package org.osprey.stream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterField;

/** Semantics that the tshark comparison does not pin down by itself. */
class DisplayFilterTest {

    private static long count(List<PacketSummary> packets, String filter) throws Exception {
        DisplayFilter compiled = DisplayFilter.compile(filter);
        return packets.stream().filter(compiled::matches).count();
    }

    @Test
    void emptyFilterMatchesEveryPacket() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/UDP_SCAN.pcap");
        assertEquals(packets.size(), count(packets, ""));
    }

    @Test
    void comparisonsAreFalseWhenTheFieldIsAbsentWhateverTheOperator() throws Exception {
        List<PacketSummary> arpOnly = Corpus.packets("arp/na-arpSpoofing.pcap");
        assertEquals(arpOnly.size(), count(arpOnly, "arp"));
        assertEquals(0, count(arpOnly, "ip.addr == 10.0.0.153"));
        assertEquals(0, count(arpOnly, "ip.addr != 10.0.0.153"));
        assertEquals(0, count(arpOnly, "tcp.port != 80"));
        assertEquals(arpOnly.size(), count(arpOnly, "!(ip.addr == 10.0.0.153)"));
    }

    @Test
    void addressAndPortFieldsMeanEitherSide() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/TCP_SYN_SCAN.pcap");
        long either = count(packets, "ip.addr == 192.168.1.25");
        assertEquals(count(packets, "ip.src == 192.168.1.25 || ip.dst == 192.168.1.25"), either);
        assertTrue(either > count(packets, "ip.src == 192.168.1.25"), "replies and probes both count");
        assertEquals(count(packets, "tcp.srcport == 80 or tcp.dstport == 80"), count(packets, "tcp.port == 80"));
        assertEquals(count(packets, "ip && !(ip.src == 192.168.1.25) && !(ip.dst == 192.168.1.25)"),
                count(packets, "ip.addr != 192.168.1.25"));
    }

    @Test
    void setsRangesAndTheirSpelledOutEquivalentsAgree() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/TCP_SYN_SCAN.pcap");
        assertEquals(count(packets, "tcp.dstport >= 20 && tcp.dstport <= 25 || tcp.dstport == 80"),
                count(packets, "tcp.dstport in {20..25 80}"));
        assertEquals(count(packets, "ip.dst == 192.168.1.0/24"), count(packets, "ip.dst in {192.168.1.0..192.168.1.255}"));
        assertEquals(count(packets, "ip.dst == 192.168.1.0/24"), count(packets, "ip.dst == 192.168.1.77/24"));
    }

    @Test
    void stringOperatorsFollowWireshark() throws Exception {
        List<PacketSummary> packets = Corpus.packets("dns/dns2tcp-tunnel.pcap");
        long named = count(packets, "dns.qry.name");
        assertTrue(named > 0);
        assertEquals(named, count(packets, "dns.qry.name contains \"hidemyself.org\""));
        assertEquals(0, count(packets, "dns.qry.name contains \"HIDEMYSELF\""), "contains is case-sensitive");
        assertEquals(named, count(packets, "dns.qry.name matches \"HIDEMYSELF\""), "matches is not");
        String first = packets.stream().map(PacketSummary::dnsQueryName).filter(n -> n != null).findFirst().orElseThrow();
        long sameName = packets.stream().filter(p -> first.equals(p.dnsQueryName())).count();
        assertEquals(sameName, count(packets, "dns.qry.name == \"" + first + "\""));
        assertEquals(sameName, count(packets, "dns.qry.name in {\"" + first + "\" \"no.such.name\"}"));
    }

    @Test
    void oneFilterIsSafeToShareBetweenThreads() throws Exception {
        List<PacketSummary> packets = Corpus.packets("dns/dns2tcp-tunnel.pcap");
        DisplayFilter filter = DisplayFilter.compile("dns.qry.name matches \"hidemyself\\\\.org$\" && udp.srcport == 53");
        long expected = packets.stream().filter(filter::matches).count();
        assertTrue(expected > 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = pool.invokeAll(List.of(
                    () -> packets.stream().filter(filter::matches).count(),
                    () -> packets.stream().filter(filter::matches).count(),
                    () -> packets.stream().filter(filter::matches).count(),
                    () -> packets.stream().filter(filter::matches).count()));
            for (Future<Long> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void knownFieldsCoverTheLanguageAndEachCompiles() throws Exception {
        List<FilterField> fields = DisplayFilter.knownFields();
        Set<String> names = fields.stream().map(FilterField::name).collect(Collectors.toSet());
        for (String required : List.of("frame.len", "frame.cap_len", "frame.number", "eth.src", "eth.dst", "eth.addr",
                "vlan.id", "eth.type", "ip.src", "ip.dst", "ip.addr", "ipv6.src", "ipv6.dst", "ipv6.addr", "ip.proto",
                "ip.ttl", "tcp.port", "tcp.srcport", "tcp.dstport", "udp.port", "udp.srcport", "udp.dstport",
                "tcp.flags", "tcp.flags.syn", "tcp.flags.ack", "tcp.flags.fin", "tcp.flags.reset", "tcp.flags.push",
                "tcp.flags.urg", "tcp.seq", "tcp.ack", "tcp.window_size", "icmp.type", "icmp.code", "icmpv6.type",
                "arp.opcode", "arp.src.proto_ipv4", "arp.dst.proto_ipv4", "dns.qry.name", "dns.qry.type", "dns.id",
                "dns.flags.response", "eth", "arp", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6", "dns")) {
            assertTrue(names.contains(required), required);
        }
        assertEquals(fields.size(), names.size(), "no name listed twice");
        List<PacketSummary> packets = Corpus.packets("benign/http_espn.pcapng");
        for (FilterField field : fields) {
            assertFalse(field.description().isBlank(), field.name());
            DisplayFilter alone = DisplayFilter.compile(field.name());
            packets.forEach(alone::matches); // every accessor runs on real packets without failing
        }
    }
}
