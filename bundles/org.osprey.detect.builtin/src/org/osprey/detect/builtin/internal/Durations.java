package org.osprey.detect.builtin.internal;

import java.util.Locale;

/** Text for spans of packet time in alert messages and evidence. Made only when an alert is raised. */
public final class Durations {

    private Durations() {
    }

    /** "70 ms", "1.2 s", "23 s", "4 min 10 s": about two significant digits, as an analyst reads them. */
    public static String of(long nanos) {
        double seconds = Math.max(0, nanos) / 1e9;
        if (seconds < 0.001) {
            return "under 1 ms";
        }
        if (seconds < 1) {
            return Math.round(seconds * 1000) + " ms";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 120) {
            return Math.round(seconds) + " s";
        }
        long whole = Math.round(seconds);
        return whole / 60 + " min " + whole % 60 + " s";
    }

    /** A parameter's value in seconds without a needless ".0": "300", "0.5". */
    public static String seconds(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
