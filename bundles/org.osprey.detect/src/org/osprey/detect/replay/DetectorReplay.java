package org.osprey.detect.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.AlertHygiene;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.internal.CaptureSource;
import org.osprey.detect.internal.Engine;
import org.osprey.detect.internal.EngineBudgets;

/**
 * The SDK's replay harness: runs detectors over a capture file exactly as the engine runs them live (their filters,
 * packets in capture order numbered from sequence 0, time from packet timestamps with a time advance per second of
 * packet time and at the end, alert hygiene, fault isolation and time budgets) and returns what came out. Plain Java:
 * works in a JUnit test with the Osprey jars on the class path, no OSGi needed.
 *
 * <pre>
 * DetectorReplay.Result result = DetectorReplay.of(new MyDetector())
 *         .configure("example.detector", Map.of("threshold", 5.0))
 *         .run(Path.of("capture.pcap"));
 * assertEquals(1, result.alerts().size());
 * assertEquals(DetectorStatus.State.ACTIVE, result.status("example.detector").state());
 * </pre>
 *
 * The same file and detectors give the same alerts on every run.
 */
public final class DetectorReplay {

    private final List<Detector> detectors;
    private final Map<String, Map<String, Double>> settings = new LinkedHashMap<>();
    private boolean hygieneOff;

    private DetectorReplay(List<Detector> detectors) {
        this.detectors = detectors;
    }

    /** A replay of these detectors (each a fresh inspector per {@link #run}). */
    public static DetectorReplay of(Detector... detectors) {
        return of(List.of(detectors));
    }

    public static DetectorReplay of(List<? extends Detector> detectors) {
        if (detectors.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one detector");
        }
        return new DetectorReplay(List.copyOf(detectors));
    }

    /**
     * Sets parameters of a detector (its own, or the engine's hygiene keys of {@link AlertHygiene}) for the following
     * runs; values not named keep their defaults (or stay off after {@link #withoutHygiene()}). A second call for the
     * same detector replaces the first. Checked when the replay runs.
     */
    public DetectorReplay configure(String detectorId, Map<String, Double> values) {
        settings.put(Objects.requireNonNull(detectorId), Map.copyOf(values));
        return this;
    }

    /**
     * Turns the engine's alert hygiene off for every detector (no suppression of repeats, no threshold), so that each
     * alert raised comes out: for testing a detector's own logic. Hygiene keys given with {@link #configure} win.
     */
    public DetectorReplay withoutHygiene() {
        hygieneOff = true;
        return this;
    }

    /** The settings of each detector for a run: hygiene off if asked, then the configured values. */
    private Map<String, Map<String, Double>> runSettings() {
        Map<String, Map<String, Double>> merged = new LinkedHashMap<>();
        if (hygieneOff) {
            for (Detector detector : detectors) {
                merged.put(detector.id(), new LinkedHashMap<>(Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0,
                        AlertHygiene.THRESHOLD_COUNT, 1.0)));
            }
        }
        settings.forEach((id, values) -> merged.computeIfAbsent(id, key -> new LinkedHashMap<>()).putAll(values));
        return merged;
    }

    /**
     * Replays the capture file and waits for the end.
     *
     * @throws IOException              when the file cannot be opened (a read error later ends the replay with
     *                                  {@link Result#failure()} instead, after the packets before it)
     * @throws IllegalArgumentException when a setting names an unknown detector or parameter or is out of range
     */
    public Result run(Path capture) throws IOException {
        for (String id : settings.keySet()) {
            if (detectors.stream().noneMatch(detector -> detector.id().equals(id))) {
                throw new IllegalArgumentException("no detector '" + id + "' in the replay (known: "
                        + detectors.stream().map(Detector::id).toList() + ")");
            }
        }
        Engine engine = new Engine(EngineBudgets.DEFAULTS);
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            detectors.forEach(engine::addDetector);
            List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
            CaptureSource source = new CaptureSource(reader);
            DetectionRun run = engine.start("replay " + capture.getFileName(), source, alerts::add,
                    runSettings());
            String failure;
            try {
                failure = run.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                run.close();
                throw new IOException("replay of " + capture + " interrupted", e);
            }
            return new Result(List.copyOf(alerts), run.detectors(), run.packetsInspected(), failure);
        } finally {
            engine.shutdown();
        }
    }

    /**
     * What a replay gave.
     *
     * @param alerts    the alerts after hygiene, in the order they were raised
     * @param detectors each detector's state, reason and counters at the end
     * @param packets   packets read from the file
     * @param failure   why the file could not be read to its end, or {@code null}
     */
    public record Result(List<Alert> alerts, List<DetectorStatus> detectors, long packets, String failure) {

        /** The alerts of one detector. */
        public List<Alert> alertsOf(String detectorId) {
            return alerts.stream().filter(alert -> alert.detectorId().equals(detectorId)).toList();
        }

        /** The status of one detector. */
        public DetectorStatus status(String detectorId) {
            return detectors.stream().filter(status -> status.id().equals(detectorId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no detector " + detectorId + " in the replay"));
        }
    }
}
