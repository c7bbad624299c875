package org.osprey.core.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;

/**
 * Reads pcapng files: sections (each with its own byte order), interface description blocks with if_tsresol and
 * if_tsoffset, enhanced, simple and obsolete packet blocks. Every other block type is skipped without being read.
 */
final class PcapngReader implements CaptureReader {

    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;

    private static final int OPT_END = 0;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    /** Block type and total length. */
    private static final int BLOCK_HEADER_LENGTH = 8;

    private final Path file;
    /** Whether each summary is run through the summary decoder. */
    private final boolean decode;
    private final FileInput in;
    private final List<CaptureInterface> interfaces = new ArrayList<>();
    private final List<CaptureInterface> interfacesView = Collections.unmodifiableList(interfaces);
    /** Index in {@link #interfaces} of the current section's interface 0. */
    private int sectionFirstInterface;
    private int section = -1;
    private boolean finished;

    PcapngReader(Path file, FileInput in, boolean decode) throws IOException {
        this.decode = decode;
        this.file = file;
        this.in = in;
        // the first block must be a section header: read it now so a bad one fails at open
        if (!in.request(BLOCK_HEADER_LENGTH + 4)) {
            throw new CaptureFormatException(file, 0, "file ends in the middle of the pcapng section header block: it is"
                    + " only " + in.size() + " bytes long (truncated)");
        }
        sectionHeader(0);
    }

    @Override
    public PacketSummary next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            while (true) {
                long blockStart = in.position();
                if (in.remainingInFile() == 0) {
                    finished = true;
                    return null;
                }
                if (!in.request(BLOCK_HEADER_LENGTH + 4)) {
                    throw new CaptureFormatException(file, blockStart, "file ends in the middle of a block header at "
                            + "offset " + blockStart + " (truncated): " + in.remainingInFile() + " bytes left");
                }
                int type = in.peekI32(0);
                if (type == SECTION_HEADER) {
                    sectionHeader(blockStart);
                    continue;
                }
                PacketSummary packet = switch (type) {
                    case INTERFACE_DESCRIPTION -> {
                        interfaceDescription(blockStart);
                        yield null;
                    }
                    case ENHANCED_PACKET -> enhancedPacket(blockStart);
                    case SIMPLE_PACKET -> simplePacket(blockStart);
                    case OBSOLETE_PACKET -> obsoletePacket(blockStart);
                    default -> {
                        skipBlock(blockStart);
                        yield null;
                    }
                };
                if (packet != null) {
                    if (decode) {
                        SummaryDecoder.decode(packet);
                    }
                    return packet;
                }
            }
        } catch (CaptureFormatException e) {
            finished = true;
            throw e;
        }
    }

    // ------------------------------------------------------------------ blocks

    private void sectionHeader(long blockStart) throws IOException {
        // every section has its own byte order: the magic reads right in it
        int magic = in.peekI32(BLOCK_HEADER_LENGTH);
        if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            in.order(in.order() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        } else if (magic != BYTE_ORDER_MAGIC) {
            throw new CaptureFormatException(file, blockStart + BLOCK_HEADER_LENGTH, "section header block at offset "
                    + blockStart + " has no valid byte-order magic (0x" + Integer.toHexString(magic) + ")");
        }
        long length = blockLength(blockStart, 28);
        if (!in.request(16)) {
            throw truncated(blockStart, "section header block");
        }
        in.skip(12); // type, length, byte-order magic
        int major = in.u16();
        if (major != 1) {
            throw new CaptureFormatException(file, blockStart + 12, "section header block at offset " + blockStart
                    + " has unsupported pcapng version " + major + " (only version 1 exists)");
        }
        endBlock(blockStart, length);
        // each section numbers its interfaces from 0 again
        section++;
        sectionFirstInterface = interfaces.size();
    }

    private void interfaceDescription(long blockStart) throws IOException {
        long length = blockLength(blockStart, 20);
        if (length > Limits.MAX_PARSED_BLOCK_LENGTH) {
            throw new CaptureFormatException(file, blockStart, "interface description block at offset " + blockStart
                    + " claims " + length + " bytes, more than the " + Limits.MAX_PARSED_BLOCK_LENGTH + "-byte limit");
        }
        in.request((int) length);
        in.skip(BLOCK_HEADER_LENGTH);
        int linkType = in.u16();
        in.skip(2);
        long snap = in.u32();
        String name = null;
        long ticksPerSecond = 1_000_000;
        long offsetSeconds = 0;
        int optionsLeft = (int) length - 20;
        while (optionsLeft >= 4) {
            int code = in.u16();
            int optionLength = in.u16();
            int padded = (optionLength + 3) & ~3;
            optionsLeft -= 4;
            if (code == OPT_END || padded > optionsLeft) {
                break;
            }
            if (code == IF_NAME) {
                byte[] text = new byte[optionLength];
                in.take(text, 0, optionLength);
                name = new String(text, StandardCharsets.UTF_8);
                in.skip(padded - optionLength);
            } else if (code == IF_TSRESOL && optionLength == 1) {
                ticksPerSecond = Timestamps.ticksPerSecond(in.u8());
                in.skip(padded - 1);
            } else if (code == IF_TSOFFSET && optionLength == 8) {
                offsetSeconds = in.i64();
            } else {
                in.skip(padded);
            }
            optionsLeft -= padded;
        }
        endBlock(blockStart, length);
        if (ticksPerSecond == 0) {
            throw new CaptureFormatException(file, blockStart, "interface description block at offset " + blockStart
                    + " declares a timestamp resolution finer than Osprey can represent");
        }
        interfaces.add(new CaptureInterface(linkType, (int) Math.min(snap, Integer.MAX_VALUE), name, ticksPerSecond,
                offsetSeconds, section));
    }

    private PacketSummary enhancedPacket(long blockStart) throws IOException {
        long length = blockLength(blockStart, 32);
        in.request(32);
        in.skip(BLOCK_HEADER_LENGTH);
        long interfaceInSection = in.u32();
        long high = in.u32();
        long low = in.u32();
        long captured = in.u32();
        long wire = in.u32();
        CaptureInterface itf = packetInterface(blockStart, interfaceInSection);
        checkCaptured(blockStart, captured, length - 32, itf);
        byte[] frame = readFrame(blockStart, (int) captured, length);
        int id = sectionFirstInterface + (int) interfaceInSection;
        return PacketSummary.ofFrame(frame, frame.length, (int) Math.min(wire, Integer.MAX_VALUE), itf.linkType(), id,
                Timestamps.toNanos((high << 32) | low, itf.ticksPerSecond(), itf.timestampOffsetSeconds()));
    }

    private PacketSummary simplePacket(long blockStart) throws IOException {
        long length = blockLength(blockStart, 16);
        in.request(12);
        in.skip(BLOCK_HEADER_LENGTH);
        long wire = in.u32();
        CaptureInterface itf = packetInterface(blockStart, 0);
        // the block has no captured length: the frame is what fits, cut to the snaplen
        long captured = Math.min(wire, length - 16);
        if (itf.snapLength() > 0) {
            captured = Math.min(captured, itf.snapLength());
        }
        checkCaptured(blockStart, captured, length - 16, itf);
        byte[] frame = readFrame(blockStart, (int) captured, length);
        // no timestamp in a simple packet block
        return PacketSummary.ofFrame(frame, frame.length, (int) Math.min(wire, Integer.MAX_VALUE), itf.linkType(),
                sectionFirstInterface, 0);
    }

    private PacketSummary obsoletePacket(long blockStart) throws IOException {
        long length = blockLength(blockStart, 32);
        in.request(32);
        in.skip(BLOCK_HEADER_LENGTH);
        int interfaceInSection = in.u16();
        in.skip(2); // drops count
        long high = in.u32();
        long low = in.u32();
        long captured = in.u32();
        long wire = in.u32();
        CaptureInterface itf = packetInterface(blockStart, interfaceInSection);
        checkCaptured(blockStart, captured, length - 32, itf);
        byte[] frame = readFrame(blockStart, (int) captured, length);
        return PacketSummary.ofFrame(frame, frame.length, (int) Math.min(wire, Integer.MAX_VALUE), itf.linkType(),
                sectionFirstInterface + interfaceInSection,
                Timestamps.toNanos((high << 32) | low, itf.ticksPerSecond(), itf.timestampOffsetSeconds()));
    }

    private void skipBlock(long blockStart) throws IOException {
        endBlock(blockStart, blockLength(blockStart, 12));
    }

    // ------------------------------------------------------------------ checks and helpers

    /**
     * Reads and checks the block's total length (the block header is in the buffer): at least {@code minimum}, a
     * multiple of 4, inside the file, and equal to the copy at the block's end.
     */
    private long blockLength(long blockStart, int minimum) throws IOException {
        long length = in.peekI32(4) & 0xffffffffL;
        if (length < minimum || length % 4 != 0) {
            throw new CaptureFormatException(file, blockStart, "block at offset " + blockStart + " (type 0x"
                    + Integer.toHexString(in.peekI32(0)) + ") has an invalid total length " + length
                    + (length < minimum ? " (less than its minimum " + minimum + ")" : " (not a multiple of 4)"));
        }
        if (length > in.remainingInFile()) {
            throw new CaptureFormatException(file, blockStart, "file ends in the middle of a block at offset "
                    + blockStart + " (truncated): the block claims " + length + " bytes, " + in.remainingInFile()
                    + " are left");
        }
        return length;
    }

    private CaptureInterface packetInterface(long blockStart, long interfaceInSection) throws CaptureFormatException {
        long index = sectionFirstInterface + interfaceInSection;
        if (interfaceInSection < 0 || index >= interfaces.size()) {
            throw new CaptureFormatException(file, blockStart, "packet block at offset " + blockStart
                    + " refers to interface " + interfaceInSection + ", but its section declares only "
                    + (interfaces.size() - sectionFirstInterface) + " interface(s)");
        }
        return interfaces.get((int) index);
    }

    private void checkCaptured(long blockStart, long captured, long room, CaptureInterface itf)
            throws CaptureFormatException {
        if (captured > Limits.MAX_CAPTURED_LENGTH) {
            throw new CaptureFormatException(file, blockStart, "record at offset " + blockStart + " claims " + captured
                    + " captured bytes, more than the snaplen " + itf.snapLength() + " and the "
                    + Limits.MAX_CAPTURED_LENGTH + "-byte limit for one packet");
        }
        if (captured > room) {
            throw new CaptureFormatException(file, blockStart, "packet block at offset " + blockStart + " claims "
                    + captured + " captured bytes, but the block has room for only " + room);
        }
    }

    /** Takes the frame, then goes to the end of the block. */
    private byte[] readFrame(long blockStart, int captured, long blockLength) throws IOException {
        in.request(captured);
        byte[] frame = new byte[captured];
        in.take(frame, 0, captured);
        endBlock(blockStart, blockLength);
        return frame;
    }

    /**
     * Skips what is left of the block (padding, options, unread fields) and checks that its trailing length repeats
     * the one at its start, as Wireshark does: a mismatch means the block structure is corrupt.
     */
    private void endBlock(long blockStart, long blockLength) throws IOException {
        in.skip(blockStart + blockLength - 4 - in.position());
        in.request(4);
        long trailer = in.u32();
        if (trailer != blockLength) {
            throw new CaptureFormatException(file, blockStart, "block at offset " + blockStart + " has total length "
                    + blockLength + " at its start but " + trailer + " at its end (corrupt)");
        }
    }

    private CaptureFormatException truncated(long blockStart, String what) {
        return new CaptureFormatException(file, blockStart, "file ends in the middle of the " + what + " at offset "
                + blockStart + " (truncated)");
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
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
        return interfacesView;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
