package org.osprey.transport.tests;

import java.nio.ByteBuffer;

import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;

/** Real Ethernet/IPv4/UDP frames, built byte by byte, so that tests know every field they later check. */
final class TestPackets {

    private TestPackets() {
    }

    /**
     * An Ethernet/IPv4/UDP frame from 10.0.0.1:{@code srcPort} to 10.0.0.2:{@code dstPort} whose payload starts with
     * {@code id} (8 bytes, big-endian), decoded into a summary ready to publish.
     */
    static PacketSummary udp(int srcPort, int dstPort, long id, long timestampNanos) {
        byte[] frame = udpFrame(srcPort, dstPort, id);
        return SummaryDecoder.decode(frame, SummaryDecoder.LINKTYPE_ETHERNET, timestampNanos, frame.length);
    }

    static byte[] udpFrame(int srcPort, int dstPort, long id) {
        int payload = 8;
        ByteBuffer b = ByteBuffer.allocate(14 + 20 + 8 + payload);
        b.put(new byte[] { 2, 0, 0, 0, 0, 2 }).put(new byte[] { 2, 0, 0, 0, 0, 1 }).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payload)).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] { 10, 0, 0, 1 })
                .put(new byte[] { 10, 0, 0, 2 });
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload)).putShort((short) 0);
        b.putLong(id);
        return b.array();
    }
}
