package org.osprey.detect.engine;

import java.io.IOException;

import org.osprey.core.PacketSummary;

/** Where a detection run takes its packets from: a live stream's ring, or a capture file. Used from one thread. */
public interface PacketSource {

    /** {@link #next} returns this when the source has ended (end of file, stream closed). */
    int END = -1;

    /**
     * Fills {@code batch} from index 0 with the next packets, in order.
     *
     * @return how many were copied; 0 when none is ready yet (a live source: call again after a short wait), or
     *         {@link #END}
     * @throws IOException when the source cannot be read any further (a corrupt file); the run ends with that reason
     */
    int next(PacketSummary[] batch) throws IOException;

    /** Packets the source lost before the run could see them (a ring that overtook a slow run), 0 if none. */
    default long missed() {
        return 0;
    }
}
