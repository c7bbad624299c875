package org.osprey.stream;

import org.osprey.core.PacketSummary;

/**
 * The live stream of packets, the same service on the agent (fed by capture) and in the client (fed by the
 * transport or a local file replay). Views and detectors never know where packets come from.
 * <p>
 * Two ways to consume it:
 * <ul>
 * <li><b>push</b>: {@link #subscribe} delivers batches on a delivery thread through a bounded per-subscriber queue; a
 * subscriber that falls behind loses its own packets (counted in its {@link Subscription#dropped()}), never slows
 * the publisher or other subscribers;</li>
 * <li><b>pull</b>: {@link #read} copies what the ring buffer still holds from a sequence number on; a view that ticks at
 * 10 Hz reads what arrived since its last tick and loses nothing the ring still holds.</li>
 * </ul>
 * Publishing never blocks and allocates nothing per packet beyond what the caller passes in.
 */
public interface PacketStream {

    /**
     * Assigns the next sequence number to the packet ({@link PacketSummary#setSequence}) and its number (1 for the
     * first packet since the last {@link #clear()}, {@link PacketSummary#setNumber}), keeps it in the ring buffer
     * (discarding the oldest when full) and offers it to every subscriber's queue (filters run on the subscribers'
     * delivery threads). Call it from one publishing thread at a time, with a new summary object each time: the
     * stream and its readers hold on to the object, which must not change after this call.
     *
     * @return the sequence number given to the packet
     */
    long publish(PacketSummary packet);

    /**
     * Subscribes a listener. {@code filter} may be {@code null} for every packet.
     *
     * @param queueCapacity the bound of this subscriber's queue; packets offered while it is full are dropped and counted
     */
    Subscription subscribe(DisplayFilter filter, PacketListener listener, int queueCapacity);

    /** Subscribes with the default queue capacity. */
    default Subscription subscribe(DisplayFilter filter, PacketListener listener) {
        return subscribe(filter, listener, 65_536);
    }

    /**
     * Copies into {@code dst} the packets the ring still holds with sequence numbers from {@code fromSequence} on, in
     * order, at most {@code dst.length}.
     *
     * @return how many were copied; if {@code fromSequence} is older than the ring holds, copying starts at the oldest
     *         held (compare the first copied packet's sequence with {@code fromSequence} to see the gap)
     */
    int read(long fromSequence, PacketSummary[] dst);

    /** The packet with this sequence number, or {@code null} when the ring no longer (or not yet) holds it. */
    PacketSummary get(long sequence);

    /** Sequence number of the oldest packet in the ring, or the next one to be assigned when the ring is empty. */
    long oldestSequence();

    /** The sequence number the next published packet will get. */
    long nextSequence();

    /** How many packets the ring holds at most. */
    int ringCapacity();

    /** Empties the ring buffer (sequence numbers keep increasing) and tells listeners through {@link StreamListener}. */
    void clear();

    /** A consistent snapshot of counters: packets, bytes, rate, drops. */
    StreamStatistics statistics();

    /** Listens to stream-wide events (cleared). */
    void addStreamListener(StreamListener listener);

    void removeStreamListener(StreamListener listener);
}
