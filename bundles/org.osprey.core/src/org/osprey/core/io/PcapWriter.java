package org.osprey.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** Writes nanosecond-resolution pcap files in little-endian byte order. */
final class PcapWriter implements CaptureWriter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final FileOutput out;
    private final int linkType;

    PcapWriter(FileChannel channel, int linkType) throws IOException {
        this.out = new FileOutput(channel);
        this.linkType = linkType;
        out.reserve(24)
                .i32(PcapReader.MAGIC_NANOS)
                .u16(2).u16(4) // version 2.4
                .i32(0) // thiszone
                .i32(0) // sigfigs
                .i32(Limits.MAX_CAPTURED_LENGTH) // snaplen
                .i32(linkType);
    }

    @Override
    public void write(byte[] frame, int capturedLength, int wireLength, int linkType, int interfaceId,
            long timestampNanos) throws IOException {
        if (linkType != this.linkType) {
            throw new IllegalArgumentException("a pcap file holds one link type: this one was created for "
                    + this.linkType + ", the packet has " + linkType + " (write pcapng for mixed link types)");
        }
        WriterChecks.lengths(frame, capturedLength, wireLength);
        long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
        if (seconds < 0 || seconds > 0xffffffffL) {
            throw new IllegalArgumentException("timestamp " + timestampNanos + " ns is outside what pcap can store "
                    + "(1970 to 2106)");
        }
        out.reserve(16)
                .i32((int) seconds)
                .i32((int) Math.floorMod(timestampNanos, NANOS_PER_SECOND))
                .i32(capturedLength)
                .i32(wireLength);
        out.bytes(frame, 0, capturedLength);
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
