package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.osprey.detect.Alert;
import org.osprey.detect.AlertSink;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.replay.DetectorReplay;

/**
 * Runs one detector over a capture with the SDK's {@link DetectorReplay} (the engine itself: filter, packet time,
 * fault isolation, time budget) and checks that it read the whole file and stayed active.
 */
final class Replays {

    private Replays() {
    }

    static Path corpus(String relative) {
        return Path.of(System.getProperty("osprey.corpus", "../../../shared/corpus")).resolve(relative);
    }

    /** Every alert the detector raised, the engine's hygiene (suppression of repeats, thresholds) turned off. */
    static List<Alert> raw(Detector detector, String corpusFile) throws IOException {
        return raw(detector, corpus(corpusFile), Map.of());
    }

    static List<Alert> raw(Detector detector, Path capture, Map<String, Double> settings) throws IOException {
        // withoutHygiene() after configure(): configure() replaces the detector's values, hygiene keys included.
        return checked(detector, DetectorReplay.of(detector).configure(detector.id(), settings).withoutHygiene()
                .run(capture));
    }

    /** What the analyst is shown: the alerts after the engine's default hygiene. */
    static DetectorReplay.Result shown(Detector detector, String corpusFile) throws IOException {
        DetectorReplay.Result result = DetectorReplay.of(detector).run(corpus(corpusFile));
        checked(detector, result);
        return result;
    }

    /** A fresh inspector of the detector with its default settings, raising into {@code sink}: no engine. */
    static PacketInspector start(Detector detector, AlertSink sink) {
        DetectorSettings settings = DetectorSettings.defaults(detector.parameters());
        return detector.start(new DetectorContext() {
            @Override
            public AlertSink alerts() {
                return sink;
            }

            @Override
            public DetectorSettings settings() {
                return settings;
            }
        });
    }

    private static List<Alert> checked(Detector detector, DetectorReplay.Result result) {
        assertNull(result.failure(), "the file was read to its end");
        DetectorStatus status = result.status(detector.id());
        assertEquals(DetectorStatus.State.ACTIVE, status.state(), () -> "quarantined: " + status.reason());
        return result.alerts();
    }
}
