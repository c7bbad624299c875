package org.osprey.core.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opening capture files for reading (format detected from the content) and creating them for writing. */
public final class CaptureFiles {

    private CaptureFiles() {
    }

    /**
     * Opens a pcap or pcapng file for streaming reading; the format is told by the first bytes, not the name.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws AccessDeniedException when it cannot be read
     * @throws CaptureFormatException when it is empty, a directory, not a capture file, or its header is broken
     * @throws IOException when reading fails otherwise
     */
    public static CaptureReader open(Path file) throws IOException {
        return open(file, true);
    }

    /**
     * Like {@link #open(Path)}; with {@code decodeSummaries} false the summaries hold only what the record says
     * (frame, lengths, link type, interface, timestamp), for callers that copy packets or decode them elsewhere.
     */
    public static CaptureReader open(Path file, boolean decodeSummaries) throws IOException {
        if (Files.isDirectory(file)) {
            throw new CaptureFormatException(file, 0, "is a directory, not a capture file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "permission denied: the file is not readable");
        }
        FileInput in = new FileInput(channel);
        try {
            CaptureReader reader = detect(file, in, decodeSummaries);
            return reader;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static CaptureReader detect(Path file, FileInput in, boolean decode) throws IOException {
        if (in.size() == 0) {
            throw new CaptureFormatException(file, 0, "the file is empty (0 bytes), not a capture file");
        }
        if (!in.request(4)) {
            throw new CaptureFormatException(file, 0, "not a capture file: it is only " + in.size()
                    + " bytes long (first bytes are " + describeStart(in) + ")");
        }
        in.order(ByteOrder.BIG_ENDIAN);
        int magic = in.peekI32(0);
        switch (magic) {
            case PcapReader.MAGIC_MICROS, PcapReader.MAGIC_NANOS, PcapReader.MAGIC_MODIFIED -> {
                return new PcapReader(file, in, magic, decode);
            }
            case PcapngReader.SECTION_HEADER -> {
                return new PcapngReader(file, in, decode);
            }
            default -> {
                int swapped = Integer.reverseBytes(magic);
                if (swapped == PcapReader.MAGIC_MICROS || swapped == PcapReader.MAGIC_NANOS
                        || swapped == PcapReader.MAGIC_MODIFIED) {
                    return new PcapReader(file, in, magic, decode);
                }
                throw new CaptureFormatException(file, 0, "not a capture file: first bytes are " + describeStart(in)
                        + guessKind(in));
            }
        }
    }

    /** The first bytes as text with unprintable bytes as dots, in quotes, like 'PK..'. */
    private static String describeStart(FileInput in) {
        int n = Math.min(in.buffered(), 8);
        StringBuilder text = new StringBuilder("'");
        for (int i = 0; i < n; i++) {
            int b = peekByte(in, i);
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return text.append('\'').toString();
    }

    private static int peekByte(FileInput in, int offset) {
        return in.peekU8(offset);
    }

    private static String guessKind(FileInput in) {
        int b0 = peekByte(in, 0), b1 = peekByte(in, 1);
        if (b0 == 'P' && b1 == 'K') {
            return " (a zip archive?)";
        }
        if (b0 == 0x1f && b1 == 0x8b) {
            return " (a gzip-compressed file? decompress it first)";
        }
        if (b0 == 0x28 && b1 == 0xb5) {
            return " (a zstd-compressed file? decompress it first)";
        }
        int n = Math.min(in.buffered(), 64);
        for (int i = 0; i < n; i++) {
            int b = peekByte(in, i);
            if (b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f) {
                return "";
            }
        }
        return " (a text file?)";
    }

    /**
     * Creates (or replaces) a capture file for writing.
     *
     * @param linkType the LINKTYPE_ of the packets: the only one a pcap file can hold; for pcapng the link type of
     *        interface 0 (other link types and interface ids get their own interface blocks when first written)
     */
    public static CaptureWriter create(Path file, CaptureFormat format, int linkType) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return switch (format) {
                case PCAP -> new PcapWriter(channel, linkType);
                case PCAPNG -> new PcapngWriter(channel, linkType);
            };
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
