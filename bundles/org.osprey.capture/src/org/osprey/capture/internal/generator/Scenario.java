package org.osprey.capture.internal.generator;

/**
 * One conversation or attack: a small state machine that makes its frames one at a time, in order. The generator
 * interleaves the frames of many scenarios, as a real link interleaves conversations.
 */
abstract class Scenario {

    /** The next frame (sealed, ready to publish), or {@code null} when the scenario is over. */
    abstract byte[] next();

    /** This scenario's frames, then {@code after}'s. */
    final Scenario then(Scenario after) {
        Scenario first = this;
        return new Scenario() {
            private boolean firstDone;

            @Override
            byte[] next() {
                if (!firstDone) {
                    byte[] f = first.next();
                    if (f != null) {
                        return f;
                    }
                    firstDone = true;
                }
                return after.next();
            }
        };
    }
}
