package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.DetectorSettings;
import org.osprey.stream.DisplayFilter;

/**
 * In the OSGi runtime, the ten built-in detectors are Declarative Services components providing
 * {@link Detector}, which is how the engine finds them; each describes itself fully (filter that compiles,
 * parameters with a source for their defaults).
 */
class BuiltinDetectorServicesTest {

    private static final String[] IDS = { "osprey.portscan", "osprey.pingsweep", "osprey.arpscan", "osprey.arpspoof",
            "osprey.synflood", "osprey.icmpflood", "osprey.dns-tunnel", "osprey.bruteforce",
            "osprey.cleartext-credentials", "osprey.beaconing" };

    @Test
    void theDetectorsAreServicesThatDescribeThemselves() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(BuiltinDetectorServicesTest.class);
        assertNotNull(bundle, "this test runs inside the OSGi test runtime (tycho-surefire)");
        if (bundle.getBundleContext() == null) {
            bundle.start(Bundle.START_TRANSIENT);
        }
        ServiceTracker<Detector, Detector> tracker = new ServiceTracker<>(bundle.getBundleContext(), Detector.class,
                null);
        tracker.open();
        try {
            Map<String, Detector> byId = new TreeMap<>();
            long deadline = System.nanoTime() + 30_000_000_000L; // a hang guard: SCR registers them at start-up
            while (byId.size() < IDS.length && System.nanoTime() < deadline) {
                tracker.waitForService(1_000);
                for (Detector detector : tracker.getTracked().values()) {
                    if (List.of(IDS).contains(detector.id())) {
                        byId.put(detector.id(), detector);
                    }
                }
                if (byId.size() < IDS.length) {
                    Thread.sleep(100);
                }
            }
            assertEquals(IDS.length, byId.size(), () -> "detector services found: " + byId.keySet()
                    + " (is Felix SCR running?)");
            for (Detector detector : byId.values()) {
                assertFalse(detector.name().isBlank());
                assertFalse(detector.description().isBlank());
                assertNotNull(DisplayFilter.compile(detector.filter()), detector.filter());
                assertFalse(detector.parameters().isEmpty());
                for (DetectorParameter parameter : detector.parameters()) {
                    assertTrue(parameter.description().length() > 40, parameter.key() + ": say what and why");
                }
                assertEquals(detector.parameters().size(),
                        DetectorSettings.defaults(detector.parameters()).values().size(), "keys are unique");
            }
        } finally {
            tracker.close();
        }
    }
}
