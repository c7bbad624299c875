package org.osprey.core.io;

/** Conversions between capture-file timestamp units and nanoseconds since the epoch. */
final class Timestamps {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timestamps() {
    }

    /**
     * Timestamp units per second for a pcapng if_tsresol value: 10^n, or 2^n when the top bit is set.
     *
     * @return 0 when the resolution is too fine to count in a long
     */
    static long ticksPerSecond(int tsresol) {
        int exponent = tsresol & 0x7f;
        if ((tsresol & 0x80) != 0) {
            return exponent > 62 ? 0 : 1L << exponent;
        }
        if (exponent > 18) {
            return 0;
        }
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    /** Nanoseconds since the epoch of an unsigned tick count in {@code ticksPerSecond} units plus an offset. */
    static long toNanos(long ticks, long ticksPerSecond, long offsetSeconds) {
        long seconds = Long.divideUnsigned(ticks, ticksPerSecond);
        long remainder = Long.remainderUnsigned(ticks, ticksPerSecond);
        long nanos;
        if (NANOS_PER_SECOND % ticksPerSecond == 0) {
            nanos = remainder * (NANOS_PER_SECOND / ticksPerSecond);
        } else if (ticksPerSecond <= NANOS_PER_SECOND) {
            nanos = remainder * NANOS_PER_SECOND / ticksPerSecond; // remainder < 2^30 here: no overflow
        } else {
            // finer than nanoseconds: the exact product would overflow, and sub-nanosecond precision is dropped anyway
            nanos = (long) ((double) remainder * NANOS_PER_SECOND / ticksPerSecond);
        }
        return (seconds + offsetSeconds) * NANOS_PER_SECOND + nanos;
    }
}
