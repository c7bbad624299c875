package org.osprey.capture.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for deadlines on {@link System#nanoTime()} without a sleep per packet: a caller computes each packet's due
 * time from the start of the run (so rounding never accumulates) and asks to wait only when the packet is due
 * noticeably later. Packets due within {@link #EARLY_NANOS} go out at once: parking is only accurate to tens of
 * microseconds, so at high rates packets leave in small bursts and the average rate stays exact.
 */
final class Pacer {

    /** Publish a packet this early rather than park for it. */
    static final long EARLY_NANOS = 100_000;
    /** Longest single park, so that a stop request is noticed within this time. */
    private static final long MAX_PARK_NANOS = 20_000_000;

    private Pacer() {
    }

    /**
     * Waits until {@code System.nanoTime()} is within {@link #EARLY_NANOS} of {@code deadline}.
     *
     * @return false when {@code keepGoing} turned false while waiting
     */
    static boolean awaitDeadline(long deadline, BooleanSupplier keepGoing) {
        while (true) {
            long wait = deadline - System.nanoTime();
            if (wait <= EARLY_NANOS) {
                return true;
            }
            if (!keepGoing.getAsBoolean()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
        }
    }
}
