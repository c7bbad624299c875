package org.osprey.detect.engine;

import java.util.List;
import java.util.Map;

import org.osprey.detect.Detector;

/**
 * Runs detectors. The OSGi service uses every {@link Detector} service, as they come and go; a test or an SDK
 * replay may give a fixed list instead.
 */
public interface DetectionEngine {

    /** Starts a run over {@code source} on a thread of the engine's, delivering alerts to {@code listener}. */
    DetectionRun start(String name, PacketSource source, AlertListener listener);

    /**
     * Starts a run with the analyst's settings applied from the first packet on.
     *
     * @param settings detector id to values, as for {@link DetectionRun#configure}; ids of detectors the engine does
     *                 not know (yet) are skipped
     * @throws IllegalArgumentException for a value out of range or an unknown key (no run is started)
     */
    default DetectionRun start(String name, PacketSource source, AlertListener listener,
            Map<String, Map<String, Double>> settings) {
        DetectionRun run = start(name, source, listener);
        settings.forEach(run::configure);
        return run;
    }

    /** The detectors the engine knows now. */
    List<Detector> detectors();
}
