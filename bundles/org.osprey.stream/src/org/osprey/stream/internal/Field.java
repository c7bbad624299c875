package org.osprey.stream.internal;

import static org.osprey.core.PacketSummary.ABSENT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osprey.core.PacketSummary;
import org.osprey.stream.FilterField;
import org.osprey.stream.FilterField.Type;

/**
 * Every field and protocol the display-filter language knows, and how to read it from a {@link PacketSummary}
 * without allocating. Names and meanings follow Wireshark's where the summary has the same data; where they differ
 * the description says so.
 * <p>
 * Numeric, IPv4 and MAC fields are read as a {@code long} by {@link #longValue}: {@link #MISSING} when the packet
 * does not have the field, otherwise a non-negative number (IPv4 addresses unsigned), so all of them share the same
 * comparison nodes. IPv6 fields are read as two longs, string fields as a {@link String}.
 * <p>
 * A field with {@link #occurrences()} of more than one (ip.addr, tcp.port, ...) stands for several fields at once: a
 * test on it is true when it is true for any of them, as in Wireshark.
 */
enum Field {
    // protocols
    FRAME("frame", Type.PROTOCOL, 0, "Every packet"),
    ETH("eth", Type.PROTOCOL, 0, "Ethernet"),
    VLAN("vlan", Type.PROTOCOL, 0, "802.1Q VLAN tag"),
    ARP("arp", Type.PROTOCOL, 0, "ARP"),
    IP("ip", Type.PROTOCOL, 0, "IPv4"),
    IPV6("ipv6", Type.PROTOCOL, 0, "IPv6"),
    TCP("tcp", Type.PROTOCOL, 0, "TCP"),
    UDP("udp", Type.PROTOCOL, 0, "UDP"),
    ICMP("icmp", Type.PROTOCOL, 0, "ICMP"),
    ICMPV6("icmpv6", Type.PROTOCOL, 0, "ICMPv6"),
    IGMP("igmp", Type.PROTOCOL, 0, "IGMP"),
    SCTP("sctp", Type.PROTOCOL, 0, "SCTP"),
    DNS("dns", Type.PROTOCOL, 0, "DNS (also on the mDNS port 5353)"),

    // frame
    FRAME_LEN("frame.len", Type.NUMBER, 0xffff_ffffL, "Length on the wire"),
    FRAME_CAP_LEN("frame.cap_len", Type.NUMBER, 0xffff_ffffL, "Captured length"),
    FRAME_NUMBER("frame.number", Type.NUMBER, Long.MAX_VALUE, "Packet number, 1 for the first packet since the stream was last cleared (the table's No.)"),

    // link layer
    ETH_SRC("eth.src", Type.MAC, 0xffff_ffff_ffffL, "Source MAC address"),
    ETH_DST("eth.dst", Type.MAC, 0xffff_ffff_ffffL, "Destination MAC address"),
    ETH_ADDR("eth.addr", Type.MAC, 0xffff_ffff_ffffL, "Source or destination MAC address"),
    ETH_TYPE("eth.type", Type.NUMBER, 0xffff, "EtherType of the payload (after any VLAN tags, unlike Wireshark)"),
    VLAN_ID("vlan.id", Type.NUMBER, 0xfff, "Outer VLAN identifier"),

    // IPv4
    IP_SRC("ip.src", Type.IPV4, 0xffff_ffffL, "IPv4 source address"),
    IP_DST("ip.dst", Type.IPV4, 0xffff_ffffL, "IPv4 destination address"),
    IP_ADDR("ip.addr", Type.IPV4, 0xffff_ffffL, "IPv4 source or destination address"),
    IP_PROTO("ip.proto", Type.NUMBER, 0xff, "IPv4 protocol number"),
    IP_TTL("ip.ttl", Type.NUMBER, 0xff, "IPv4 time to live"),
    IP_ID("ip.id", Type.NUMBER, 0xffff, "IPv4 identification"),

    // IPv6
    IPV6_SRC("ipv6.src", Type.IPV6, 0, "IPv6 source address"),
    IPV6_DST("ipv6.dst", Type.IPV6, 0, "IPv6 destination address"),
    IPV6_ADDR("ipv6.addr", Type.IPV6, 0, "IPv6 source or destination address"),
    IPV6_HLIM("ipv6.hlim", Type.NUMBER, 0xff, "IPv6 hop limit"),

    // TCP
    TCP_SRCPORT("tcp.srcport", Type.NUMBER, 0xffff, "TCP source port"),
    TCP_DSTPORT("tcp.dstport", Type.NUMBER, 0xffff, "TCP destination port"),
    TCP_PORT("tcp.port", Type.NUMBER, 0xffff, "TCP source or destination port"),
    TCP_FLAGS("tcp.flags", Type.NUMBER, 0xfff, "TCP flag bits (FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10 URG 0x20)"),
    TCP_FLAGS_FIN("tcp.flags.fin", Type.BOOLEAN, 1, "TCP FIN flag"),
    TCP_FLAGS_SYN("tcp.flags.syn", Type.BOOLEAN, 1, "TCP SYN flag"),
    TCP_FLAGS_RESET("tcp.flags.reset", Type.BOOLEAN, 1, "TCP RST flag (also tcp.flags.rst)"),
    TCP_FLAGS_PUSH("tcp.flags.push", Type.BOOLEAN, 1, "TCP PSH flag (also tcp.flags.psh)"),
    TCP_FLAGS_ACK("tcp.flags.ack", Type.BOOLEAN, 1, "TCP ACK flag"),
    TCP_FLAGS_URG("tcp.flags.urg", Type.BOOLEAN, 1, "TCP URG flag"),
    TCP_FLAGS_ECN("tcp.flags.ecn", Type.BOOLEAN, 1, "TCP ECE flag (ECN-Echo)"),
    TCP_FLAGS_CWR("tcp.flags.cwr", Type.BOOLEAN, 1, "TCP CWR flag"),
    TCP_FLAGS_NS("tcp.flags.ns", Type.BOOLEAN, 1, "TCP NS flag (nonce)"),
    TCP_SEQ("tcp.seq", Type.NUMBER, 0xffff_ffffL,
            "TCP sequence number as sent (Wireshark's tcp.seq is relative; this is its tcp.seq_raw)"),
    TCP_SEQ_RAW("tcp.seq_raw", Type.NUMBER, 0xffff_ffffL, "TCP sequence number as sent"),
    TCP_ACK("tcp.ack", Type.NUMBER, 0xffff_ffffL,
            "TCP acknowledgment number as sent (Wireshark's tcp.ack is relative; this is its tcp.ack_raw)"),
    TCP_ACK_RAW("tcp.ack_raw", Type.NUMBER, 0xffff_ffffL, "TCP acknowledgment number as sent"),
    TCP_WINDOW_SIZE("tcp.window_size", Type.NUMBER, 0xffff,
            "TCP window field as sent, not scaled (Wireshark scales it when it saw the handshake)"),
    TCP_WINDOW_SIZE_VALUE("tcp.window_size_value", Type.NUMBER, 0xffff, "TCP window field as sent"),
    TCP_LEN("tcp.len", Type.NUMBER, 0xffff_ffffL, "TCP payload length the headers declare"),

    // UDP
    UDP_SRCPORT("udp.srcport", Type.NUMBER, 0xffff, "UDP source port"),
    UDP_DSTPORT("udp.dstport", Type.NUMBER, 0xffff, "UDP destination port"),
    UDP_PORT("udp.port", Type.NUMBER, 0xffff, "UDP source or destination port"),

    // ICMP
    ICMP_TYPE("icmp.type", Type.NUMBER, 0xff, "ICMP type"),
    ICMP_CODE("icmp.code", Type.NUMBER, 0xff, "ICMP code"),
    ICMPV6_TYPE("icmpv6.type", Type.NUMBER, 0xff, "ICMPv6 type"),
    ICMPV6_CODE("icmpv6.code", Type.NUMBER, 0xff, "ICMPv6 code"),

    // ARP
    ARP_OPCODE("arp.opcode", Type.NUMBER, 0xffff, "ARP opcode (1 request, 2 reply)"),
    ARP_SRC_HW_MAC("arp.src.hw_mac", Type.MAC, 0xffff_ffff_ffffL, "ARP sender MAC address"),
    ARP_SRC_PROTO_IPV4("arp.src.proto_ipv4", Type.IPV4, 0xffff_ffffL, "ARP sender IPv4 address"),
    ARP_DST_HW_MAC("arp.dst.hw_mac", Type.MAC, 0xffff_ffff_ffffL, "ARP target MAC address"),
    ARP_DST_PROTO_IPV4("arp.dst.proto_ipv4", Type.IPV4, 0xffff_ffffL, "ARP target IPv4 address"),

    // DNS
    DNS_ID("dns.id", Type.NUMBER, 0xffff, "DNS transaction ID"),
    DNS_FLAGS("dns.flags", Type.NUMBER, 0xffff, "DNS flags word"),
    DNS_FLAGS_RESPONSE("dns.flags.response", Type.BOOLEAN, 1, "DNS message is a response"),
    DNS_COUNT_QUERIES("dns.count.queries", Type.NUMBER, 0xffff, "DNS question count"),
    DNS_COUNT_ANSWERS("dns.count.answers", Type.NUMBER, 0xffff, "DNS answer count"),
    DNS_QRY_NAME("dns.qry.name", Type.STRING, 0, "Name in the first DNS question"),
    DNS_QRY_TYPE("dns.qry.type", Type.NUMBER, 0xffff, "Type of the first DNS question (1 A, 28 AAAA, 16 TXT)");

    /** What {@link #longValue} returns when the packet does not have the field. */
    static final long MISSING = Long.MIN_VALUE;

    private static final int IPPROTO_ICMP = 1, IPPROTO_IGMP = 2, IPPROTO_TCP = 6, IPPROTO_UDP = 17,
            IPPROTO_ICMPV6 = 58, IPPROTO_SCTP = 132;
    private static final int LINKTYPE_ETHERNET = 1;

    private static final Map<String, Field> BY_NAME = byName();

    private final String filterName;
    private final Type type;
    private final long maxValue;
    private final String description;

    Field(String filterName, Type type, long maxValue, String description) {
        this.filterName = filterName;
        this.type = type;
        this.maxValue = maxValue;
        this.description = description;
    }

    private static Map<String, Field> byName() {
        Map<String, Field> map = new LinkedHashMap<>();
        for (Field f : values()) {
            map.put(f.filterName, f);
        }
        // Names people type that Wireshark spells differently.
        map.put("tcp.flags.rst", TCP_FLAGS_RESET);
        map.put("tcp.flags.psh", TCP_FLAGS_PUSH);
        map.put("tcp.flags.ece", TCP_FLAGS_ECN);
        return Collections.unmodifiableMap(map);
    }

    /** The field with this name (or alias), or {@code null}. */
    static Field named(String name) {
        return BY_NAME.get(name);
    }

    /** Every accepted name, aliases included: the candidates for "did you mean". */
    static Iterable<String> allNames() {
        return BY_NAME.keySet();
    }

    /** The public description of every field, in the order above. */
    static List<FilterField> describeAll() {
        List<FilterField> list = new ArrayList<>();
        for (Field f : values()) {
            list.add(new FilterField(f.filterName, f.type, f.description));
        }
        return List.copyOf(list);
    }

    String filterName() {
        return filterName;
    }

    Type type() {
        return type;
    }

    /** The largest value the field can hold (for numbers: what a value in a filter is checked against). */
    long maxValue() {
        return maxValue;
    }

    /** The single fields a test on this one stands for: {@code ip.addr} is {@code ip.src} or {@code ip.dst}. */
    Field[] occurrences() {
        return switch (this) {
            case ETH_ADDR -> new Field[] { ETH_SRC, ETH_DST };
            case IP_ADDR -> new Field[] { IP_SRC, IP_DST };
            case IPV6_ADDR -> new Field[] { IPV6_SRC, IPV6_DST };
            case TCP_PORT -> new Field[] { TCP_SRCPORT, TCP_DSTPORT };
            case UDP_PORT -> new Field[] { UDP_SRCPORT, UDP_DSTPORT };
            default -> new Field[] { this };
        };
    }

    /** Whether the packet has this field (for a protocol: whether the packet has that layer). */
    boolean isPresent(PacketSummary p) {
        return switch (type) {
            case PROTOCOL -> hasProtocol(p);
            case STRING -> stringValue(p) != null;
            case IPV6 -> p.ipVersion() == 6;
            default -> longValue(occurrences()[0], p) != MISSING;
        };
    }

    private boolean hasProtocol(PacketSummary p) {
        return switch (this) {
            case FRAME -> true;
            case ETH -> p.linkType() == LINKTYPE_ETHERNET && p.srcMac() != ABSENT;
            case VLAN -> p.vlanId() != ABSENT;
            case ARP -> p.arpOpcode() != ABSENT;
            case IP -> p.ipVersion() == 4;
            case IPV6 -> p.ipVersion() == 6;
            case TCP -> p.ipProtocol() == IPPROTO_TCP && p.srcPort() != ABSENT;
            case UDP -> p.ipProtocol() == IPPROTO_UDP && p.srcPort() != ABSENT;
            case ICMP -> p.ipProtocol() == IPPROTO_ICMP && p.icmpType() != ABSENT;
            case ICMPV6 -> p.ipProtocol() == IPPROTO_ICMPV6 && p.icmpType() != ABSENT;
            case IGMP -> p.ipProtocol() == IPPROTO_IGMP;
            case SCTP -> p.ipProtocol() == IPPROTO_SCTP && p.srcPort() != ABSENT;
            case DNS -> p.dnsId() != ABSENT;
            default -> throw new IllegalStateException(filterName + " is not a protocol");
        };
    }

    /**
     * Reads a single (not multi-occurrence) numeric, boolean, IPv4 or MAC field.
     *
     * @return the value, or {@link #MISSING}
     */
    static long longValue(Field field, PacketSummary p) {
        return switch (field) {
            case FRAME_LEN -> p.wireLength();
            case FRAME_CAP_LEN -> p.capturedLength();
            case FRAME_NUMBER -> p.number() < 1 ? MISSING : p.number();
            case ETH_SRC -> orMissing(p.srcMac());
            case ETH_DST -> orMissing(p.dstMac());
            case ETH_TYPE -> orMissing(p.etherType());
            case VLAN_ID -> orMissing(p.vlanId());
            case IP_SRC -> p.ipVersion() == 4 ? Integer.toUnsignedLong(p.srcIp4()) : MISSING;
            case IP_DST -> p.ipVersion() == 4 ? Integer.toUnsignedLong(p.dstIp4()) : MISSING;
            case IP_PROTO -> p.ipVersion() == 4 ? orMissing(p.ipProtocol()) : MISSING;
            case IP_TTL -> p.ipVersion() == 4 ? orMissing(p.ttl()) : MISSING;
            case IP_ID -> p.ipVersion() == 4 ? orMissing(p.ipIdentification()) : MISSING;
            case IPV6_HLIM -> p.ipVersion() == 6 ? orMissing(p.ttl()) : MISSING;
            case TCP_SRCPORT -> p.ipProtocol() == IPPROTO_TCP ? orMissing(p.srcPort()) : MISSING;
            case TCP_DSTPORT -> p.ipProtocol() == IPPROTO_TCP ? orMissing(p.dstPort()) : MISSING;
            case TCP_FLAGS -> tcpOnly(p, p.tcpFlags());
            case TCP_FLAGS_FIN -> tcpFlag(p, PacketSummary.TCP_FIN);
            case TCP_FLAGS_SYN -> tcpFlag(p, PacketSummary.TCP_SYN);
            case TCP_FLAGS_RESET -> tcpFlag(p, PacketSummary.TCP_RST);
            case TCP_FLAGS_PUSH -> tcpFlag(p, PacketSummary.TCP_PSH);
            case TCP_FLAGS_ACK -> tcpFlag(p, PacketSummary.TCP_ACK);
            case TCP_FLAGS_URG -> tcpFlag(p, PacketSummary.TCP_URG);
            case TCP_FLAGS_ECN -> tcpFlag(p, PacketSummary.TCP_ECE);
            case TCP_FLAGS_CWR -> tcpFlag(p, PacketSummary.TCP_CWR);
            case TCP_FLAGS_NS -> tcpFlag(p, PacketSummary.TCP_NS);
            case TCP_SEQ, TCP_SEQ_RAW -> p.ipProtocol() == IPPROTO_TCP ? orMissing(p.tcpSeq()) : MISSING;
            case TCP_ACK, TCP_ACK_RAW -> p.ipProtocol() == IPPROTO_TCP ? orMissing(p.tcpAck()) : MISSING;
            case TCP_WINDOW_SIZE, TCP_WINDOW_SIZE_VALUE -> tcpOnly(p, p.tcpWindow());
            case TCP_LEN -> p.tcpFlags() == ABSENT ? MISSING : tcpOnly(p, p.payloadWireLength());
            case UDP_SRCPORT -> p.ipProtocol() == IPPROTO_UDP ? orMissing(p.srcPort()) : MISSING;
            case UDP_DSTPORT -> p.ipProtocol() == IPPROTO_UDP ? orMissing(p.dstPort()) : MISSING;
            case ICMP_TYPE -> p.ipProtocol() == IPPROTO_ICMP ? orMissing(p.icmpType()) : MISSING;
            case ICMP_CODE -> p.ipProtocol() == IPPROTO_ICMP ? orMissing(p.icmpCode()) : MISSING;
            case ICMPV6_TYPE -> p.ipProtocol() == IPPROTO_ICMPV6 ? orMissing(p.icmpType()) : MISSING;
            case ICMPV6_CODE -> p.ipProtocol() == IPPROTO_ICMPV6 ? orMissing(p.icmpCode()) : MISSING;
            case ARP_OPCODE -> orMissing(p.arpOpcode());
            case ARP_SRC_HW_MAC -> p.arpOpcode() == ABSENT ? MISSING : orMissing(p.arpSenderMac());
            case ARP_DST_HW_MAC -> p.arpOpcode() == ABSENT ? MISSING : orMissing(p.arpTargetMac());
            case ARP_SRC_PROTO_IPV4 -> p.arpOpcode() == ABSENT ? MISSING : Integer.toUnsignedLong(p.arpSenderIp());
            case ARP_DST_PROTO_IPV4 -> p.arpOpcode() == ABSENT ? MISSING : Integer.toUnsignedLong(p.arpTargetIp());
            case DNS_ID -> orMissing(p.dnsId());
            case DNS_FLAGS -> orMissing(p.dnsFlags());
            case DNS_FLAGS_RESPONSE -> p.dnsFlags() == ABSENT ? MISSING : (p.dnsFlags() >>> 15) & 1;
            case DNS_COUNT_QUERIES -> orMissing(p.dnsQuestionCount());
            case DNS_COUNT_ANSWERS -> orMissing(p.dnsAnswerCount());
            case DNS_QRY_TYPE -> orMissing(p.dnsQueryType());
            default -> throw new IllegalStateException(field.filterName + " is not a single numeric field");
        };
    }

    /** The high 64 bits of a single IPv6 field; only valid when the packet is IPv6. */
    static long ipv6High(Field field, PacketSummary p) {
        return field == IPV6_SRC ? p.srcIp6Hi() : p.dstIp6Hi();
    }

    static long ipv6Low(Field field, PacketSummary p) {
        return field == IPV6_SRC ? p.srcIp6Lo() : p.dstIp6Lo();
    }

    /** The value of a string field, or {@code null} when absent. */
    String stringValue(PacketSummary p) {
        if (this == DNS_QRY_NAME) {
            return p.dnsQueryName();
        }
        throw new IllegalStateException(filterName + " is not a string field");
    }

    private static long orMissing(long value) {
        return value == ABSENT ? MISSING : value;
    }

    private static long tcpOnly(PacketSummary p, int value) {
        return p.ipProtocol() == IPPROTO_TCP && value != ABSENT ? value : MISSING;
    }

    private static long tcpFlag(PacketSummary p, int bit) {
        return p.ipProtocol() == IPPROTO_TCP && p.tcpFlags() != ABSENT ? ((p.tcpFlags() & bit) != 0 ? 1 : 0) : MISSING;
    }
}
