package org.osprey.detect.builtin.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.Alert;
import org.osprey.detect.AlertSink;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;

/**
 * Replays a capture of the shared corpus through one detector, the way the engine does (filter, packets in order
 * numbered from 0, a time advance per second of packet time and at the end), and returns the raw alerts (before the
 * engine's dedup and thresholds). Replace with the SDK's replay harness once it lands, to test with the hygiene too.
 */
final class CorpusReplay {

    static final long SECOND = 1_000_000_000L;

    private CorpusReplay() {
    }

    static Path corpus(String relative) {
        return Path.of(System.getProperty("osprey.corpus", "../../../shared/corpus")).resolve(relative);
    }

    static List<Alert> run(Detector detector, String corpusFile) throws IOException, FilterSyntaxException {
        return run(detector, corpus(corpusFile), Map.of());
    }

    static List<Alert> run(Detector detector, Path capture, Map<String, Double> settings)
            throws IOException, FilterSyntaxException {
        List<Alert> alerts = new ArrayList<>();
        DetectorSettings values = DetectorSettings.of(detector.parameters(), settings);
        AlertSink sink = alerts::add;
        PacketInspector inspector = detector.start(new DetectorContext() {
            @Override
            public AlertSink alerts() {
                return sink;
            }

            @Override
            public DetectorSettings settings() {
                return values;
            }
        });
        DisplayFilter filter = detector.filter() == null ? null : DisplayFilter.compile(detector.filter());
        long sequence = 0;
        long nextTick = Long.MIN_VALUE;
        long last = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PacketSummary packet;
            while ((packet = reader.next()) != null) {
                packet.setSequence(sequence++);
                last = packet.timestampNanos();
                if (nextTick == Long.MIN_VALUE) {
                    nextTick = last + SECOND;
                } else if (last >= nextTick) {
                    inspector.timeAdvanced(last);
                    nextTick = last + SECOND;
                }
                if (filter == null || filter.matches(packet)) {
                    inspector.inspect(packet);
                }
            }
        }
        inspector.timeAdvanced(last);
        inspector.close();
        return alerts;
    }
}
