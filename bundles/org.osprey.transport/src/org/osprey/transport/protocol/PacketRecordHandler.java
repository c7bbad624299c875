package org.osprey.transport.protocol;

/**
 * Receives the packets of a decoded batch one by one, in batch order, without an object per packet beyond the frame:
 * how a client feeds its local stream (e.g. {@code PacketSummary.ofFrame(frame, frame.length, wireLength, linkType,
 * 0, timestampNanos)}, then the summary decoder).
 */
@FunctionalInterface
public interface PacketRecordHandler {

    /** @param frame the captured bytes, a new array owned by the handler from now on */
    void onPacket(long sequence, long timestampNanos, int wireLength, int linkType, byte[] frame);
}
