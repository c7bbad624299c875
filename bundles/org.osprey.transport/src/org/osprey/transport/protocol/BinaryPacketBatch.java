package org.osprey.transport.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.osprey.core.PacketSummary;

/** Writes the {@link BinaryCodec} layout into one preallocated buffer; allocates nothing per packet. */
public final class BinaryPacketBatch implements PacketBatchEncoder {

    /** Soft size of a batch: it is sent once the next packet would not fit. */
    static final int TARGET_BYTES = 512 * 1024;

    /** Room for a full-size batch plus one maximal frame, so that an empty batch always takes a packet. */
    private static final int MAX_CAPACITY = TARGET_BYTES + BinaryCodec.RECORD_HEADER_BYTES + BinaryCodec.MAX_FRAME_BYTES;
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final int maxRecords;
    /** Grows on demand up to {@link #MAX_CAPACITY}: a quiet client never needs the full size. */
    private ByteBuffer buffer;
    private int count;

    public BinaryPacketBatch(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1");
        }
        this.maxRecords = maxRecords;
        this.buffer = ByteBuffer.allocate(INITIAL_CAPACITY).order(ByteOrder.BIG_ENDIAN);
        reset();
    }

    @Override
    public Encoding encoding() {
        return Encoding.BINARY;
    }

    @Override
    public void reset() {
        buffer.clear().position(BinaryCodec.HEADER_BYTES);
        count = 0;
    }

    @Override
    public boolean add(PacketSummary packet) {
        byte[] frame = packet.frame();
        int capturedLength = Math.min(Math.min(packet.capturedLength(), frame.length), BinaryCodec.MAX_FRAME_BYTES);
        if (count > 0 && (count == maxRecords
                || buffer.position() + BinaryCodec.RECORD_HEADER_BYTES + capturedLength > TARGET_BYTES)) {
            return false;
        }
        int needed = buffer.position() + BinaryCodec.RECORD_HEADER_BYTES + capturedLength;
        if (needed > buffer.capacity()) {
            grow(needed);
        }
        BinaryCodec.putRecord(buffer, packet.sequence(), packet.timestampNanos(), packet.wireLength(),
                packet.linkType(), frame, capturedLength);
        count++;
        return true;
    }

    private void grow(int needed) {
        ByteBuffer larger = ByteBuffer.allocate(Math.min(MAX_CAPACITY, Math.max(needed, buffer.capacity() * 2)))
                .order(ByteOrder.BIG_ENDIAN);
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
    }

    @Override
    public int count() {
        return count;
    }

    /**
     * Completes the batch: the returned buffer (position 0, limit at the end) is valid until the next {@link #reset}.
     */
    public ByteBuffer finish() {
        int end = buffer.position();
        buffer.position(0);
        BinaryCodec.putHeader(buffer, count);
        return buffer.position(0).limit(end);
    }
}
