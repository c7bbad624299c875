package org.osprey.transport.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an {@link AgentConnection} waits before each reconnection attempt: exponential growth from
 * {@code initialDelay}, capped at {@code maxDelay}, spread by a random factor of plus or minus {@code jitter} so that
 * many clients cut off at once do not come back at the same instant. A connection that stayed up for
 * {@code stableAfter} starts again from {@code initialDelay} the next time it drops.
 *
 * @param initialDelay delay before the first retry (before jitter)
 * @param maxDelay no delay before jitter exceeds this
 * @param multiplier growth per attempt, at least 1
 * @param jitter fraction in [0, 1): each delay is multiplied by a random factor in [1 - jitter, 1 + jitter]
 * @param stableAfter how long a connection must have lasted for the attempt count to start over
 */
public record BackoffPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
        Duration stableAfter) {

    /** 250 ms doubling to 30 s, plus or minus 20 %, reset after 10 s connected. */
    public static final BackoffPolicy DEFAULT = new BackoffPolicy(Duration.ofMillis(250), Duration.ofSeconds(30), 2.0,
            0.2, Duration.ofSeconds(10));

    public BackoffPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(stableAfter, "stableAfter");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay must be positive: " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a number >= 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        if (stableAfter.isNegative()) {
            throw new IllegalArgumentException("stableAfter must not be negative: " + stableAfter);
        }
    }

    /**
     * The delay before attempt number {@code attempt} without jitter: {@code initialDelay * multiplier^(attempt-1)},
     * at most {@code maxDelay}.
     *
     * @param attempt 1 for the first retry after a loss
     */
    public long baseDelayNanos(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        double delay = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
        long max = maxDelay.toNanos();
        return delay >= max ? max : (long) delay;
    }

    /**
     * The delay before attempt number {@code attempt} with jitter applied.
     *
     * @param random a number in [0, 1) (e.g. from a {@link java.util.random.RandomGenerator}); 0.5 means no jitter
     */
    public long delayNanos(int attempt, double random) {
        if (!(random >= 0.0 && random < 1.0)) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        double factor = 1.0 + jitter * (2.0 * random - 1.0);
        return Math.round(baseDelayNanos(attempt) * factor);
    }
}
