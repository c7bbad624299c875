package org.osprey.transport.protocol;

import org.osprey.core.PacketSummary;

/**
 * Collects packets into one batch message on the agent's hot path, reusing its buffer from batch to batch. One
 * instance per sending thread (not thread-safe).
 */
public sealed interface PacketBatchEncoder permits JsonPacketBatch, BinaryPacketBatch {

    /** A writer for the negotiated encoding, holding at most {@code maxRecords} packets per batch. */
    static PacketBatchEncoder of(Encoding encoding, int maxRecords) {
        return switch (encoding) {
        case JSON -> new JsonPacketBatch(maxRecords);
        case BINARY -> new BinaryPacketBatch(maxRecords);
        };
    }

    Encoding encoding();

    /** Starts a new, empty batch (the previous batch's payload must no longer be in use). */
    void reset();

    /**
     * Adds the packet unless the batch is full (by record count or size).
     *
     * @return false when it did not fit: send this batch, reset, and add the packet again (an empty batch always
     *         takes a packet)
     */
    boolean add(PacketSummary packet);

    /** Packets in the batch. */
    int count();

    default boolean isEmpty() {
        return count() == 0;
    }
}
