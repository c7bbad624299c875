package org.osprey.detect.internal;

import java.util.ArrayList;
import java.util.List;

import org.osprey.detect.AlertSink;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.engine.AlertHygiene;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.stream.DisplayFilter;

/**
 * One detector in one run: its inspector, compiled filter, settings, hygiene and counters. Written by the run's
 * current worker thread (and by the watchdog when it quarantines); read by anyone for a status snapshot.
 */
final class DetectorSlot {

    final Detector detector;
    final String id;
    /** What the detector said about itself when it joined, asked once so that a status never calls into it. */
    private final String name;
    private final String version;
    private final String description;
    final List<DetectorParameter> parameters;
    final AlertGate gate = new AlertGate();
    /** Compiled once when the detector joins; {@code null} for every packet. */
    DisplayFilter filter;

    volatile DetectorStatus.State state = DetectorStatus.State.ACTIVE;
    volatile String reason;
    volatile DetectorSettings settings;
    /** The context of the current inspector; a new one per start so a replaced inspector can no longer raise. */
    volatile InspectorContext context;
    PacketInspector inspector;

    /** Packet time as this detector last saw it, and when its next {@code timeAdvanced} is due. */
    long packetTime;
    long nextTick = Long.MIN_VALUE;

    /** Packets its filter let through to the inspector. */
    volatile long packetsSeen;
    volatile long alertsRaised;
    volatile long alertsSuppressed;
    volatile long nanosSpent;
    /** The slow-average window: packets offered and time spent since it began. */
    long windowPackets;
    long windowNanos;

    DetectorSlot(Detector detector) {
        this.detector = detector;
        this.id = detector.id();
        this.name = detector.name();
        this.version = detector.version();
        this.description = detector.description();
        List<DetectorParameter> all = new ArrayList<>(detector.parameters());
        all.addAll(AlertHygiene.PARAMETERS);
        this.parameters = List.copyOf(all);
        this.settings = DetectorSettings.defaults(parameters);
    }

    boolean isActive() {
        return state == DetectorStatus.State.ACTIVE;
    }

    DetectorStatus status() {
        return new DetectorStatus(id, name, version, description, state, reason,
                packetsSeen, alertsRaised, alertsSuppressed, nanosSpent, parameters, settings);
    }

    /** What one inspector gets; {@link #live} turns false when the engine lets go of that inspector. */
    static final class InspectorContext implements DetectorContext {

        private final DetectorSlot slot;
        private final AlertSink sink;
        volatile boolean live = true;

        InspectorContext(DetectorSlot slot, AlertSink sink) {
            this.slot = slot;
            this.sink = sink;
        }

        @Override
        public AlertSink alerts() {
            return sink;
        }

        @Override
        public DetectorSettings settings() {
            return slot.settings;
        }
    }
}
