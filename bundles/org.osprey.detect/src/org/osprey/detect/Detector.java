package org.osprey.detect;

import java.util.List;

/**
 * A detector, registered as an OSGi service. It describes itself and starts one {@link PacketInspector} per detection
 * run; the inspector holds the state (windows, counters), the detector holds none.
 * <p>
 * Implementations must be thread-safe in {@link #start} only; each inspector is used from one thread at a time.
 */
public interface Detector {

    /** Stable identifier, unique among detectors, for example {@code "osprey.portscan"}; alerts and settings use it. */
    String id();

    /** Name shown to analysts, for example {@code "Port scan"}. */
    String name();

    /** The detector's own version, for example {@code "1.0.0"}. */
    String version();

    /** One or two sentences on what it detects and how; shown in the Detectors view. */
    default String description() {
        return "";
    }

    /**
     * The packets this detector wants, in the display-filter language of {@code org.osprey.stream.DisplayFilter}
     * (for example {@code "tcp.flags.syn == 1"}), or {@code null} for every packet. The engine applies it before
     * {@link PacketInspector#inspect}; a filter that does not compile keeps the detector from starting, with the
     * reason shown.
     */
    default String filter() {
        return null;
    }

    /** The tunable values this detector reads from {@link DetectorSettings}, with their defaults. */
    default List<DetectorParameter> parameters() {
        return List.of();
    }

    /** Starts inspecting for one run: a fresh inspector with empty state. */
    PacketInspector start(DetectorContext context);
}
