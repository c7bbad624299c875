package org.osprey.detect.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.osprey.detect.Alert;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.engine.AlertHygiene;

/**
 * Alert hygiene for one detector in one run: the threshold (let an alert through only once it was raised
 * {@link AlertHygiene#THRESHOLD_COUNT} times for one signature and host pair within the threshold window, like
 * Suricata's {@code threshold: type threshold}) and then suppression (repeats of a shown alert within the suppression
 * window are merged into it and counted; the next one shown says how many were merged). Windows are in packet time.
 * Used by the run's thread only.
 */
final class AlertGate {

    /** Keys kept at most per map; beyond, the oldest are forgotten (an attacker must not grow the engine's heap). */
    static final int MAX_KEYS = 50_000;

    private record Key(int signatureId, String source, String destination) {
    }

    private static final class Threshold {
        long windowStart;
        int count;
    }

    private static final class Suppression {
        long shownAt;
        long merged;
    }

    private final Map<Key, Threshold> thresholds = new LinkedHashMap<>();
    private final Map<Key, Suppression> suppressions = new LinkedHashMap<>();

    /**
     * @return the alert to deliver (with what the hygiene did added to its evidence), or {@code null} when it is held
     *         back
     */
    Alert admit(Alert alert, DetectorSettings settings) {
        long time = alert.timestampNanos();
        Key key = new Key(alert.signatureId(), Objects.toString(alert.sourceAddress(), ""),
                Objects.toString(alert.destinationAddress(), ""));
        int thresholdCount = settings.intValue(AlertHygiene.THRESHOLD_COUNT);
        long thresholdWindow = settings.nanos(AlertHygiene.THRESHOLD_SECONDS);
        boolean thresholded = thresholdCount > 1;
        if (thresholded) {
            Threshold threshold = thresholds.get(key);
            if (threshold == null || time - threshold.windowStart > thresholdWindow) {
                threshold = new Threshold();
                threshold.windowStart = time;
                put(thresholds, key, threshold);
            }
            if (++threshold.count < thresholdCount) {
                return null;
            }
            thresholds.remove(key); // Suricata's type threshold: the count starts over after each alert
        }
        long suppressWindow = settings.nanos(AlertHygiene.SUPPRESS_SECONDS);
        Suppression suppression = suppressions.get(key);
        long mergedBefore = 0;
        if (suppression != null) {
            if (suppressWindow > 0 && time - suppression.shownAt < suppressWindow) {
                suppression.merged++;
                return null;
            }
            mergedBefore = suppression.merged;
        }
        if (suppressWindow > 0) {
            Suppression shown = suppression != null ? suppression : new Suppression();
            shown.shownAt = time;
            shown.merged = 0;
            put(suppressions, key, shown);
        } else if (suppression != null) {
            suppressions.remove(key);
        }
        if (!thresholded && mergedBefore == 0) {
            return alert;
        }
        Alert.Builder changed = alert.toBuilder();
        if (thresholded) {
            changed.evidence(AlertHygiene.EVIDENCE_THRESHOLD, thresholdCount + " times in " + seconds(thresholdWindow) + " s");
        }
        if (mergedBefore > 0) {
            changed.evidence(AlertHygiene.EVIDENCE_MERGED, mergedBefore + " within " + seconds(suppressWindow) + " s");
        }
        return changed.build();
    }

    /** Forgets windows that closed before {@code time}, so the maps hold only what can still matter. */
    void expire(long time, DetectorSettings settings) {
        long thresholdWindow = settings.nanos(AlertHygiene.THRESHOLD_SECONDS);
        for (Iterator<Threshold> it = thresholds.values().iterator(); it.hasNext();) {
            if (time - it.next().windowStart > thresholdWindow) {
                it.remove();
            }
        }
        long suppressWindow = settings.nanos(AlertHygiene.SUPPRESS_SECONDS);
        for (Iterator<Suppression> it = suppressions.values().iterator(); it.hasNext();) {
            Suppression suppression = it.next();
            if (time - suppression.shownAt >= suppressWindow && suppression.merged == 0) {
                it.remove();
            }
        }
    }

    private static <V> void put(Map<Key, V> map, Key key, V value) {
        map.remove(key); // re-insert to keep the map in the order of last use
        map.put(key, value);
        if (map.size() > MAX_KEYS) {
            Iterator<V> oldest = map.values().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
