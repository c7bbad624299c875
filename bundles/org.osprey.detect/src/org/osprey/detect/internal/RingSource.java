package org.osprey.detect.internal;

import org.osprey.core.PacketSummary;
import org.osprey.detect.engine.PacketSource;
import org.osprey.stream.PacketStream;

/**
 * Pulls packets from a live stream's ring buffer from a sequence number on. Never ends by itself (close the run); when
 * the ring overtook the run (the oldest packet held is newer than the next one wanted), the packets skipped are
 * counted as missed.
 */
public final class RingSource implements PacketSource {

    private final PacketStream stream;
    private long nextSequence;
    private volatile long missed;

    public RingSource(PacketStream stream, long fromSequence) {
        this.stream = stream;
        this.nextSequence = fromSequence;
    }

    @Override
    public int next(PacketSummary[] batch) {
        int count = stream.read(nextSequence, batch);
        if (count <= 0) {
            return 0;
        }
        long first = batch[0].sequence();
        if (first > nextSequence) {
            missed += first - nextSequence;
        }
        nextSequence = batch[count - 1].sequence() + 1;
        return count;
    }

    @Override
    public long missed() {
        return missed;
    }

    /** The sequence number of the next packet this source will hand out. */
    public long nextSequence() {
        return nextSequence;
    }
}
