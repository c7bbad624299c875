package org.osprey.capture.internal;

import java.time.Instant;

/**
 * Wall-clock time in nanoseconds since the epoch, read without allocating: the epoch time once at creation plus the
 * monotonic {@link System#nanoTime()} since then. Monotonic by construction, so replayed or generated packets never
 * go back in time if the system clock is adjusted during a run.
 */
final class WallClock {

    private final long epochNanosAtStart;
    private final long nanoTimeAtStart;

    WallClock() {
        Instant now = Instant.now();
        nanoTimeAtStart = System.nanoTime();
        epochNanosAtStart = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    long nowNanos() {
        return epochNanosAtStart + (System.nanoTime() - nanoTimeAtStart);
    }
}
