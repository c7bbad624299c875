package org.osprey.detect;

import org.osprey.core.PacketSummary;

/**
 * The state of one detector in one detection run. The engine calls it from one thread at a time, in capture order.
 * <p>
 * {@link #inspect} is on the hot path: keep it allocation-light and never block. The packet's raw bytes are
 * {@link PacketSummary#frame()} (payload at {@link PacketSummary#payloadOffset()}); read them, never modify them, and
 * do not keep the packet beyond the call unless you need it as evidence.
 */
public interface PacketInspector {

    /** Looks at one packet the detector's filter accepted. */
    void inspect(PacketSummary packet);

    /**
     * Packet time moved on to {@code packetTimeNanos} (called at least once per second of packet time and at the end
     * of a run, even when no packet matched the filter), so that windows can close and alerts that depend on silence
     * (the end of a scan, a missing reply) can be raised.
     */
    default void timeAdvanced(long packetTimeNanos) {
    }

    /** The run ends or the detector is removed: let go of resources. Alerts raised here are still delivered. */
    default void close() {
    }
}
