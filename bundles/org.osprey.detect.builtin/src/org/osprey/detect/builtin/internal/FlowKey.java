package org.osprey.detect.builtin.internal;

import org.osprey.core.PacketSummary;

/**
 * A map key made of a source host, a destination host and (optionally) their ports, taken from a packet's IP and
 * transport headers. IPv4 addresses are held as IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) so both families share one
 * form.
 * <p>
 * Mutable on purpose: an inspector keeps one instance as a probe, {@link #set sets} it from each packet and looks it up
 * without allocating; only when it inserts a new entry does it store a {@link #copy()}. Never mutate a key that is in
 * a map.
 */
public final class FlowKey {

    /** The port value of a key that leaves ports out. */
    public static final int ANY_PORT = -1;

    private static final long IP4_MAPPED_LO = 0xffffL << 32;

    private long srcHi, srcLo, dstHi, dstLo;
    private int srcPort = ANY_PORT, dstPort = ANY_PORT;

    /**
     * Sets this key from the packet's addresses and ports.
     *
     * @param reversed  take the packet's destination as this key's source (a server's reply, keyed as its client's
     *                  request)
     * @param withPorts {@code false} to key by hosts only
     * @return this key
     */
    public FlowKey set(PacketSummary packet, boolean reversed, boolean withPorts) {
        long aHi, aLo, bHi, bLo;
        if (packet.ipVersion() == 6) {
            aHi = packet.srcIp6Hi();
            aLo = packet.srcIp6Lo();
            bHi = packet.dstIp6Hi();
            bLo = packet.dstIp6Lo();
        } else {
            aHi = 0;
            aLo = IP4_MAPPED_LO | (packet.srcIp4() & 0xffff_ffffL);
            bHi = 0;
            bLo = IP4_MAPPED_LO | (packet.dstIp4() & 0xffff_ffffL);
        }
        int aPort = withPorts ? packet.srcPort() : ANY_PORT;
        int bPort = withPorts ? packet.dstPort() : ANY_PORT;
        if (reversed) {
            srcHi = bHi; srcLo = bLo; srcPort = bPort;
            dstHi = aHi; dstLo = aLo; dstPort = aPort;
        } else {
            srcHi = aHi; srcLo = aLo; srcPort = aPort;
            dstHi = bHi; dstLo = bLo; dstPort = bPort;
        }
        return this;
    }

    /** Replaces the destination port (for example to key by hosts and the service's port only). */
    public FlowKey destinationPort(int port) {
        dstPort = port;
        return this;
    }

    /** Replaces the source port. */
    public FlowKey sourcePort(int port) {
        srcPort = port;
        return this;
    }

    /** An independent copy, to store in a map. */
    public FlowKey copy() {
        FlowKey copy = new FlowKey();
        copy.srcHi = srcHi;
        copy.srcLo = srcLo;
        copy.dstHi = dstHi;
        copy.dstLo = dstLo;
        copy.srcPort = srcPort;
        copy.dstPort = dstPort;
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlowKey k && k.srcLo == srcLo && k.dstLo == dstLo && k.srcHi == srcHi
                && k.dstHi == dstHi && k.srcPort == srcPort && k.dstPort == dstPort;
    }

    @Override
    public int hashCode() {
        long h = srcLo * 0x9E3779B97F4A7C15L + dstLo;
        h = h * 31 + srcHi * 17 + dstHi;
        h = h * 31 + ((long) srcPort << 16 ^ dstPort);
        return (int) (h ^ h >>> 32);
    }
}
