package org.osprey.capture;

import java.util.concurrent.TimeUnit;

/**
 * Sends the traffic generator's frames out of a loopback interface at a steady rate: real packets for a live capture
 * on that interface to see, for demos and for end-to-end load and latency measurements. Get one from
 * {@link CaptureSources#injector}. Sending needs the same permission as capturing (CAP_NET_RAW).
 * <p>
 * Only loopback interfaces are allowed: the mix holds attacks (ARP spoofing, SYN floods) that must never reach real
 * hosts. The frames are addressed to the generator's imaginary 192.168.10.0/24 site; on {@code lo} the kernel drops
 * them after the capture taps have seen them, so nothing answers and nothing is routed.
 */
public interface TrafficInjector extends AutoCloseable {

    /**
     * Opens the interface for sending and starts the sending thread.
     *
     * @throws CaptureException when the interface is missing or not a loopback interface, or the permission lacks
     *         (the message says what to do)
     */
    void start() throws CaptureException;

    /** Stops sending and waits briefly for the thread to end. */
    void stop();

    @Override
    default void close() {
        stop();
    }

    /** Frames handed to the interface so far. */
    long sent();

    /** Frames the interface refused because they are longer than its MTU (they are skipped). */
    long tooLong();

    /** Why sending stopped on its own, or {@code null}. */
    CaptureException failure();

    /** Waits until sending has ended (packet limit reached, stopped, or failed). */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;
}
