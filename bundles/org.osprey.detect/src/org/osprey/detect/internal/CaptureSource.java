package org.osprey.detect.internal;

import java.io.IOException;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.engine.PacketSource;

/**
 * Reads packets from a capture file, numbering them as a stream would: sequence numbers from 0, numbers from 1. A
 * format error ends the run with its message after every packet before it was inspected.
 */
public final class CaptureSource implements PacketSource {

    private final CaptureReader reader;
    private long nextSequence;
    private boolean ended;
    /** A read error met after some packets of a batch: thrown on the next call, once those were handed out. */
    private IOException pending;

    public CaptureSource(CaptureReader reader) {
        this.reader = reader;
    }

    @Override
    public int next(PacketSummary[] batch) throws IOException {
        if (pending != null) {
            IOException error = pending;
            pending = null;
            throw error;
        }
        if (ended) {
            return END;
        }
        int count = 0;
        try {
            while (count < batch.length) {
                PacketSummary packet = reader.next();
                if (packet == null) {
                    ended = true;
                    break;
                }
                packet.setSequence(nextSequence);
                packet.setNumber(nextSequence + 1);
                nextSequence++;
                batch[count++] = packet;
            }
        } catch (IOException e) {
            ended = true;
            if (count == 0) {
                throw e;
            }
            pending = e;
        }
        return count == 0 ? END : count;
    }

    /** How many packets were read so far. */
    public long packetsRead() {
        return nextSequence;
    }
}
