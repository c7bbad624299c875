package org.osprey.core.tests.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.PacketText;
import org.osprey.core.Protocol;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.tests.decode.CaptureRecords.Frame;

/**
 * The summary decoder against Wireshark: for a sample of packets of every labelled corpus capture (and of the
 * 350k-packet benchmark mix), the addresses, ports, IP protocol, TCP flags, ICMP types, ARP opcodes, DNS question,
 * Community ID and the Source/Destination/Info column text must be what tshark says.
 * <p>
 * tshark runs at test time on a pcap holding just the sampled frames, without reassembly, and reports the first
 * occurrence of each field: the outer header of tunnelled and ICMP-error packets, which is what the summary holds.
 */
class SummaryDecoderTsharkTest {

    private static final List<String> FIELDS = List.of("frame.protocols", "ip.src", "ip.dst", "ip.proto", "ip.ttl",
            "ipv6.src", "ipv6.dst", "ipv6.hlim", "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.seq", "tcp.ack",
            "tcp.window_size_value", "udp.srcport", "udp.dstport", "sctp.srcport", "sctp.dstport", "icmp.type",
            "icmp.code", "icmpv6.type", "icmpv6.code", "arp.opcode", "vlan.id", "dns.id", "dns.qry.name",
            "dns.qry.type", "communityid", "_ws.col.Source", "_ws.col.Destination", "_ws.col.Info");

    /** Headers before the network layer that the summary decoder walks through. */
    private static final Set<String> LINK_LAYERS = Set.of("eth", "ethertype", "vlan", "sll", "null", "loop", "raw");

    static Stream<Path> labelledCaptures() {
        return Corpus.labelledCaptures().stream();
    }

    @ParameterizedTest
    @MethodSource("labelledCaptures")
    void sampleMatchesTshark(Path capture) throws Exception {
        compareSample(capture, 2000);
    }

    @Test
    void benchmarkMixSampleMatchesTshark() throws Exception {
        compareSample(Corpus.bigmix(), 3000);
    }

    /**
     * The DNS of the benchmark mix, where the plain sample above has few: every packet to or from port 53 or 5353
     * (chosen by the decoder's ports, then checked field by field, the DNS question included).
     */
    @Test
    void benchmarkMixDnsPacketsMatchTshark() throws Exception {
        List<Frame> dns = new ArrayList<>();
        for (Frame frame : CaptureRecords.read(Corpus.bigmix())) {
            PacketSummary p = SummaryDecoder.decode(frame.data(), frame.linkType(), 0, frame.wireLength());
            if (Set.of(53, 5353).contains(p.srcPort()) || Set.of(53, 5353).contains(p.dstPort())) {
                dns.add(frame);
            }
        }
        assertTrue(dns.size() > 500, "the benchmark mix should hold DNS traffic: " + dns.size() + " packets");
        compareSample("bigmix-350k.pcap DNS", dns, 2000);
    }

    static void compareSample(Path capture, int maxPackets) throws IOException, InterruptedException {
        List<Frame> frames = CaptureRecords.read(capture);
        compareSample(capture.toString(), frames, maxPackets);
    }

    /** Compares every Nth frame (at most {@code maxPackets}) with tshark; fails listing the differences. */
    static void compareSample(String capture, List<Frame> frames, int maxPackets) throws IOException, InterruptedException {
        assertTrue(frames.size() > 0, capture + " holds no packets");
        int step = Math.max(1, (frames.size() + maxPackets - 1) / maxPackets);
        List<Frame> sample = new ArrayList<>();
        for (int i = 0; i < frames.size(); i += step) {
            sample.add(frames.get(i));
        }
        int linkType = sample.get(0).linkType();
        assertTrue(sample.stream().allMatch(f -> f.linkType() == linkType), capture + " mixes link types");

        Path samplePcap = Files.createTempFile("osprey-sample", ".pcap");
        List<Map<String, String>> rows;
        try {
            CaptureRecords.writePcap(samplePcap, linkType, sample);
            rows = Tshark.fields(samplePcap, FIELDS);
        } finally {
            Files.deleteIfExists(samplePcap);
        }
        assertEquals(sample.size(), rows.size(), "tshark reported another number of packets for the sample of " + capture);

        List<String> problems = new ArrayList<>();
        Counts counts = new Counts();
        for (int i = 0; i < sample.size(); i++) {
            Frame frame = sample.get(i);
            PacketSummary p = SummaryDecoder.decode(frame.data(), frame.linkType(), 0, frame.wireLength());
            List<String> packetProblems = new ArrayList<>();
            compare(p, rows.get(i), packetProblems, counts);
            for (String problem : packetProblems) {
                problems.add("packet " + frame.index() + " [" + rows.get(i).get("frame.protocols") + "]: " + problem);
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " differences from tshark in " + capture + " (" + sample.size()
                    + " packets compared):\n  " + String.join("\n  ", problems.subList(0, Math.min(Integer.getInteger("osprey.differencesShown", 40), problems.size()))));
        }
        assertTrue(counts.network > 0, "no packet of " + capture + " had a network layer to compare: the test compared nothing");
        System.out.printf("%s: %d packets compared with tshark (%d network, %d transport, %d DNS, %d Community ID, %d Info)%n",
                Path.of(capture).getFileName(), sample.size(), counts.network, counts.transport, counts.dns, counts.communityId,
                counts.info);
    }

    private static final class Counts {
        int network, transport, dns, communityId, info;
    }

    private static void compare(PacketSummary p, Map<String, String> t, List<String> problems, Counts counts) {
        String[] layers = t.get("frame.protocols").split(":");
        int net = 0;
        while (net < layers.length && LINK_LAYERS.contains(layers[net])) {
            net++;
        }
        if (net == layers.length || !Set.of("ip", "ipv6", "arp").contains(layers[net])) {
            // no network layer reached through headers the summary knows (none at all, or one behind MPLS, PPPoE,
            // LLC...): the summary stays at the link layer, whose addresses the columns show when there is no IP
            boolean anyNetworkLayer = Stream.of(layers).anyMatch(l -> Set.of("ip", "ipv6", "arp").contains(l));
            boolean innerEthernet = Stream.of(layers).skip(1).anyMatch(l -> l.equals("eth"));
            if (layers[0].equals("eth") && !anyNetworkLayer && !innerEthernet) {
                check(problems, "Source column", t.get("_ws.col.Source"), p.source());
                check(problems, "Destination column", t.get("_ws.col.Destination"), p.destination());
            }
            check(problems, "IP version", 0, p.ipVersion());
            return;
        }
        if (Stream.of(layers).limit(net).anyMatch(l -> l.equals("vlan"))) { // a tag of this frame, not of a tunnel
            check(problems, "VLAN id", number(t, "vlan.id"), p.vlanId());
        }
        if ((layers[net].equals("ip") && t.get("ip.src").isEmpty())
                || (layers[net].equals("ipv6") && t.get("ipv6.src").isEmpty())) {
            // Wireshark gave up on the IP header (bad version, cut short): the decoder must have said so too
            check(problems, "flagged as cut or malformed", true, cutOrMalformed(p));
            return;
        }
        counts.network++;
        int transport = net + 1;
        if (layers[net].equals("ipv6")) {
            while (transport < layers.length && (layers[transport].startsWith("ipv6.") || layers[transport].equals("ah"))) {
                transport++;
            }
        }
        String next = transport < layers.length ? layers[transport] : "";
        String after = transport + 1 < layers.length ? layers[transport + 1] : "";
        // Wireshark's columns and Community ID describe the innermost IP header of a tunnel; the summary the outer
        // (so do SS7 dissectors, which put point codes in the columns)
        boolean tunnelled = !next.startsWith("icmp") && Stream.of(layers).skip(net + 1L)
                .anyMatch(l -> Set.of("ip", "ipv6", "eth", "m3ua", "sccp").contains(l));
        if (!tunnelled) {
            check(problems, "Source column", t.get("_ws.col.Source"), p.source());
            check(problems, "Destination column", t.get("_ws.col.Destination"), p.destination());
        }
        switch (layers[net]) {
            case "arp" -> {
                check(problems, "protocol", Protocol.ARP, p.protocol());
                check(problems, "ARP opcode", number(t, "arp.opcode"), p.arpOpcode());
                checkInfo(problems, counts, t, p, true);
                return;
            }
            case "ip" -> {
                check(problems, "IP version", 4, p.ipVersion());
                check(problems, "ip.src", t.get("ip.src"), p.source());
                check(problems, "ip.dst", t.get("ip.dst"), p.destination());
                check(problems, "IP protocol", number(t, "ip.proto"), p.ipProtocol());
                check(problems, "TTL", number(t, "ip.ttl"), p.ttl());
            }
            default -> {
                check(problems, "IP version", 6, p.ipVersion());
                check(problems, "ipv6.src", t.get("ipv6.src"), p.source());
                check(problems, "ipv6.dst", t.get("ipv6.dst"), p.destination());
                check(problems, "hop limit", number(t, "ipv6.hlim"), p.ttl());
            }
        }
        boolean transportCompared = true;
        switch (next) {
            case "tcp" -> {
                check(problems, "IP protocol", 6, p.ipProtocol());
                checkCut(problems, p, "tcp.srcport", number(t, "tcp.srcport"), p.srcPort());
                checkCut(problems, p, "tcp.dstport", number(t, "tcp.dstport"), p.dstPort());
                if (!t.get("tcp.flags").isEmpty()) {
                    check(problems, "TCP flags", Integer.decode(t.get("tcp.flags")) & 0x1ff, p.tcpFlags());
                    check(problems, "TCP seq", Long.parseLong(t.get("tcp.seq")), p.tcpSeq());
                    check(problems, "TCP window", number(t, "tcp.window_size_value"), p.tcpWindow());
                    if (!t.get("tcp.ack").isEmpty()) {
                        check(problems, "TCP ack", Long.parseLong(t.get("tcp.ack")), p.tcpAck());
                    }
                }
            }
            case "udp" -> {
                check(problems, "IP protocol", 17, p.ipProtocol());
                checkCut(problems, p, "udp.srcport", number(t, "udp.srcport"), p.srcPort());
                checkCut(problems, p, "udp.dstport", number(t, "udp.dstport"), p.dstPort());
            }
            case "sctp" -> {
                checkCut(problems, p, "protocol", Protocol.SCTP, p.protocol());
                checkCut(problems, p, "sctp.srcport", number(t, "sctp.srcport"), p.srcPort());
                checkCut(problems, p, "sctp.dstport", number(t, "sctp.dstport"), p.dstPort());
            }
            case "icmp" -> {
                checkCut(problems, p, "protocol", Protocol.ICMP, p.protocol());
                checkCut(problems, p, "ICMP type", number(t, "icmp.type"), p.icmpType());
                checkCut(problems, p, "ICMP code", number(t, "icmp.code"), p.icmpCode());
            }
            case "icmpv6" -> {
                checkCut(problems, p, "protocol", Protocol.ICMPV6, p.protocol());
                checkCut(problems, p, "ICMPv6 type", number(t, "icmpv6.type"), p.icmpType());
                checkCut(problems, p, "ICMPv6 code", number(t, "icmpv6.code"), p.icmpCode());
            }
            case "igmp" -> checkCut(problems, p, "protocol", Protocol.IGMP, p.protocol());
            default -> transportCompared = false;
        }
        if (transportCompared) {
            counts.transport++;
        }

        boolean tsharkDns = (next.equals("udp") || next.equals("tcp")) && (after.equals("dns") || after.equals("mdns"));
        boolean dnsPort = Set.of(53, 5353).contains(p.srcPort()) || Set.of(53, 5353).contains(p.dstPort());
        if (p.protocol() == Protocol.DNS || (tsharkDns && dnsPort && !t.get("dns.id").isEmpty())) {
            counts.dns++;
            check(problems, "protocol", Protocol.DNS, p.protocol());
            check(problems, "tshark sees DNS", true, tsharkDns);
            check(problems, "DNS id", Integer.decode(t.get("dns.id")), p.dnsId());
            String name = t.get("dns.qry.name");
            if (!name.isEmpty()) {
                check(problems, "DNS query name", name.equals("<Root>") ? "" : name,
                        p.dnsQueryName() == null ? null : PacketText.printable(p.dnsQueryName()));
                check(problems, "DNS query type", number(t, "dns.qry.type"), p.dnsQueryType());
            }
        }

        String tsharkId = t.get("communityid");
        // a cut or malformed packet's tuple is incomplete: Wireshark then hashes what it has, the decoder gives none
        if (!tsharkId.isEmpty() && !tunnelled && !p.hasFlag(PacketSummary.FLAG_FRAGMENT) && !cutOrMalformed(p)) {
            counts.communityId++;
            check(problems, "Community ID", tsharkId, p.communityId());
        }
        checkInfo(problems, counts, t, p, transport + 1 >= layers.length || after.equals("data"));
    }

    /**
     * The Info column: compared where Wireshark's text comes from the layers the summary has (no application
     * dissector put its own), as a prefix since Wireshark appends details (TCP options, DNS answers, echo replies).
     */
    private static void checkInfo(List<String> problems, Counts counts, Map<String, String> t, PacketSummary p,
            boolean noApplicationLayer) {
        String theirs = t.get("_ws.col.Info");
        boolean comparable = switch (p.protocol()) {
            case ARP -> p.arpSenderMac() >= 0;
            case DNS -> true;
            // Wireshark's text starts with the ports unless something (a heuristic dissector, a bad option) took over
            case TCP, UDP -> noApplicationLayer && theirs.replaceFirst("^(\\[[^]]*\\] *)*", "").startsWith(p.srcPort() + " ");
            case ICMP -> p.icmpType() == 0 || p.icmpType() == 8;
            default -> false;
        };
        if (p.protocol() == Protocol.DNS && p.ipProtocol() == 6) {
            // a segment can carry several DNS messages; Wireshark's Info then describes the last one
            byte[] f = p.frame();
            int messageLength = (f[p.payloadOffset()] & 0xff) << 8 | (f[p.payloadOffset() + 1] & 0xff);
            comparable = p.payloadLength() == 2 + messageLength;
        }
        if (!comparable || cutOrMalformed(p) || p.hasFlag(PacketSummary.FLAG_FRAGMENT)) {
            return;
        }
        while (theirs.startsWith("[")) { // TCP analysis notes such as "[TCP Retransmission] "
            theirs = theirs.substring(theirs.indexOf(']') + 1).stripLeading();
        }
        if (p.protocol() == Protocol.TCP) {
            // Wireshark's Win= is scaled by the window-scale option of the connection's SYN, per-connection state the
            // summary does not keep: compare it with the window field itself
            theirs = theirs.replaceFirst(" Win=\\d+", " Win=" + t.get("tcp.window_size_value"));
        }
        counts.info++;
        String ours = p.info();
        if (!theirs.startsWith(ours)) {
            problems.add("Info: tshark '" + theirs + "', decoder '" + ours + "'");
        }
    }

    /** A numeric field, or ABSENT (-1) when tshark did not get that far into a cut packet. */
    private static int number(Map<String, String> t, String field) {
        String value = t.get(field);
        return value.isEmpty() ? PacketSummary.ABSENT : Integer.parseInt(value);
    }

    private static boolean cutOrMalformed(PacketSummary p) {
        return p.hasFlag(PacketSummary.FLAG_TRUNCATED) || p.hasFlag(PacketSummary.FLAG_MALFORMED);
    }

    /**
     * As {@link #check}, except that a packet the decoder flagged as cut or malformed may have a field that tshark
     * lacks or lack one tshark has (the two stop at different points in a broken header); values both have must agree.
     */
    private static void checkCut(List<String> problems, PacketSummary p, String what, Object tshark, Object decoder) {
        boolean eitherMissing = Objects.equals(tshark, PacketSummary.ABSENT) || Objects.equals(decoder, PacketSummary.ABSENT)
                || decoder == Protocol.IPV4 || decoder == Protocol.IPV6;
        if (cutOrMalformed(p) && eitherMissing) {
            return;
        }
        check(problems, what, tshark, decoder);
    }

    private static void check(List<String> problems, String what, Object tshark, Object decoder) {
        if (!Objects.equals(tshark, decoder)) {
            problems.add(what + ": tshark " + tshark + ", decoder " + decoder);
        }
    }
}
