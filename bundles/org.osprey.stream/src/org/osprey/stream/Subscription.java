package org.osprey.stream;

/**
 * One subscriber's connection to a {@link PacketStream}: its counters, its filter, and the way to leave.
 * All methods are safe to call from any thread.
 */
public interface Subscription extends AutoCloseable {

    /**
     * Packets offered to this subscriber's queue: every packet published while it was subscribed. The filter is not
     * applied yet at that point; it runs on the delivery thread, so that the publisher never pays for it.
     */
    long offered();

    /** Packets that passed the filter and were handed to the listener so far. */
    long delivered();

    /**
     * Packets lost because this subscriber's queue was full when they were offered (so they were never tested against
     * the filter). Never affects other subscribers or the publisher.
     */
    long dropped();

    /** How many packets the queue holds at most. */
    int queueCapacity();

    /** The filter in force, or {@code null} when every packet is wanted. */
    DisplayFilter filter();

    /**
     * Replaces the filter while the stream runs; packets published from now on are tested against the new one
     * ({@code null} for every packet). Packets already queued are delivered as they are.
     */
    void setFilter(DisplayFilter filter);

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /**
     * Stops delivery: no new packets are queued, queued ones are discarded, and the delivery thread ends after the
     * batch it may be delivering right now. Idempotent.
     */
    @Override
    void close();
}
