package org.osprey.core.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;

/** Reads classic pcap files: microsecond, nanosecond and modified (Kuznetzov) variants, either byte order. */
final class PcapReader implements CaptureReader {

    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Alexey Kuznetzov's patched libpcap: 8 more bytes per record header (ifindex, protocol, pkt_type, padding). */
    static final int MAGIC_MODIFIED = 0xa1b2cd34;
    static final int FILE_HEADER_LENGTH = 24;

    private final Path file;
    /** Whether each summary is run through the summary decoder. */
    private final boolean decode;
    private final FileInput in;
    private final int linkType;
    private final int snapLength;
    private final boolean nanos;
    private final int recordHeaderLength;
    private final List<CaptureInterface> interfaces;
    private boolean finished;

    /** Reads the file header; {@code magic} is the file's first 4 bytes read big-endian. */
    PcapReader(Path file, FileInput in, int magic, boolean decode) throws IOException {
        this.decode = decode;
        this.file = file;
        this.in = in;
        int canonical = magic;
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS && magic != MAGIC_MODIFIED) {
            canonical = Integer.reverseBytes(magic);
            order = ByteOrder.LITTLE_ENDIAN;
        }
        in.order(order);
        if (!in.request(FILE_HEADER_LENGTH)) {
            throw new CaptureFormatException(file, 0, "file ends in the middle of the " + FILE_HEADER_LENGTH
                    + "-byte pcap file header: it is only " + in.size() + " bytes long (truncated)");
        }
        in.skip(4); // magic
        int major = in.u16();
        in.u16(); // minor version: 4 everywhere, 2.3 files differ only in field order we do not read
        in.i32(); // thiszone: always 0 in practice and ignored by libpcap and Wireshark
        in.i32(); // sigfigs
        long snap = in.u32();
        long network = in.u32();
        if (major != 2) {
            throw new CaptureFormatException(file, 4, "unsupported pcap version " + major + " (only version 2 exists)");
        }
        nanos = canonical == MAGIC_NANOS;
        recordHeaderLength = canonical == MAGIC_MODIFIED ? 24 : 16;
        snapLength = (int) Math.min(snap, Integer.MAX_VALUE);
        // the upper bits carry FCS length information, not the link type
        linkType = (int) (network & 0x03FFFFFF);
        interfaces = List.of(new CaptureInterface(linkType, snapLength, null, nanos ? 1_000_000_000L : 1_000_000L, 0, 0));
    }

    @Override
    public PacketSummary next() throws IOException {
        if (finished) {
            return null;
        }
        long recordStart = in.position();
        if (!in.request(recordHeaderLength)) {
            finished = true;
            if (in.remainingInFile() == 0) {
                return null;
            }
            throw new CaptureFormatException(file, recordStart, "file ends in the middle of a record header at offset "
                    + recordStart + " (truncated): " + in.remainingInFile() + " bytes left of " + recordHeaderLength);
        }
        long seconds = in.u32();
        long fraction = in.u32();
        long captured = in.u32();
        long wire = in.u32();
        in.skip(recordHeaderLength - 16);
        if (captured > Limits.MAX_CAPTURED_LENGTH) {
            finished = true;
            throw new CaptureFormatException(file, recordStart, "record at offset " + recordStart + " claims " + captured
                    + " captured bytes, more than the snaplen " + snapLength + " and the "
                    + Limits.MAX_CAPTURED_LENGTH + "-byte limit for one packet");
        }
        int capturedLength = (int) captured;
        if (!in.request(capturedLength)) {
            finished = true;
            throw new CaptureFormatException(file, recordStart, "file ends in the middle of a record at offset "
                    + recordStart + " (truncated): the record claims " + capturedLength + " captured bytes, "
                    + in.remainingInFile() + " are left");
        }
        byte[] frame = new byte[capturedLength];
        in.take(frame, 0, capturedLength);
        long nanosOfSecond = nanos ? fraction : fraction * 1000;
        PacketSummary p = PacketSummary.ofFrame(frame, capturedLength, (int) Math.min(wire, Integer.MAX_VALUE),
                linkType, 0, seconds * 1_000_000_000L + nanosOfSecond);
        if (decode) {
            SummaryDecoder.decode(p);
        }
        return p;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    @Override
    public long position() {
        return in.position();
    }

    @Override
    public long size() {
        return in.size();
    }

    @Override
    public List<CaptureInterface> interfaces() {
        return interfaces;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
