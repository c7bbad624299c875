package org.osprey.detect;

import java.util.Objects;

/**
 * One tunable value of a detector: a threshold or a window. Values are numbers; counts are whole numbers and windows
 * are in seconds (see {@link DetectorSettings#nanos}).
 *
 * @param key          stable key, unique within the detector, for example {@code "ports"} or {@code "window.seconds"}
 * @param label        what the Detectors view shows, for example {@code "Distinct ports"}
 * @param defaultValue the value from published practice, documented in {@code description}
 * @param minimum      the smallest value the analyst may set
 * @param maximum      the largest value the analyst may set
 * @param description  what it means and where the default comes from
 */
public record DetectorParameter(String key, String label, double defaultValue, double minimum, double maximum,
        String description) {

    public DetectorParameter {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        if (!(minimum <= defaultValue && defaultValue <= maximum)) {
            throw new IllegalArgumentException(
                    key + ": default " + defaultValue + " is outside [" + minimum + ", " + maximum + "]");
        }
    }

    /** A whole-number count, for example a number of distinct ports. */
    public static DetectorParameter count(String key, String label, int defaultValue, int minimum, int maximum,
            String description) {
        return new DetectorParameter(key, label, defaultValue, minimum, maximum, description);
    }

    /** A duration in seconds, for example the length of a sliding window. */
    public static DetectorParameter seconds(String key, String label, double defaultValue, double minimum,
            double maximum, String description) {
        return new DetectorParameter(key, label, defaultValue, minimum, maximum, description);
    }
}
