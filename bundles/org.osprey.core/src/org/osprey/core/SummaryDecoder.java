package org.osprey.core;

import java.nio.charset.StandardCharsets;

/**
 * The fast summary decoder: reads the link, network and transport headers of one captured frame (and the first DNS
 * question) into a {@link PacketSummary}.
 * <p>
 * It runs once per packet on the capture path, so it is written to be cheap and safe:
 * <ul>
 * <li>it never throws: every read is checked against the captured length first; a frame that ends early decodes as
 * far as it goes and gets {@link PacketSummary#FLAG_TRUNCATED}, an impossible header value gets
 * {@link PacketSummary#FLAG_MALFORMED} and decoding stops there;</li>
 * <li>it allocates nothing except the DNS query name (a String and the byte array it is made from);</li>
 * <li>every loop is bounded (VLAN tags and IPv6 extension headers consume bytes, DNS compression pointers are
 * counted), so hostile input cannot make it spin.</li>
 * </ul>
 * Text (addresses, Info column) is made later and only on demand, by {@link PacketText}.
 */
public final class SummaryDecoder {

    /** Link-layer header types (the LINKTYPE_ values of pcap and pcapng) the decoder understands. */
    public static final int LINKTYPE_NULL = 0, LINKTYPE_ETHERNET = 1, LINKTYPE_RAW_ALT_12 = 12,
            LINKTYPE_RAW_ALT_14 = 14, LINKTYPE_RAW = 101, LINKTYPE_LOOP = 108, LINKTYPE_LINUX_SLL = 113,
            LINKTYPE_IPV4 = 228, LINKTYPE_IPV6 = 229, LINKTYPE_LINUX_SLL2 = 276;

    /** IP protocol numbers the summary knows. */
    public static final int IPPROTO_ICMP = 1, IPPROTO_IGMP = 2, IPPROTO_TCP = 6, IPPROTO_UDP = 17,
            IPPROTO_ICMPV6 = 58, IPPROTO_SCTP = 132;

    public static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806, ETHERTYPE_IPV6 = 0x86dd,
            ETHERTYPE_VLAN = 0x8100, ETHERTYPE_QINQ = 0x88a8, ETHERTYPE_QINQ_OLD = 0x9100;

    /** A legal name has at most 127 labels, so more pointers than that means a compression loop. */
    private static final int MAX_DNS_POINTERS = 127;
    /** RFC 1035: a name is at most 255 octets on the wire, so its text form is shorter than that. */
    private static final int MAX_DNS_NAME_CHARS = 255;
    private static final int DNS_PORT = 53, MDNS_PORT = 5353;

    private static final byte[] NO_BYTES = {};

    private SummaryDecoder() {
    }

    /**
     * Makes a summary for one frame and decodes it.
     *
     * @param frame the captured bytes (kept by reference, never modified)
     * @param wireLength the length the packet had on the wire (at least {@code frame.length} unless cut by snaplen)
     */
    public static PacketSummary decode(byte[] frame, int linkType, long timestampNanos, int wireLength) {
        PacketSummary p = new PacketSummary();
        p.frame = frame;
        p.capturedLength = frame == null ? 0 : frame.length;
        p.linkType = linkType;
        p.timestampNanos = timestampNanos;
        p.wireLength = wireLength;
        decode(p);
        return p;
    }

    /**
     * Decodes {@code p.frame()} (its first {@code p.capturedLength()} bytes) according to {@code p.linkType()} and
     * fills the summary's header fields, replacing whatever an earlier decode left there. Never throws.
     */
    public static void decode(PacketSummary p) {
        p.clearDecoded();
        byte[] f = p.frame == null ? NO_BYTES : p.frame;
        int end = Math.max(0, Math.min(p.capturedLength, f.length));
        switch (p.linkType) {
            case LINKTYPE_ETHERNET -> ethernet(p, f, 0, end);
            case LINKTYPE_LINUX_SLL -> linuxCooked(p, f, end);
            case LINKTYPE_LINUX_SLL2 -> linuxCooked2(p, f, end);
            case LINKTYPE_NULL -> loopback(p, f, end, false);
            case LINKTYPE_LOOP -> loopback(p, f, end, true);
            case LINKTYPE_RAW, LINKTYPE_RAW_ALT_12, LINKTYPE_RAW_ALT_14 -> rawIp(p, f, 0, end);
            case LINKTYPE_IPV4 -> ipv4(p, f, 0, end);
            case LINKTYPE_IPV6 -> ipv6(p, f, 0, end);
            default -> p.flags |= PacketSummary.FLAG_UNKNOWN_LINK;
        }
    }

    // ------------------------------------------------------------------ link layer

    private static void ethernet(PacketSummary p, byte[] f, int off, int end) {
        if (end - off < 12) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.dstMac = mac(f, off);
        p.srcMac = mac(f, off + 6);
        p.protocol = Protocol.ETHERNET;
        if (end - off < 14) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        etherPayload(p, f, off + 14, end, u16(f, off + 12));
    }

    /** Linux "cooked" capture v1: 16-byte header with the sender's link address and an ethertype. */
    private static void linuxCooked(PacketSummary p, byte[] f, int end) {
        p.protocol = Protocol.ETHERNET;
        if (end < 16) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        if (u16(f, 4) == 6) {
            p.srcMac = mac(f, 6);
        }
        etherPayload(p, f, 16, end, u16(f, 14));
    }

    /** Linux "cooked" capture v2: 20-byte header, ethertype first. */
    private static void linuxCooked2(PacketSummary p, byte[] f, int end) {
        p.protocol = Protocol.ETHERNET;
        if (end < 20) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        if (u8(f, 11) == 6) {
            p.srcMac = mac(f, 12);
        }
        etherPayload(p, f, 20, end, u16(f, 0));
    }

    /**
     * BSD loopback: a 4-byte address family. LINKTYPE_NULL writes it in the capturing host's byte order (so look at
     * which half is zero), LINKTYPE_LOOP in network byte order. IPv6 has a different number on each BSD.
     */
    private static void loopback(PacketSummary p, byte[] f, int end, boolean networkOrder) {
        if (end < 4) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        int family = i32(f, 0);
        if (!networkOrder && (family & 0xffff) == 0) {
            family = Integer.reverseBytes(family);
        }
        switch (family) {
            case 2 -> ipv4(p, f, 4, end);
            case 10, 24, 28, 30 -> ipv6(p, f, 4, end);
            default -> {
                // an unknown family: the packet stays UNKNOWN
            }
        }
    }

    private static void rawIp(PacketSummary p, byte[] f, int off, int end) {
        if (end - off < 1) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        switch (u8(f, off) >> 4) {
            case 4 -> ipv4(p, f, off, end);
            case 6 -> ipv6(p, f, off, end);
            default -> p.flags |= PacketSummary.FLAG_MALFORMED;
        }
    }

    /** Skips 802.1Q / 802.1ad tags (the first two are kept) and hands the payload to the network layer. */
    private static void etherPayload(PacketSummary p, byte[] f, int off, int end, int type) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - off < 4) {
                p.flags |= PacketSummary.FLAG_TRUNCATED;
                return;
            }
            int vid = u16(f, off) & 0x0fff;
            if (tags == 0) {
                p.vlanId = vid;
            } else if (tags == 1) {
                p.innerVlanId = vid;
            }
            tags++;
            type = u16(f, off + 2);
            off += 4;
        }
        if (type < 0x0600) {
            return; // an 802.3 length field: LLC follows, which the summary does not decode
        }
        p.etherType = type;
        switch (type) {
            case ETHERTYPE_IPV4 -> ipv4(p, f, off, end);
            case ETHERTYPE_IPV6 -> ipv6(p, f, off, end);
            case ETHERTYPE_ARP -> arp(p, f, off, end);
            default -> {
                // another ethertype: the summary stays at the link layer
            }
        }
    }

    private static void arp(PacketSummary p, byte[] f, int off, int end) {
        if (end - off < 8) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.protocol = Protocol.ARP;
        p.arpOpcode = u16(f, off + 6);
        int hardwareLength = u8(f, off + 4);
        int protocolLength = u8(f, off + 5);
        if (hardwareLength != 6 || protocolLength != 4 || u16(f, off + 2) != ETHERTYPE_IPV4) {
            return; // not Ethernet/IPv4 ARP: the opcode is all the summary keeps (the full decode shows the rest)
        }
        if (end - off < 28) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.arpSenderMac = mac(f, off + 8);
        p.arpSenderIp = i32(f, off + 14);
        p.arpTargetMac = mac(f, off + 18);
        p.arpTargetIp = i32(f, off + 24);
    }

    // ------------------------------------------------------------------ network layer

    private static void ipv4(PacketSummary p, byte[] f, int off, int end) {
        if (end - off < 20) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        int versionAndLength = u8(f, off);
        if (versionAndLength >> 4 != 4) {
            p.flags |= PacketSummary.FLAG_MALFORMED;
            return;
        }
        p.ipVersion = 4;
        p.protocol = Protocol.IPV4;
        p.ipIdentification = u16(f, off + 4);
        p.ttl = u8(f, off + 8);
        p.ipProtocol = u8(f, off + 9);
        p.srcIp4 = i32(f, off + 12);
        p.dstIp4 = i32(f, off + 16);
        int fragment = u16(f, off + 6);
        p.fragmentOffset = (fragment & 0x1fff) * 8;
        if ((fragment & 0x2000) != 0 || p.fragmentOffset != 0) {
            p.flags |= PacketSummary.FLAG_FRAGMENT;
        }

        int headerLength = (versionAndLength & 0x0f) * 4;
        int totalLength = u16(f, off + 2);
        int wireEnd;
        if (headerLength < 20 || (totalLength != 0 && totalLength < headerLength)) {
            p.flags |= PacketSummary.FLAG_MALFORMED;
            return;
        } else if (totalLength == 0) {
            wireEnd = end; // left 0 by TCP segmentation offload: the captured bytes are the packet
        } else {
            wireEnd = off + totalLength; // anything after it is Ethernet padding
        }
        int ipEnd = Math.min(wireEnd, end);
        if (wireEnd > end) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
        }
        if (off + headerLength > ipEnd) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        if (p.fragmentOffset == 0) {
            transport(p, f, off + headerLength, ipEnd, wireEnd, p.ipProtocol);
        }
    }

    private static void ipv6(PacketSummary p, byte[] f, int off, int end) {
        if (end - off < 40) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        if (u8(f, off) >> 4 != 6) {
            p.flags |= PacketSummary.FLAG_MALFORMED;
            return;
        }
        p.ipVersion = 6;
        p.protocol = Protocol.IPV6;
        p.ttl = u8(f, off + 7);
        p.srcIp6Hi = i64(f, off + 8);
        p.srcIp6Lo = i64(f, off + 16);
        p.dstIp6Hi = i64(f, off + 24);
        p.dstIp6Lo = i64(f, off + 32);
        int payloadLength = u16(f, off + 4);
        // payload length 0 is a jumbogram (or offload): the captured bytes are the packet
        int wireEnd = payloadLength == 0 ? end : off + 40 + payloadLength;
        int ipEnd = Math.min(wireEnd, end);
        if (wireEnd > end) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
        }

        int next = u8(f, off + 6);
        int pos = off + 40;
        // every extension header is at least 8 bytes long, so the walk ends within the packet
        while (true) {
            int length; // of the extension header at pos; -1 when next is the transport protocol
            switch (next) {
                // hop-by-hop options, routing, destination options: in 8-octet units, not counting the first 8
                case 0, 43, 60 -> length = ipEnd - pos < 2 ? 0 : (u8(f, pos + 1) + 1) * 8;
                // authentication header: in 4-octet units, not counting the first 2
                case 51 -> length = ipEnd - pos < 2 ? 0 : (u8(f, pos + 1) + 2) * 4;
                case 44 -> length = 8; // fragment header
                default -> length = -1;
            }
            if (length < 0) {
                p.ipProtocol = next;
                transport(p, f, pos, ipEnd, wireEnd, next);
                return;
            }
            // the transport protocol stays unknown (ABSENT) when the chain cannot be followed to its end
            if (length == 0 || ipEnd - pos < length) {
                p.flags |= PacketSummary.FLAG_TRUNCATED;
                return;
            }
            if (next == 44) {
                int offsetAndFlags = u16(f, pos + 2);
                p.fragmentOffset = offsetAndFlags & 0xfff8;
                p.ipIdentification = i32(f, pos + 4);
                if (p.fragmentOffset != 0 || (offsetAndFlags & 1) != 0) {
                    p.flags |= PacketSummary.FLAG_FRAGMENT;
                }
            }
            next = u8(f, pos);
            pos += length;
            if (p.fragmentOffset > 0) {
                p.ipProtocol = next; // a later fragment: the transport header is in the first one
                return;
            }
        }
    }

    // ------------------------------------------------------------------ transport layer

    /**
     * @param end where the captured part of the IP payload ends
     * @param wireEnd where the IP header says it ends (beyond {@code end} when the capture cut the packet)
     */
    private static void transport(PacketSummary p, byte[] f, int off, int end, int wireEnd, int protocol) {
        if (off < end) {
            p.transportOffset = off;
        }
        switch (protocol) {
            case IPPROTO_TCP -> tcp(p, f, off, end, wireEnd);
            case IPPROTO_UDP -> udp(p, f, off, end);
            case IPPROTO_ICMP -> icmp(p, f, off, end, wireEnd, Protocol.ICMP);
            case IPPROTO_ICMPV6 -> icmp(p, f, off, end, wireEnd, Protocol.ICMPV6);
            case IPPROTO_SCTP -> sctp(p, f, off, end, wireEnd);
            case IPPROTO_IGMP -> {
                p.protocol = Protocol.IGMP;
                if (end - off < 8) {
                    p.flags |= PacketSummary.FLAG_TRUNCATED;
                }
            }
            default -> {
                // another IP protocol: the summary stays at the IP layer
            }
        }
    }

    private static void tcp(PacketSummary p, byte[] f, int off, int end, int wireEnd) {
        if (end - off < 4) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.protocol = Protocol.TCP;
        p.srcPort = u16(f, off);
        p.dstPort = u16(f, off + 2);
        if (end - off < 20) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.tcpSeq = u32(f, off + 4);
        p.tcpAck = u32(f, off + 8);
        int offsetAndFlags = u16(f, off + 12);
        p.tcpFlags = offsetAndFlags & 0x01ff;
        p.tcpWindow = u16(f, off + 14);
        int headerLength = (offsetAndFlags >> 12) * 4;
        if (headerLength < 20) {
            p.flags |= PacketSummary.FLAG_MALFORMED;
            return;
        }
        if (off + headerLength > end) { // options cut off
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        int payload = off + headerLength;
        p.payloadOffset = payload;
        p.payloadLength = end - payload;
        p.payloadWireLength = Math.max(0, wireEnd - payload);
        if (p.payloadLength >= 2 && isDnsPort(p)) {
            // DNS over TCP: a 2-byte length, then the message. Only a segment that starts a message decodes.
            int messageLength = u16(f, payload);
            if (messageLength >= 12) {
                dns(p, f, payload + 2, Math.min(end, payload + 2 + messageLength));
            }
        }
    }

    private static void udp(PacketSummary p, byte[] f, int off, int end) {
        if (end - off < 4) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.protocol = Protocol.UDP;
        p.srcPort = u16(f, off);
        p.dstPort = u16(f, off + 2);
        if (end - off < 8) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        int udpLength = u16(f, off + 4);
        if (udpLength < 8) {
            p.flags |= PacketSummary.FLAG_MALFORMED;
            return;
        }
        int udpEnd = off + udpLength;
        if (udpEnd > end) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            udpEnd = end;
        }
        p.payloadOffset = off + 8;
        p.payloadLength = udpEnd - p.payloadOffset;
        p.payloadWireLength = udpLength - 8;
        if (p.payloadLength > 0 && isDnsPort(p)) {
            dns(p, f, p.payloadOffset, udpEnd);
        }
    }

    private static void icmp(PacketSummary p, byte[] f, int off, int end, int wireEnd, Protocol protocol) {
        if (end - off < 1) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.protocol = protocol;
        p.icmpType = u8(f, off);
        if (end - off < 2) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.icmpCode = u8(f, off + 1);
        if (end - off < 8) { // every ICMP and ICMPv6 message has at least 8 bytes
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.payloadOffset = off + 8;
        p.payloadLength = end - p.payloadOffset;
        p.payloadWireLength = Math.max(0, wireEnd - p.payloadOffset);
    }

    private static void sctp(PacketSummary p, byte[] f, int off, int end, int wireEnd) {
        if (end - off < 4) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.protocol = Protocol.SCTP;
        p.srcPort = u16(f, off);
        p.dstPort = u16(f, off + 2);
        if (end - off < 12) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.payloadOffset = off + 12;
        p.payloadLength = end - p.payloadOffset;
        p.payloadWireLength = Math.max(0, wireEnd - p.payloadOffset);
    }

    private static boolean isDnsPort(PacketSummary p) {
        return p.srcPort == DNS_PORT || p.dstPort == DNS_PORT || p.srcPort == MDNS_PORT || p.dstPort == MDNS_PORT;
    }

    // ------------------------------------------------------------------ DNS

    /** Decodes the DNS header and first question of the message in {@code f[off, end)}. */
    private static void dns(PacketSummary p, byte[] f, int off, int end) {
        if (end - off < 12) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.protocol = Protocol.DNS;
        p.dnsId = u16(f, off);
        p.dnsFlags = u16(f, off + 2);
        p.dnsQuestionCount = u16(f, off + 4);
        p.dnsAnswerCount = u16(f, off + 6);
        if (p.dnsQuestionCount == 0) {
            return;
        }
        int afterName = dnsQueryName(p, f, off, off + 12, end);
        if (afterName < 0) {
            return;
        }
        if (end - afterName < 2) {
            p.flags |= PacketSummary.FLAG_TRUNCATED;
            return;
        }
        p.dnsQueryType = u16(f, afterName);
    }

    /**
     * Reads the (possibly compressed) name at {@code nameOff} into {@code p.dnsQueryName}: labels joined by '.', each
     * byte one character (ISO-8859-1, so nothing is lost), the root name as "". The first pass checks the whole name
     * and measures it, the second copies it, so the only allocations are the name's bytes and its String.
     *
     * @return where the name ends in the question (after its terminating zero or its first pointer), or -1 when the
     *         name is invalid or cut off (the flag says which)
     */
    private static int dnsQueryName(PacketSummary p, byte[] f, int messageOff, int nameOff, int end) {
        int pos = nameOff;
        int afterName = -1;
        int pointers = 0;
        int chars = 0;
        while (true) {
            if (pos >= end) {
                p.flags |= PacketSummary.FLAG_TRUNCATED;
                return -1;
            }
            int length = u8(f, pos);
            if (length == 0) {
                if (afterName < 0) {
                    afterName = pos + 1;
                }
                break;
            }
            if ((length & 0xc0) == 0xc0) { // compression pointer
                if (end - pos < 2) {
                    p.flags |= PacketSummary.FLAG_TRUNCATED;
                    return -1;
                }
                if (afterName < 0) {
                    afterName = pos + 2;
                }
                if (++pointers > MAX_DNS_POINTERS) {
                    p.flags |= PacketSummary.FLAG_MALFORMED;
                    return -1;
                }
                pos = messageOff + ((length & 0x3f) << 8 | u8(f, pos + 1));
                continue;
            }
            if ((length & 0xc0) != 0) { // the obsolete extended label types
                p.flags |= PacketSummary.FLAG_MALFORMED;
                return -1;
            }
            if (end - pos - 1 < length) {
                p.flags |= PacketSummary.FLAG_TRUNCATED;
                return -1;
            }
            chars += chars == 0 ? length : length + 1;
            if (chars > MAX_DNS_NAME_CHARS) {
                p.flags |= PacketSummary.FLAG_MALFORMED;
                return -1;
            }
            pos += 1 + length;
        }
        if (chars == 0) {
            p.dnsQueryName = "";
            return afterName;
        }
        byte[] name = new byte[chars];
        int written = 0;
        pos = nameOff;
        // the first pass proved this walk ends within bounds and without loops
        for (int length = u8(f, pos); length != 0; length = u8(f, pos)) {
            if ((length & 0xc0) == 0xc0) {
                pos = messageOff + ((length & 0x3f) << 8 | u8(f, pos + 1));
                continue;
            }
            if (written > 0) {
                name[written++] = '.';
            }
            System.arraycopy(f, pos + 1, name, written, length);
            written += length;
            pos += 1 + length;
        }
        p.dnsQueryName = new String(name, StandardCharsets.ISO_8859_1);
        return afterName;
    }

    // ------------------------------------------------------------------ big-endian reads (callers check bounds)

    private static int u8(byte[] f, int i) {
        return f[i] & 0xff;
    }

    private static int u16(byte[] f, int i) {
        return (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
    }

    private static int i32(byte[] f, int i) {
        return (f[i] & 0xff) << 24 | (f[i + 1] & 0xff) << 16 | (f[i + 2] & 0xff) << 8 | (f[i + 3] & 0xff);
    }

    private static long u32(byte[] f, int i) {
        return i32(f, i) & 0xffff_ffffL;
    }

    private static long i64(byte[] f, int i) {
        return (long) i32(f, i) << 32 | u32(f, i + 4);
    }

    /** A MAC address in the low 48 bits. */
    private static long mac(byte[] f, int i) {
        return (long) u16(f, i) << 32 | u32(f, i + 2);
    }
}
