package org.osprey.detect.builtin.internal;

import org.osprey.core.Addresses;
import org.osprey.core.PacketSummary;

/**
 * A host's IP address as one {@code long}, to key primitive tables ({@link KeyTable}) without allocating: an IPv4
 * address is its unsigned 32-bit value; an IPv6 address is a 62-bit fingerprint with the top bit set, so no IPv6 id
 * equals an IPv4 one and bit 62 is always free for an owner's own flag (for example TCP or UDP). Two IPv6 addresses
 * share a fingerprint with odds of about 2^-62: they would be counted as one host.
 */
public final class HostIds {

    /** An id no IP host has: the packet had no IP header. */
    public static final long NONE = -1L;
    /** Bit 62, never set in a host id. */
    public static final long FREE_BIT = 1L << 62;

    private static final long IP6_TAG = Long.MIN_VALUE;
    private static final long FINGERPRINT_MASK = FREE_BIT - 1;

    private HostIds() {
    }

    public static long source(PacketSummary packet) {
        return switch (packet.ipVersion()) {
            case 4 -> ip4(packet.srcIp4());
            case 6 -> ip6(packet.srcIp6Hi(), packet.srcIp6Lo());
            default -> NONE;
        };
    }

    public static long destination(PacketSummary packet) {
        return switch (packet.ipVersion()) {
            case 4 -> ip4(packet.dstIp4());
            case 6 -> ip6(packet.dstIp6Hi(), packet.dstIp6Lo());
            default -> NONE;
        };
    }

    public static long ip4(int address) {
        return address & 0xffff_ffffL;
    }

    public static long ip6(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return IP6_TAG | (h & FINGERPRINT_MASK);
    }

    /** The IPv4 address at {@code offset} of a frame (4 bytes, network order). */
    public static long ip4At(byte[] frame, int offset) {
        return ip4(int32(frame, offset));
    }

    /** The IPv6 address at {@code offset} of a frame (16 bytes, network order). */
    public static long ip6At(byte[] frame, int offset) {
        return ip6(int64(frame, offset), int64(frame, offset + 8));
    }

    /** The first 8 bytes of the IPv6 address at {@code offset}: its /64 network, for {@link #ip6Network}. */
    public static long ip6HighAt(byte[] frame, int offset) {
        return int64(frame, offset);
    }

    public static boolean isIp4(long id) {
        return id >= 0 && id <= 0xffff_ffffL;
    }

    /**
     * Whether the packet's destination is a group rather than one host (IPv4 multicast or limited broadcast, IPv6
     * multicast): such packets are not probes of a host, and a group never answers them itself.
     */
    public static boolean destinationIsGroup(PacketSummary packet) {
        return switch (packet.ipVersion()) {
            case 4 -> (packet.dstIp4() >>> 28) == 0xe || packet.dstIp4() == -1;
            case 6 -> (packet.dstIp6Hi() >>> 56) == 0xff;
            default -> true;
        };
    }

    /**
     * The network an analyst would name for IPv4 targets between {@code lowest} and {@code highest}: their common
     * prefix, widened to at least a /{@code longestPrefix} (a sweep of 10.0.0.1-10.0.0.30 is shown as 10.0.0.0/24,
     * not /27, since scans are aimed at subnets).
     */
    public static String ip4Network(int lowest, int highest, int longestPrefix) {
        int common = Integer.numberOfLeadingZeros(lowest ^ highest);
        int prefix = Math.min(common, longestPrefix);
        int network = prefix == 0 ? 0 : lowest & (-1 << (32 - prefix));
        return Addresses.ip4(network) + "/" + prefix;
    }

    private static int int32(byte[] f, int offset) {
        return (f[offset] & 0xff) << 24 | (f[offset + 1] & 0xff) << 16 | (f[offset + 2] & 0xff) << 8
                | (f[offset + 3] & 0xff);
    }

    private static long int64(byte[] f, int offset) {
        return (long) int32(f, offset) << 32 | (int32(f, offset + 4) & 0xffff_ffffL);
    }

    /** The /64 of an IPv6 address, the usual size of an IPv6 subnet. */
    public static String ip6Network(long hi) {
        return Addresses.ip6(hi, 0) + "/64";
    }
}
