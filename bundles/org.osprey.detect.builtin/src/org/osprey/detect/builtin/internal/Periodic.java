package org.osprey.detect.builtin.internal;

/**
 * Says when a chore that runs every so often in packet time (forgetting expired state) is due: first one interval
 * after the first time it is asked, then one interval after each time it was due. Time never comes from the clock.
 */
public final class Periodic {

    private final long intervalNanos;
    private long next = Long.MIN_VALUE;

    public Periodic(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Whether the chore is due at {@code packetTimeNanos}; if so, the next one is due an interval later. */
    public boolean due(long packetTimeNanos) {
        if (next == Long.MIN_VALUE) {
            next = packetTimeNanos + intervalNanos;
            return false;
        }
        if (packetTimeNanos < next) {
            return false;
        }
        next = packetTimeNanos + intervalNanos;
        return true;
    }
}
