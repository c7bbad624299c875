package org.osprey.detect.engine;

import java.util.List;

import org.osprey.detect.DetectorParameter;
import org.osprey.detect.DetectorSettings;

/**
 * A snapshot of one detector in one run, for the Detectors view and the analyze summary.
 *
 * @param parameters the detector's own parameters followed by {@link AlertHygiene#PARAMETERS}
 * @param reason     why it is quarantined or failed to start, {@code null} while active
 * @param packetsSeen packets its filter let through to its inspector
 * @param alertsRaised alerts its inspector raised; {@code alertsSuppressed} of them were held back by the alert
 *                   hygiene, the others delivered
 * @param nanosSpent time spent in the detector's filter and inspector, summed
 */
public record DetectorStatus(String id, String name, String version, String description, State state, String reason,
        long packetsSeen, long alertsRaised, long alertsSuppressed, long nanosSpent, List<DetectorParameter> parameters,
        DetectorSettings settings) {

    public enum State {
        /** Inspecting packets. */
        ACTIVE,
        /** Stopped by the engine after it threw, exceeded its time budget, or could not start; see the reason. */
        QUARANTINED,
        /** Its service went away (bundle stopped or removed); kept in the list with its counters. */
        REMOVED
    }
}
