package org.osprey.detect.builtin.internal;

import org.osprey.core.PacketSummary;

/**
 * The start of the packet an ICMP or ICMPv6 error quotes (RFC 792: the IP header and 8 bytes; RFC 4443: as much as
 * fits): who sent it to whom, and for TCP and UDP the destination port. Read from the frame without allocating; an
 * inspector keeps one and reuses it.
 */
public final class QuotedPacket {

    private long source;
    private long destination;
    private int protocol;
    private int destinationPort;

    /**
     * Reads the packet quoted by {@code packet}.
     *
     * @return {@code false} when {@code packet} is no ICMP error (unreachable, source quench, redirect, time exceeded,
     *         parameter problem; ICMPv6 types 1 to 4) or the quote is cut too short to hold the addresses and ports
     */
    public boolean read(PacketSummary packet) {
        int type = packet.icmpType();
        int offset = packet.payloadOffset();
        int length = packet.payloadLength();
        if (offset < 0 || type == PacketSummary.ABSENT) {
            return false;
        }
        byte[] f = packet.frame();
        int transport;
        if (packet.ipVersion() == 4) {
            boolean error = type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
            if (!error || length < 20 || (f[offset] & 0xf0) != 0x40) {
                return false;
            }
            int headerLength = (f[offset] & 0x0f) * 4;
            if (headerLength < 20 || length < headerLength + 4) {
                return false;
            }
            protocol = f[offset + 9] & 0xff;
            source = HostIds.ip4At(f, offset + 12);
            destination = HostIds.ip4At(f, offset + 16);
            transport = offset + headerLength;
        } else if (packet.ipVersion() == 6) {
            if (type < 1 || type > 4 || length < 44 || (f[offset] & 0xf0) != 0x60) {
                return false;
            }
            protocol = f[offset + 6] & 0xff; // extension headers are not followed: their ports stay unknown
            source = HostIds.ip6At(f, offset + 8);
            destination = HostIds.ip6At(f, offset + 24);
            transport = offset + 40;
        } else {
            return false;
        }
        destinationPort = protocol == 6 || protocol == 17
                ? (f[transport + 2] & 0xff) << 8 | (f[transport + 3] & 0xff) : PacketSummary.ABSENT;
        return true;
    }

    /** The quoted packet's sender, as a {@link HostIds host id}. */
    public long source() {
        return source;
    }

    public long destination() {
        return destination;
    }

    /** IP protocol number of the quoted packet (6 TCP, 17 UDP, ...). */
    public int protocol() {
        return protocol;
    }

    /** The quoted TCP or UDP destination port, else {@link PacketSummary#ABSENT}. */
    public int destinationPort() {
        return destinationPort;
    }
}
