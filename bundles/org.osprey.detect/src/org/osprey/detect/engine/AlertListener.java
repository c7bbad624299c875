package org.osprey.detect.engine;

import org.osprey.detect.Alert;

/** Receives the alerts a run lets through after deduplication, suppression and thresholds. */
@FunctionalInterface
public interface AlertListener {

    /** Called on the run's thread; hand work that blocks to another thread. */
    void alertRaised(Alert alert);
}
