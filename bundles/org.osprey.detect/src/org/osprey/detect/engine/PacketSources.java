package org.osprey.detect.engine;

import org.osprey.core.io.CaptureReader;
import org.osprey.detect.internal.CaptureSource;
import org.osprey.detect.internal.RingSource;
import org.osprey.stream.PacketStream;

/** The packet sources the engine comes with. */
public final class PacketSources {

    private PacketSources() {
    }

    /**
     * The packets of {@code stream} from the one with sequence number {@code fromSequence} on (or the oldest the ring
     * still holds), pulled from its ring; pass {@link PacketStream#nextSequence()} for the packets published from now
     * on. Packets the ring overtook before the run read them are counted in {@link PacketSource#missed()}. The source
     * never ends: close the run.
     */
    public static PacketSource ofStream(PacketStream stream, long fromSequence) {
        return new RingSource(stream, fromSequence);
    }

    /**
     * The packets of a capture file, numbered from sequence 0 (the caller closes the reader after the run ended). A
     * format error ends the run with its message, after the packets before it were inspected.
     */
    public static PacketSource ofReader(CaptureReader reader) {
        return new CaptureSource(reader);
    }
}
