package org.osprey.capture.internal;

import java.util.function.BooleanSupplier;

/**
 * A deadline loop for a steady packet rate: packet {@code n} is due at {@code start + n / rate}, computed from the
 * start so rounding never accumulates. {@link #awaitNext} returns at once for every packet already due and parks only
 * when the next one is further away than {@link Pacer#EARLY_NANOS}, so high rates go out in short bursts with an
 * exact average and low rates cost no CPU between packets (no sleep per packet). When the caller falls more than
 * {@value #MAX_BACKLOG_MILLIS} ms behind (the machine is too slow for the rate, or was suspended), the schedule moves
 * up instead of bursting to catch up.
 */
final class RateSchedule {

    static final long MAX_BACKLOG_MILLIS = 250;
    private static final long MAX_BACKLOG_NANOS = MAX_BACKLOG_MILLIS * 1_000_000L;

    private final double periodNanos;
    private long start;
    private long scheduled;

    /** @param packetsPerSecond the rate; 0 for no pacing at all */
    RateSchedule(int packetsPerSecond) {
        this.periodNanos = packetsPerSecond == 0 ? 0 : 1e9 / packetsPerSecond;
        this.start = System.nanoTime();
    }

    /**
     * Waits until the next packet is due.
     *
     * @return false when {@code keepGoing} turned false while waiting
     */
    boolean awaitNext(BooleanSupplier keepGoing) {
        if (periodNanos == 0) {
            return true;
        }
        long due = start + (long) (scheduled++ * periodNanos);
        long late = System.nanoTime() - due;
        if (late > MAX_BACKLOG_NANOS) {
            start += late;
            due += late;
        }
        return Pacer.awaitDeadline(due, keepGoing);
    }
}
