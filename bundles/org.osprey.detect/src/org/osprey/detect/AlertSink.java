package org.osprey.detect;

/** Receives the alerts an inspector raises. Thread-confined to the inspector's run. */
@FunctionalInterface
public interface AlertSink {

    void raise(Alert alert);
}
