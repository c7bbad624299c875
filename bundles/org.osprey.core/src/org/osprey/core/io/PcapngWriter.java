package org.osprey.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes pcapng files in little-endian byte order: one section, one interface description block per (interface id,
 * link type) pair seen, all with nanosecond timestamps (if_tsresol = 9), and enhanced packet blocks.
 */
final class PcapngWriter implements CaptureWriter {

    private static final int IF_TSRESOL = 9;
    private static final int NANOSECONDS = 9;

    private final FileOutput out;
    /** Interface id and link type packed in a long, to the interface block index written for them. */
    private final Map<Long, Integer> writtenInterfaces = new HashMap<>();

    PcapngWriter(FileChannel channel, int linkType) throws IOException {
        this.out = new FileOutput(channel);
        out.reserve(28)
                .i32(PcapngReader.SECTION_HEADER).i32(28)
                .i32(PcapngReader.BYTE_ORDER_MAGIC)
                .u16(1).u16(0) // version 1.0
                .i64(-1) // section length not known
                .i32(28);
        interfaceFor(0, linkType);
    }

    @Override
    public void write(byte[] frame, int capturedLength, int wireLength, int linkType, int interfaceId,
            long timestampNanos) throws IOException {
        WriterChecks.lengths(frame, capturedLength, wireLength);
        int index = interfaceFor(interfaceId, linkType);
        int padding = -capturedLength & 3;
        int length = 32 + capturedLength + padding;
        out.reserve(28)
                .i32(6).i32(length)
                .i32(index)
                .i32((int) (timestampNanos >>> 32)).i32((int) timestampNanos)
                .i32(capturedLength)
                .i32(wireLength);
        out.bytes(frame, 0, capturedLength);
        out.reserve(4 + padding).zeros(padding).i32(length);
    }

    /** The index of the interface block for this pair, writing the block first if it is new. */
    private int interfaceFor(int interfaceId, int linkType) throws IOException {
        if (linkType < 0 || linkType > 0xffff) {
            throw new IllegalArgumentException("link type " + linkType + " does not fit pcapng's 16 bits");
        }
        long key = ((long) interfaceId << 32) | linkType;
        Integer index = writtenInterfaces.get(key);
        if (index != null) {
            return index;
        }
        int newIndex = writtenInterfaces.size();
        out.reserve(32)
                .i32(1).i32(32)
                .u16(linkType).u16(0)
                .i32(Limits.MAX_CAPTURED_LENGTH)
                .u16(IF_TSRESOL).u16(1).i32(NANOSECONDS) // value byte 9, then 3 bytes of padding (little-endian)
                .u16(0).u16(0) // opt_endofopt
                .i32(32);
        writtenInterfaces.put(key, newIndex);
        return newIndex;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
