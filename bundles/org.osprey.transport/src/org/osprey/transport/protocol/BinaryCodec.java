package org.osprey.transport.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The binary packet batch: one WebSocket binary frame holds one batch. Big-endian throughout.
 *
 * <pre>
 * header, 12 bytes:  magic u32 = 0x4F535042 ("OSPB") | version u8 = 1 | kind u8 = 1 (packets) | reserved u16 = 0
 *                    | count u32 (records that follow)
 * record, 28 bytes + frame:  seq i64 | ts i64 (ns since the epoch) | wireLen i32 | capLen i32 | linkType u16
 *                    | reserved u16 = 0 | capLen bytes of frame
 * </pre>
 *
 * Records follow each other without padding, in increasing {@code seq} (not necessarily consecutive: a filter or a
 * gap leaves holes, and gaps are reported separately). Nothing may follow the last record.
 * <p>
 * {@link #decode} validates the whole batch before it hands out the first packet, so a bad batch delivers nothing.
 * Thread-safe (stateless). The agent's hot-path writer is {@link BinaryPacketBatch}.
 */
public final class BinaryCodec {

    /** "OSPB". */
    public static final int MAGIC = 0x4F535042;
    public static final int VERSION = 1;
    public static final int KIND_PACKETS = 1;
    public static final int HEADER_BYTES = 12;
    public static final int RECORD_HEADER_BYTES = 28;
    /** Largest frame a record may carry; longer frames are cut to this by the agent (capLen says so). */
    public static final int MAX_FRAME_BYTES = 262_144;

    private BinaryCodec() {
    }

    /**
     * Decodes one batch and hands its packets to {@code handler} in order. Reads {@code batch} from its position to its
     * limit without moving either.
     *
     * @return the number of packets handed out
     * @throws ProtocolException ({@link ErrorCode#BAD_MESSAGE}, or {@link ErrorCode#UNSUPPORTED_VERSION} for a batch
     *         of another layout version) before any packet was handed out
     */
    public static int decode(ByteBuffer batch, PacketRecordHandler handler) throws ProtocolException {
        ByteBuffer in = batch.slice().order(ByteOrder.BIG_ENDIAN);
        int count = validate(in);
        int at = HEADER_BYTES;
        for (int i = 0; i < count; i++) {
            long sequence = in.getLong(at);
            long timestamp = in.getLong(at + 8);
            int wireLength = in.getInt(at + 16);
            int capturedLength = in.getInt(at + 20);
            int linkType = Short.toUnsignedInt(in.getShort(at + 24));
            byte[] frame = new byte[capturedLength];
            in.get(at + RECORD_HEADER_BYTES, frame);
            handler.onPacket(sequence, timestamp, wireLength, linkType, frame);
            at += RECORD_HEADER_BYTES + capturedLength;
        }
        return count;
    }

    /** Walks the batch without allocating; returns the record count. */
    private static int validate(ByteBuffer in) throws ProtocolException {
        int size = in.remaining();
        if (size < HEADER_BYTES) {
            throw bad("binary batch of " + size + " bytes is shorter than its " + HEADER_BYTES + "-byte header");
        }
        if (in.getInt(0) != MAGIC) {
            throw bad("binary batch does not start with the magic OSPB");
        }
        int version = Byte.toUnsignedInt(in.get(4));
        if (version != VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "binary batch layout version " + version
                    + " is not supported (this side speaks " + VERSION + ")");
        }
        int kind = Byte.toUnsignedInt(in.get(5));
        if (kind != KIND_PACKETS) {
            throw bad("binary batch kind " + kind + " is unknown");
        }
        long count = Integer.toUnsignedLong(in.getInt(8));
        if (count > (size - HEADER_BYTES) / RECORD_HEADER_BYTES) {
            throw bad("binary batch claims " + count + " records but holds " + size + " bytes");
        }
        int at = HEADER_BYTES;
        long previous = -1;
        for (int i = 0; i < count; i++) {
            if (size - at < RECORD_HEADER_BYTES) {
                throw bad("binary batch ends inside the header of record " + i);
            }
            long sequence = in.getLong(at);
            int wireLength = in.getInt(at + 16);
            int capturedLength = in.getInt(at + 20);
            if (sequence <= previous) {
                throw bad("record " + i + ": seq " + sequence + " does not increase");
            }
            if (wireLength < 0 || capturedLength < 0 || capturedLength > MAX_FRAME_BYTES) {
                throw bad("record " + i + ": lengths out of range (wireLen " + wireLength + ", capLen " + capturedLength + ")");
            }
            if (size - at - RECORD_HEADER_BYTES < capturedLength) {
                throw bad("record " + i + ": capLen " + capturedLength + " runs past the end of the batch");
            }
            previous = sequence;
            at += RECORD_HEADER_BYTES + capturedLength;
        }
        if (at != size) {
            throw bad("binary batch has " + (size - at) + " bytes after its last record");
        }
        return (int) count;
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
    }

    /** A batch of these records (for tools and tests; the agent writes batches with {@link BinaryPacketBatch}). */
    public static ByteBuffer encode(List<PacketRecord> records) {
        int size = HEADER_BYTES;
        for (PacketRecord record : records) {
            if (record.capturedLength() > MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("frame of " + record.capturedLength() + " bytes exceeds " + MAX_FRAME_BYTES);
            }
            size += RECORD_HEADER_BYTES + record.capturedLength();
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        putHeader(out, records.size());
        for (PacketRecord record : records) {
            putRecord(out, record.sequence(), record.timestampNanos(), record.wireLength(), record.linkType(),
                    record.frame(), record.capturedLength());
        }
        return out.flip();
    }

    static void putHeader(ByteBuffer out, int count) {
        out.putInt(MAGIC).put((byte) VERSION).put((byte) KIND_PACKETS).putShort((short) 0).putInt(count);
    }

    static void putRecord(ByteBuffer out, long sequence, long timestampNanos, int wireLength, int linkType, byte[] frame,
            int capturedLength) {
        out.putLong(sequence).putLong(timestampNanos).putInt(wireLength).putInt(capturedLength)
                .putShort((short) linkType).putShort((short) 0).put(frame, 0, capturedLength);
    }
}
