package org.osprey.transport.internal.server;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per remote address over a sliding window. An address with {@code maxFailures} failures inside
 * the window is blocked, without its token being checked, until the oldest of them leaves the window. Thread-safe.
 */
public final class AuthFailureLimiter {

    /** Past this many remembered addresses, addresses without recent failures are forgotten. */
    private static final int PRUNE_ABOVE = 1024;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();

    public AuthFailureLimiter(int maxFailures, long windowNanos, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
    }

    /** Whether the address has used up its failures for now. */
    public synchronized boolean isBlocked(String address) {
        ArrayDeque<Long> times = failures.get(address);
        return times != null && expire(times, nanoClock.getAsLong()) >= maxFailures;
    }

    /** Records a failure; returns how many lie within the window now (this one included). */
    public synchronized int recordFailure(String address) {
        long now = nanoClock.getAsLong();
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(times -> expire(times, now) == 0);
        }
        ArrayDeque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
        return times.size();
    }

    public int maxFailures() {
        return maxFailures;
    }

    private int expire(ArrayDeque<Long> times, long now) {
        for (Iterator<Long> it = times.iterator(); it.hasNext();) {
            if (now - it.next() >= windowNanos) {
                it.remove();
            } else {
                break;
            }
        }
        return times.size();
    }
}
