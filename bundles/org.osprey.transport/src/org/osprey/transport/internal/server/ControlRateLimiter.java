package org.osprey.transport.internal.server;

/**
 * A token bucket for one connection's control messages: {@code burst} at once, {@code perSecond} sustained. Called
 * from the connection's inbound thread (Jetty delivers one message at a time per connection).
 */
final class ControlRateLimiter {

    private final double burst;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    ControlRateLimiter(int burst, int perSecond, long nowNanos) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
