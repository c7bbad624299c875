package org.osprey.detect;

/** What the engine gives an inspector for one run. */
public interface DetectorContext {

    /** Where alerts go; the engine deduplicates, suppresses and thresholds them afterwards. */
    AlertSink alerts();

    /**
     * The current settings: the parameters' defaults with the analyst's changes applied. The engine replaces them live
     * when the analyst tunes the detector, so read them when you decide (a window closes, a count is reached), not once
     * at the start.
     */
    DetectorSettings settings();
}
