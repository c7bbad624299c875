package org.osprey.stream;

import org.osprey.core.PacketSummary;

/**
 * Receives the packets of one {@link Subscription}, in batches, on that subscription's delivery thread (never on the
 * publisher's thread). Calls for one subscription never overlap, so a listener needs no locking of its own state.
 */
@FunctionalInterface
public interface PacketListener {

    /**
     * A batch of packets in sequence order. The array is reused for the next batch: copy out what you keep (the
     * {@link PacketSummary} objects themselves may be kept, they are not reused).
     *
     * @param count how many entries of {@code batch}, from index 0, hold packets
     */
    void onPackets(PacketSummary[] batch, int count);

    /**
     * Called before the next batch when packets were dropped for this subscriber because its queue was full.
     *
     * @param count how many were dropped since the last call (the running total is {@link Subscription#dropped()})
     */
    default void onDropped(long count) {
    }
}
