package org.osprey.detect.engine;

import java.util.List;

import org.osprey.detect.DetectorParameter;

/**
 * The parameters the engine adds to every detector's own: what it does with the alerts a detector raises before they
 * reach anyone. Keys start with {@code "alerts."} so they never clash with a detector's.
 */
public final class AlertHygiene {

    /** Repeats of the same alert (detector, signature, source, destination) within this many seconds are merged. */
    public static final String SUPPRESS_SECONDS = "alerts.suppress.seconds";
    /** An alert is let through only once it was raised this many times for one host pair ... */
    public static final String THRESHOLD_COUNT = "alerts.threshold.count";
    /** ... within this many seconds of packet time. */
    public static final String THRESHOLD_SECONDS = "alerts.threshold.seconds";

    /**
     * Evidence the engine adds to an alert a threshold let through: the threshold that applied, for example
     * {@code "5 times in 60 s"}.
     */
    public static final String EVIDENCE_THRESHOLD = "alert threshold";
    /**
     * Evidence the engine adds to the first alert shown after a suppression window: how many repeats were merged into
     * the one shown before, for example {@code "12 within 300 s"}.
     */
    public static final String EVIDENCE_MERGED = "repeats merged before";

    public static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.seconds(SUPPRESS_SECONDS, "Suppress repeats for (s)", 300, 0, 86_400,
                    "Repeats of an alert with the same detector, signature, source and destination within this window"
                            + " are merged into the first one and counted, not shown again."),
            DetectorParameter.count(THRESHOLD_COUNT, "Raise after (times)", 1, 1, 1_000_000,
                    "An alert is shown only once the detector raised it this often for the same source and"
                            + " destination within the threshold window (Suricata's threshold: type threshold)."),
            DetectorParameter.seconds(THRESHOLD_SECONDS, "Threshold window (s)", 60, 1, 86_400,
                    "The window of the threshold count, in packet time."));

    private AlertHygiene() {
    }
}
