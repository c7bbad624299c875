package org.osprey.detect.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something another thread does; the timeout is a hang guard, never part of what is tested. */
final class Await {

    static final long HANG_GUARD_MILLIS = 20_000;

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "");
    }

    static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("still waiting for " + what + " " + state.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
