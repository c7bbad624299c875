package org.osprey.capture.internal.generator;

/**
 * Builds Ethernet/IPv4 frames byte by byte: ARP, TCP, UDP and ICMP, with correct IPv4 header and TCP/UDP/ICMP
 * checksums. Each method allocates exactly the frame array. The TCP/UDP/ICMP builders leave the payload zeroed:
 * the caller writes it at {@link #payloadOffset(byte[])} and then calls {@link #seal(byte[])}, which computes the
 * checksums over what is there.
 * <p>
 * MAC addresses are the low 48 bits of a {@code long}, IPv4 addresses an {@code int}, as in
 * {@link org.osprey.core.PacketSummary}.
 */
final class Frames {

    static final int ETHERNET_HEADER = 14;
    static final int IPV4_HEADER = 20;
    static final int IP_OFFSET = ETHERNET_HEADER;
    static final int L4_OFFSET = ETHERNET_HEADER + IPV4_HEADER;
    static final int UDP_HEADER = 8;
    static final int ICMP_HEADER = 8;
    static final int TCP_HEADER = 20;
    /** A SYN carries the MSS option: 4 more bytes of TCP header. */
    static final int TCP_MSS_OPTION = 4;
    static final int MSS = 1460;

    static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806;
    static final int PROTO_ICMP = 1, PROTO_TCP = 6, PROTO_UDP = 17;
    static final long BROADCAST_MAC = 0xffff_ffff_ffffL;

    private Frames() {
    }

    /**
     * A TCP segment.
     *
     * @param mssOption add the MSS option (for SYN and SYN/ACK)
     * @param payloadLength payload bytes to leave room for, written by the caller before {@link #seal}
     */
    static byte[] tcp(long srcMac, int srcIp, long dstMac, int dstIp, int ipId, int ttl, int srcPort, int dstPort,
            long seq, long ack, int flags, int window, boolean mssOption, int payloadLength) {
        int headerLength = TCP_HEADER + (mssOption ? TCP_MSS_OPTION : 0);
        byte[] f = ipv4(srcMac, srcIp, dstMac, dstIp, PROTO_TCP, ipId, ttl, headerLength + payloadLength);
        int t = L4_OFFSET;
        u16(f, t, srcPort);
        u16(f, t + 2, dstPort);
        u32(f, t + 4, seq);
        u32(f, t + 8, (flags & 0x010) != 0 ? ack : 0);
        u16(f, t + 12, (headerLength / 4) << 12 | (flags & 0x1ff));
        u16(f, t + 14, window);
        if (mssOption) {
            f[t + 20] = 2;
            f[t + 21] = 4;
            u16(f, t + 22, MSS);
        }
        return f;
    }

    /** A UDP datagram; the payload goes at offset {@value #L4_OFFSET} + {@value #UDP_HEADER}. */
    static byte[] udp(long srcMac, int srcIp, long dstMac, int dstIp, int ipId, int ttl, int srcPort, int dstPort,
            int payloadLength) {
        byte[] f = ipv4(srcMac, srcIp, dstMac, dstIp, PROTO_UDP, ipId, ttl, UDP_HEADER + payloadLength);
        u16(f, L4_OFFSET, srcPort);
        u16(f, L4_OFFSET + 2, dstPort);
        u16(f, L4_OFFSET + 4, UDP_HEADER + payloadLength);
        return f;
    }

    /**
     * An ICMP message.
     *
     * @param restOfHeader the second 32-bit word (echo: identifier and sequence number; unreachable: 0)
     */
    static byte[] icmp(long srcMac, int srcIp, long dstMac, int dstIp, int ipId, int ttl, int type, int code,
            int restOfHeader, int payloadLength) {
        byte[] f = ipv4(srcMac, srcIp, dstMac, dstIp, PROTO_ICMP, ipId, ttl, ICMP_HEADER + payloadLength);
        f[L4_OFFSET] = (byte) type;
        f[L4_OFFSET + 1] = (byte) code;
        u32(f, L4_OFFSET + 4, restOfHeader & 0xffff_ffffL);
        return f;
    }

    /** An Ethernet/IPv4 ARP request (opcode 1) or reply (2); complete, no sealing needed. */
    static byte[] arp(long ethSrc, long ethDst, int opcode, long senderMac, int senderIp, long targetMac,
            int targetIp) {
        byte[] f = new byte[ETHERNET_HEADER + 28];
        mac(f, 0, ethDst);
        mac(f, 6, ethSrc);
        u16(f, 12, ETHERTYPE_ARP);
        int a = ETHERNET_HEADER;
        u16(f, a, 1); // hardware type Ethernet
        u16(f, a + 2, ETHERTYPE_IPV4);
        f[a + 4] = 6;
        f[a + 5] = 4;
        u16(f, a + 6, opcode);
        mac(f, a + 8, senderMac);
        u32(f, a + 14, senderIp & 0xffff_ffffL);
        mac(f, a + 18, targetMac);
        u32(f, a + 24, targetIp & 0xffff_ffffL);
        return f;
    }

    private static byte[] ipv4(long srcMac, int srcIp, long dstMac, int dstIp, int protocol, int ipId, int ttl,
            int l4Length) {
        byte[] f = new byte[L4_OFFSET + l4Length];
        mac(f, 0, dstMac);
        mac(f, 6, srcMac);
        u16(f, 12, ETHERTYPE_IPV4);
        int ip = IP_OFFSET;
        f[ip] = 0x45;
        u16(f, ip + 2, IPV4_HEADER + l4Length);
        u16(f, ip + 4, ipId);
        f[ip + 6] = 0x40; // don't fragment, as modern stacks send
        f[ip + 8] = (byte) ttl;
        f[ip + 9] = (byte) protocol;
        u32(f, ip + 12, srcIp & 0xffff_ffffL);
        u32(f, ip + 16, dstIp & 0xffff_ffffL);
        return f;
    }

    /** Where the transport payload starts in a frame made here. */
    static int payloadOffset(byte[] f) {
        return switch (f[IP_OFFSET + 9]) {
            case PROTO_TCP -> L4_OFFSET + ((f[L4_OFFSET + 12] & 0xf0) >> 2);
            default -> L4_OFFSET + 8;
        };
    }

    /** Computes the IPv4 header checksum and the TCP, UDP or ICMP checksum; call it once the payload is written. */
    static byte[] seal(byte[] f) {
        if (u16(f, 12) != ETHERTYPE_IPV4) {
            return f;
        }
        int ip = IP_OFFSET;
        f[ip + 10] = 0;
        f[ip + 11] = 0;
        u16(f, ip + 10, fold(sum(f, ip, IPV4_HEADER, 0)));
        int l4Length = f.length - L4_OFFSET;
        switch (f[ip + 9]) {
            case PROTO_TCP -> transportChecksum(f, L4_OFFSET + 16, PROTO_TCP, l4Length);
            case PROTO_UDP -> {
                transportChecksum(f, L4_OFFSET + 6, PROTO_UDP, l4Length);
                if (u16(f, L4_OFFSET + 6) == 0) {
                    u16(f, L4_OFFSET + 6, 0xffff); // RFC 768: a computed 0 is sent as all ones
                }
            }
            case PROTO_ICMP -> {
                f[L4_OFFSET + 2] = 0;
                f[L4_OFFSET + 3] = 0;
                u16(f, L4_OFFSET + 2, fold(sum(f, L4_OFFSET, l4Length, 0)));
            }
            default -> {
            }
        }
        return f;
    }

    /** TCP/UDP checksum over the IPv4 pseudo-header and the segment. */
    private static void transportChecksum(byte[] f, int checksumAt, int protocol, int l4Length) {
        f[checksumAt] = 0;
        f[checksumAt + 1] = 0;
        long pseudo = sum(f, IP_OFFSET + 12, 8, 0) + protocol + l4Length;
        u16(f, checksumAt, fold(sum(f, L4_OFFSET, l4Length, pseudo)));
    }

    /** The 16-bit big-endian words of {@code f[off, off+len)} added to {@code initial} (odd length: zero padded). */
    static long sum(byte[] f, int off, int len, long initial) {
        long s = initial;
        int end = off + len - 1;
        int i = off;
        for (; i < end; i += 2) {
            s += (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
        }
        if (i == end) {
            s += (f[i] & 0xff) << 8;
        }
        return s;
    }

    /** Folds the carries and takes the ones' complement. */
    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    // ------------------------------------------------------------------ byte helpers

    static void u16(byte[] f, int off, int value) {
        f[off] = (byte) (value >>> 8);
        f[off + 1] = (byte) value;
    }

    static int u16(byte[] f, int off) {
        return (f[off] & 0xff) << 8 | (f[off + 1] & 0xff);
    }

    static void u32(byte[] f, int off, long value) {
        f[off] = (byte) (value >>> 24);
        f[off + 1] = (byte) (value >>> 16);
        f[off + 2] = (byte) (value >>> 8);
        f[off + 3] = (byte) value;
    }

    static void mac(byte[] f, int off, long mac) {
        for (int i = 0; i < 6; i++) {
            f[off + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    /** Writes the characters of an ASCII string (no allocation); returns the offset after them. */
    static int ascii(byte[] f, int off, CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            f[off + i] = (byte) text.charAt(i);
        }
        return off + n;
    }

    /** Copies bytes; returns the offset after them. */
    static int bytes(byte[] f, int off, byte[] src) {
        System.arraycopy(src, 0, f, off, src.length);
        return off + src.length;
    }
}
