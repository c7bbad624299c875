package org.osprey.transport.internal.client;

import java.util.random.RandomGenerator;

import org.osprey.transport.client.BackoffPolicy;

/**
 * Counts reconnection attempts and picks each delay from a {@link BackoffPolicy}. The count starts over once a
 * connection has lasted {@link BackoffPolicy#stableAfter()}: a link that drops now and then reconnects quickly, one
 * that drops right after every welcome backs off further each time.
 * <p>
 * Time is passed in (nanoTime values) so the policy can be checked without clocks. Not thread-safe: the connection's
 * event thread owns it.
 */
public final class ReconnectBackoff {

    private final BackoffPolicy policy;
    private final RandomGenerator random;
    private int attempts;
    private long connectedAt;
    private boolean connected;

    public ReconnectBackoff(BackoffPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /** Attempts made since the last stable connection (0 before the first loss). */
    public int attempts() {
        return attempts;
    }

    /** The connection was established at {@code nowNanos}. */
    public void connected(long nowNanos) {
        connected = true;
        connectedAt = nowNanos;
    }

    /** The connection was lost at {@code nowNanos}; a stable one resets the attempt count. */
    public void disconnected(long nowNanos) {
        if (connected && nowNanos - connectedAt >= policy.stableAfter().toNanos()) {
            attempts = 0;
        }
        connected = false;
    }

    /** Counts one more attempt and returns the delay before it, in nanoseconds, jitter included. */
    public long nextDelayNanos() {
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        return policy.delayNanos(attempts, random.nextDouble());
    }
}
