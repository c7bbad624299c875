package org.osprey.detect.builtin.internal;

import org.osprey.detect.AlertSink;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;

/** The context of an inspector run by hand, without the engine: fixed settings, alerts to a sink. */
record FixedContext(AlertSink alerts, DetectorSettings settings) implements DetectorContext {

    /** The detector's default settings. */
    static FixedContext defaults(Detector detector, AlertSink alerts) {
        return new FixedContext(alerts, DetectorSettings.defaults(detector.parameters()));
    }
}
