package org.osprey.detect.engine;

import java.util.List;

import org.osprey.detect.Detector;

/**
 * Runs detectors. The OSGi service uses every {@link Detector} service, as they come and go; a test or an SDK
 * replay may give a fixed list instead.
 */
public interface DetectionEngine {

    /** Starts a run over {@code source} on a thread of the engine's, delivering alerts to {@code listener}. */
    DetectionRun start(String name, PacketSource source, AlertListener listener);

    /** The detectors the engine knows now. */
    List<Detector> detectors();
}
