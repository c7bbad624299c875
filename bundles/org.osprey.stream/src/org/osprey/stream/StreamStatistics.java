package org.osprey.stream;

/**
 * A snapshot of a {@link PacketStream}'s counters. Totals count since the stream started (they survive
 * {@link PacketStream#clear()}); rates are averaged over the last completed window of {@code rateWindowMillis}.
 *
 * @param packets packets published
 * @param bytes sum of their wire lengths
 * @param packetsPerSecond publish rate over the rate window
 * @param bytesPerSecond wire bytes per second over the rate window
 * @param rateWindowMillis the window the rates are measured over
 * @param ringSize packets the ring holds now
 * @param ringEvicted packets the ring overwrote to make room (no longer readable by {@link PacketStream#read})
 * @param subscriberQueueDrops packets not delivered to a subscriber because its queue was full, summed over all
 *        subscribers, closed ones included
 * @param subscribers open subscriptions
 */
public record StreamStatistics(long packets, long bytes, double packetsPerSecond, double bytesPerSecond,
        long rateWindowMillis, int ringSize, long ringEvicted, long subscriberQueueDrops, int subscribers) {

    /** All drops, by every cause. */
    public long totalDrops() {
        return ringEvicted + subscriberQueueDrops;
    }
}
