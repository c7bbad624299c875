package org.osprey.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.engine.AlertHygiene;

/** Suppression and thresholds, in packet time. */
class AlertGateTest {

    private static final long SECOND = 1_000_000_000L;

    private static Alert alert(int signature, String source, String destination, long seconds) {
        return Alert.builder("test", signature, "sig " + signature).source(source, 1234)
                .destination(destination, 80).timestampNanos(seconds * SECOND).build();
    }

    private static DetectorSettings settings(double suppress, double thresholdCount, double thresholdSeconds) {
        return DetectorSettings.of(AlertHygiene.PARAMETERS, Map.of(AlertHygiene.SUPPRESS_SECONDS, suppress,
                AlertHygiene.THRESHOLD_COUNT, thresholdCount, AlertHygiene.THRESHOLD_SECONDS, thresholdSeconds));
    }

    @Test
    void repeatsWithinTheSuppressionWindowAreMergedAndCountedInTheNextOneShown() {
        AlertGate gate = new AlertGate();
        DetectorSettings settings = settings(60, 1, 60);
        assertNotNull(gate.admit(alert(1, "a", "b", 0), settings));
        assertNull(gate.admit(alert(1, "a", "b", 10), settings));
        assertNull(gate.admit(alert(1, "a", "b", 59), settings));
        // another signature, another pair: not repeats
        assertNotNull(gate.admit(alert(2, "a", "b", 20), settings));
        assertNotNull(gate.admit(alert(1, "a", "c", 20), settings));

        Alert next = gate.admit(alert(1, "a", "b", 61), settings);
        assertNotNull(next);
        assertEquals("2 within 60 s", next.evidence().get(AlertHygiene.EVIDENCE_MERGED));
        assertNull(gate.admit(alert(1, "a", "b", 62), settings), "a new window began at 61 s");
    }

    @Test
    void noSuppressionLetsEveryAlertThrough() {
        AlertGate gate = new AlertGate();
        DetectorSettings settings = settings(0, 1, 60);
        for (int i = 0; i < 5; i++) {
            Alert admitted = gate.admit(alert(1, "a", "b", i), settings);
            assertNotNull(admitted);
            assertEquals(Map.of(), admitted.evidence());
        }
    }

    @Test
    void thresholdCountsPerHostPairWithinItsWindow() {
        AlertGate gate = new AlertGate();
        DetectorSettings settings = settings(0, 3, 10);
        assertNull(gate.admit(alert(1, "a", "b", 0), settings));
        assertNull(gate.admit(alert(1, "a", "c", 1), settings), "another pair counts on its own");
        assertNull(gate.admit(alert(1, "a", "b", 2), settings));
        Alert third = gate.admit(alert(1, "a", "b", 3), settings);
        assertNotNull(third);
        assertEquals("3 times in 10 s", third.evidence().get(AlertHygiene.EVIDENCE_THRESHOLD));
        // the count starts over after each alert (Suricata's type threshold)
        assertNull(gate.admit(alert(1, "a", "b", 4), settings));
        // a window that closed forgets its count
        assertNull(gate.admit(alert(1, "a", "c", 20), settings));
        assertNull(gate.admit(alert(1, "a", "c", 21), settings));
        assertNotNull(gate.admit(alert(1, "a", "c", 22), settings));
    }

    @Test
    void thresholdThenSuppression() {
        AlertGate gate = new AlertGate();
        DetectorSettings settings = settings(300, 2, 60);
        assertNull(gate.admit(alert(1, "a", "b", 0), settings));
        assertNotNull(gate.admit(alert(1, "a", "b", 1), settings));
        assertNull(gate.admit(alert(1, "a", "b", 2), settings));
        assertNull(gate.admit(alert(1, "a", "b", 3), settings), "reached the threshold again, but suppressed");
    }
}
