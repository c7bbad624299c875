package org.osprey.detect.builtin.internal.flood;

import org.osprey.detect.DetectorContext;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.builtin.internal.Periodic;

/** What the flood inspectors share: {@link FloodCounters} per victim, forgotten after ten seconds of silence. */
abstract class FloodInspector implements PacketInspector {

    static final int VICTIM_CAPACITY = 4096;
    private static final long EXPIRY_INTERVAL = 10_000_000_000L;

    final DetectorContext context;
    final FloodCounters victims = new FloodCounters(VICTIM_CAPACITY);
    private final Periodic expiry = new Periodic(EXPIRY_INTERVAL);

    FloodInspector(DetectorContext context) {
        this.context = context;
    }

    @Override
    public final void timeAdvanced(long packetTimeNanos) {
        if (expiry.due(packetTimeNanos)) {
            victims.expire(packetTimeNanos - EXPIRY_INTERVAL);
        }
    }
}
