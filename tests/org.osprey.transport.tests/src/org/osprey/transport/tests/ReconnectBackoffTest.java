package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.osprey.transport.client.BackoffPolicy;
import org.osprey.transport.internal.client.ReconnectBackoff;

/** The reconnection delays: growth, cap, jitter range, and the reset after a stable connection. Time is passed in. */
class ReconnectBackoffTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Test
    void baseDelayDoublesFrom250MillisecondsUpTo30Seconds() {
        BackoffPolicy policy = BackoffPolicy.DEFAULT;
        long[] expected = { 250 * MS, 500 * MS, SECOND, 2 * SECOND, 4 * SECOND, 8 * SECOND, 16 * SECOND, 30 * SECOND,
                30 * SECOND };
        for (int attempt = 1; attempt <= expected.length; attempt++) {
            assertEquals(expected[attempt - 1], policy.baseDelayNanos(attempt), "attempt " + attempt);
        }
        assertEquals(30 * SECOND, policy.baseDelayNanos(Integer.MAX_VALUE), "no overflow at huge attempt numbers");
    }

    @Test
    void jitterStaysWithinPlusMinusTwentyPercent() {
        BackoffPolicy policy = BackoffPolicy.DEFAULT;
        for (int attempt = 1; attempt <= 10; attempt++) {
            long base = policy.baseDelayNanos(attempt);
            assertEquals(Math.round(base * 0.8), policy.delayNanos(attempt, 0.0), "lowest at attempt " + attempt);
            assertEquals(base, policy.delayNanos(attempt, 0.5), "middle at attempt " + attempt);
            long highest = policy.delayNanos(attempt, Math.nextDown(1.0));
            assertTrue(highest <= Math.round(base * 1.2) && highest > Math.round(base * 1.19),
                    "highest at attempt " + attempt + ": " + highest);
        }
    }

    @Test
    void delaysGrowAndSpreadAcrossTheWholeJitterRange() {
        BackoffPolicy policy = BackoffPolicy.DEFAULT;
        double lowestFactor = 2, highestFactor = 0;
        for (int run = 0; run < 200; run++) {
            ReconnectBackoff backoff = new ReconnectBackoff(policy, new Random(run));
            for (int attempt = 1; attempt <= 12; attempt++) {
                long delay = backoff.nextDelayNanos();
                assertEquals(attempt, backoff.attempts());
                double factor = (double) delay / policy.baseDelayNanos(attempt);
                assertTrue(factor >= 0.8 && factor <= 1.2, "attempt " + attempt + " factor " + factor);
                lowestFactor = Math.min(lowestFactor, factor);
                highestFactor = Math.max(highestFactor, factor);
            }
        }
        assertTrue(lowestFactor < 0.82 && highestFactor > 1.18,
                "jitter spreads delays: factors " + lowestFactor + " .. " + highestFactor);
    }

    @Test
    void successiveDelaysGrowEvenWithWorstCaseJitterUntilTheCap() {
        // the smallest delay of attempt n+1 (0.8 * 2b) exceeds the largest of attempt n (1.2 * b) while doubling
        BackoffPolicy policy = BackoffPolicy.DEFAULT;
        for (int attempt = 1; attempt < 8; attempt++) {
            assertTrue(policy.delayNanos(attempt + 1, 0.0) > policy.delayNanos(attempt, Math.nextDown(1.0)),
                    "attempt " + attempt);
        }
    }

    @Test
    void aStableConnectionStartsTheCountOver() {
        ReconnectBackoff backoff = new ReconnectBackoff(BackoffPolicy.DEFAULT, new Random(1));
        for (int i = 0; i < 5; i++) {
            backoff.nextDelayNanos();
        }
        assertEquals(5, backoff.attempts());
        long now = 1_000 * SECOND;
        backoff.connected(now);
        backoff.disconnected(now + 10 * SECOND);
        assertEquals(0, backoff.attempts(), "10 s connected is stable");
        long delay = backoff.nextDelayNanos();
        assertEquals(1, backoff.attempts());
        assertTrue(delay >= 200 * MS && delay <= 300 * MS, "first delay again: " + delay);
    }

    @Test
    void aConnectionThatDropsQuicklyKeepsBackingOff() {
        ReconnectBackoff backoff = new ReconnectBackoff(BackoffPolicy.DEFAULT, new Random(2));
        long now = 0;
        for (int attempt = 1; attempt <= 4; attempt++) {
            backoff.nextDelayNanos();
            backoff.connected(now);
            now += SECOND;
            backoff.disconnected(now);
            assertEquals(attempt, backoff.attempts(), "welcomed then dropped after 1 s: not stable");
        }
        long delay = backoff.nextDelayNanos();
        long base = BackoffPolicy.DEFAULT.baseDelayNanos(5);
        assertTrue(delay >= base * 0.8 && delay <= base * 1.2, "fifth attempt waits about 4 s: " + delay);
    }

    @Test
    void failedAttemptsWithoutAnyConnectionNeverReset() {
        ReconnectBackoff backoff = new ReconnectBackoff(BackoffPolicy.DEFAULT, new Random(3));
        backoff.nextDelayNanos();
        backoff.disconnected(Long.MAX_VALUE / 2);
        assertEquals(1, backoff.attempts(), "a loss without a connection before it is no stable connection");
    }

    @Test
    void customPolicyWithoutJitterIsExact() {
        BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 3.0, 0.0,
                Duration.ofSeconds(1));
        ReconnectBackoff backoff = new ReconnectBackoff(policy, new Random(4));
        assertEquals(100 * MS, backoff.nextDelayNanos());
        assertEquals(300 * MS, backoff.nextDelayNanos());
        assertEquals(900 * MS, backoff.nextDelayNanos());
        assertEquals(1000 * MS, backoff.nextDelayNanos());
    }

    @Test
    void nonsensePoliciesAreRefusedWithTheReason() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(Duration.ZERO, second, 2, 0.2, second));
        assertThrows(IllegalArgumentException.class,
                () -> new BackoffPolicy(second, Duration.ofMillis(10), 2, 0.2, second));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(second, second, 0.5, 0.2, second));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(second, second, Double.NaN, 0.2, second));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(second, second, 2, 1.0, second));
        assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(second, second, 2, -0.1, second));
        assertThrows(IllegalArgumentException.class, () -> BackoffPolicy.DEFAULT.baseDelayNanos(0));
        assertThrows(IllegalArgumentException.class, () -> BackoffPolicy.DEFAULT.delayNanos(1, 1.0));
    }
}
