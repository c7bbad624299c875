package org.osprey.capture;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Something that feeds packets into a {@link org.osprey.stream.PacketStream}: a live interface, a replayed capture
 * file, or the traffic generator. Get one from the {@link CaptureSources} service.
 * <p>
 * A source publishes from its own capture thread and never waits for consumers (publishing to a stream never
 * blocks). One stream should be fed by one running source at a time: {@code PacketStream.publish} is for one
 * publishing thread.
 * <p>
 * Life: {@link #start()} opens what the source reads (so a missing interface, a bad filter, a missing permission or
 * a file that is not a capture file fail right there, with a {@link CaptureException}) and starts the thread.
 * {@link #stop()} ends it. A failure while running moves the source to {@link CaptureState#FAILED};
 * {@link #failure()} then says why, and what was published before stays published.
 */
public interface CaptureSource extends AutoCloseable {

    /** Told about every state change, on the thread that made it (the capture thread, or the one calling stop). */
    @FunctionalInterface
    interface StateListener {
        void stateChanged(CaptureSource source, CaptureState state);
    }

    /** A short name, like {@code live:eth0}, {@code file:scan.pcapng} or {@code generator}. */
    String name();

    /** One line for people: what is captured and how (filter, speed, rate...). */
    String description();

    /**
     * The LINKTYPE_ values of the packets this source publishes (e.g. 1 for Ethernet). Empty until known: a live
     * capture knows it after {@link #start()}, a pcapng file may add link types as its interfaces appear.
     */
    List<Integer> linkTypes();

    /**
     * Opens the source and starts publishing on a new capture thread.
     *
     * @throws CaptureException when it cannot start; the message says why and what to do
     * @throws IllegalStateException when it was started before
     */
    void start() throws CaptureException;

    /** Stops publishing and waits (briefly) for the capture thread to end. Does nothing when already ended. */
    void stop();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }

    CaptureState state();

    /** Why the source failed, or {@code null} unless its state is {@link CaptureState#FAILED}. */
    CaptureException failure();

    /** The counters now (a snapshot; cheap enough to call for a 1 Hz status line). */
    CaptureCounters counters();

    /**
     * Waits until the source has reached an end state (finished, stopped or failed).
     *
     * @return true when it has, false when the time ran out first
     */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;

    void addStateListener(StateListener listener);

    void removeStateListener(StateListener listener);
}
