package org.osprey.detect.builtin.internal;

import org.osprey.core.PacketSummary;

/**
 * A host and a port as one {@code long}, to key a {@link KeyTable} by connection ends (client and server with their
 * ports) or by a host and a service: exact for IPv4 (the {@link HostIds} id shifted over the port), a fingerprint
 * with the top bit set for IPv6 (two IPv6 endpoints share one with odds of about 2^-63).
 */
public final class EndpointIds {

    private EndpointIds() {
    }

    /** @param hostId a {@link HostIds} id; {@code port} 0..65535 (anything else is reduced to 16 bits) */
    public static long of(long hostId, int port) {
        if (HostIds.isIp4(hostId)) {
            return hostId << 16 | (port & 0xffff);
        }
        return Long.MIN_VALUE | (mix(hostId * 0x9E3779B97F4A7C15L + port) >>> 1);
    }

    /** The packet's source address and port. */
    public static long source(PacketSummary packet) {
        return of(HostIds.source(packet), packet.srcPort());
    }

    /** The packet's destination address and port. */
    public static long destination(PacketSummary packet) {
        return of(HostIds.destination(packet), packet.dstPort());
    }

    /** A well-spread 64-bit hash of {@code value} (the finaliser of MurmurHash3). */
    public static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
