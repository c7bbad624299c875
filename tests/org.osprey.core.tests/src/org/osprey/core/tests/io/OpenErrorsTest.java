package org.osprey.core.tests.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormatException;
import org.osprey.core.io.CaptureReader;

/** Files that are not (whole) capture files get messages a user understands, and nothing before the damage is lost. */
class OpenErrorsTest {

    @TempDir
    Path temp;

    @Test
    void missingFile() {
        Path missing = temp.resolve("no-such.pcap");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> CaptureFiles.open(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void directory() {
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(temp));
        assertEquals(temp + ": is a directory, not a capture file", e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(temp.resolve("empty.pcap"));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(empty));
        assertEquals(empty + ": the file is empty (0 bytes), not a capture file", e.getMessage());
    }

    @Test
    void textFile() throws IOException {
        Path text = temp.resolve("notes.pcap");
        byte[] readme = Files.readAllBytes(CorpusFiles.root().resolve("README.md"));
        Files.write(text, readme);
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(text));
        String firstBytes = new String(readme, 0, 8, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(text + ": not a capture file: first bytes are '" + firstBytes + "' (a text file?)", e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void zipArchive() throws IOException {
        Path zip = temp.resolve("capture.pcap");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(out)) {
            zipped.putNextEntry(new ZipEntry("telnet.pcap"));
            zipped.write(Files.readAllBytes(CorpusFiles.pcap("creds/telnet.pcap")));
            zipped.closeEntry();
        }
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(zip));
        assertTrue(e.getMessage().startsWith(zip + ": not a capture file: first bytes are 'PK.."), e.getMessage());
        assertTrue(e.getMessage().endsWith("(a zip archive?)"), e.getMessage());
    }

    @Test
    void fileCutInsideTheFileHeader() throws IOException {
        Path cut = temp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(CorpusFiles.pcap("creds/telnet.pcap")), 10));
        CaptureFormatException e = assertThrows(CaptureFormatException.class, () -> CaptureFiles.open(cut));
        assertTrue(e.getMessage().contains("pcap file header") && e.getMessage().contains("(truncated)"),
                e.getMessage());
    }

    @Test
    void pcapCutInsideARecord() throws IOException {
        checkCut("creds/telnet.pcap", 40, 20, "file ends in the middle of a record at offset ");
    }

    @Test
    void pcapCutInsideARecordHeader() throws IOException {
        checkCut("creds/telnet.pcap", 40, 5, "file ends in the middle of a record header at offset ");
    }

    @Test
    void pcapngCutInsideABlock() throws IOException {
        checkCut("scan/synscan.pcapng", 1000, 30, "file ends in the middle of a block at offset ");
    }

    @Test
    void pcapngCutInsideABlockHeader() throws IOException {
        checkCut("scan/synscan.pcapng", 1000, 6, "file ends in the middle of a block header at offset ");
    }

    /**
     * Cuts a real capture {@code into} bytes into record number {@code keep}: the packets before it read back
     * unchanged, then a CaptureFormatException names the record's offset, then the reader stays at its end.
     */
    private void checkCut(String capture, int keep, int into, String expectedStart) throws IOException {
        Path original = CorpusFiles.pcap(capture);
        List<Long> recordOffsets = new ArrayList<>();
        List<PacketSummary> packets = readAll(original, recordOffsets);
        long recordStart = recordOffsets.get(keep);
        Path cut = temp.resolve("cut-" + original.getFileName());
        Files.write(cut, Arrays.copyOf(Files.readAllBytes(original), (int) recordStart + into));

        try (CaptureReader reader = CaptureFiles.open(cut)) {
            for (int i = 0; i < keep; i++) {
                PacketSummary p = reader.next();
                assertArrayEquals(packets.get(i).frame(), p.frame(), "packet " + i);
                assertEquals(packets.get(i).timestampNanos(), p.timestampNanos(), "packet " + i);
            }
            CaptureFormatException e = assertThrows(CaptureFormatException.class, reader::next);
            assertEquals(recordStart, e.offset());
            assertTrue(e.getMessage().startsWith(cut + ": " + expectedStart + recordStart + " (truncated)"),
                    e.getMessage());
            assertNull(reader.next(), "after the error the reader is at its end");
        }
    }

    @Test
    void hostileCapturedLength() throws IOException {
        Path original = CorpusFiles.pcap("creds/telnet.pcap");
        List<Long> recordOffsets = new ArrayList<>();
        List<PacketSummary> packets = readAll(original, recordOffsets);
        byte[] bytes = Files.readAllBytes(original);
        int record = recordOffsets.get(7).intValue();
        ByteBuffer patch = ByteBuffer.wrap(bytes).order(littleEndian(bytes) ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        patch.putInt(record + 8, 90_000_000);
        Path hostile = temp.resolve("hostile.pcap");
        Files.write(hostile, bytes);
        long snapLength = Integer.toUnsignedLong(patch.getInt(16));

        try (CaptureReader reader = CaptureFiles.open(hostile)) {
            for (int i = 0; i < 7; i++) {
                assertArrayEquals(packets.get(i).frame(), reader.next().frame());
            }
            CaptureFormatException e = assertThrows(CaptureFormatException.class, reader::next);
            assertEquals(record, e.offset());
            assertTrue(e.getMessage().startsWith(hostile + ": record at offset " + record
                    + " claims 90000000 captured bytes, more than the snaplen " + snapLength), e.getMessage());
        }
    }

    @Test
    void hostileBlockLength() throws IOException {
        Path original = CorpusFiles.pcap("scan/synscan.pcapng");
        List<Long> recordOffsets = new ArrayList<>();
        List<PacketSummary> packets = readAll(original, recordOffsets);
        byte[] bytes = Files.readAllBytes(original);
        int block = recordOffsets.get(3).intValue();
        ByteBuffer.wrap(bytes).order(littleEndian(bytes) ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                .putInt(block + 4, 0x7ffffff0);
        Path hostile = temp.resolve("hostile.pcapng");
        Files.write(hostile, bytes);

        try (CaptureReader reader = CaptureFiles.open(hostile)) {
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(packets.get(i).frame(), reader.next().frame());
            }
            CaptureFormatException e = assertThrows(CaptureFormatException.class, reader::next);
            assertEquals(block, e.offset());
            assertTrue(e.getMessage().contains("block at offset " + block + " (truncated): the block claims "
                    + 0x7ffffff0 + " bytes"), e.getMessage());
        }
    }

    @Test
    void blockWhoseTrailingLengthDiffers() throws IOException {
        Path original = CorpusFiles.pcap("scan/synscan.pcapng");
        List<Long> recordOffsets = new ArrayList<>();
        readAll(original, recordOffsets);
        byte[] bytes = Files.readAllBytes(original);
        int block = recordOffsets.get(12).intValue();
        ByteBuffer patch = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int length = patch.getInt(block + 4);
        patch.putInt(block + length - 4, length + 4);
        Path corrupt = temp.resolve("corrupt.pcapng");
        Files.write(corrupt, bytes);

        try (CaptureReader reader = CaptureFiles.open(corrupt)) {
            for (int i = 0; i < 12; i++) {
                reader.next();
            }
            CaptureFormatException e = assertThrows(CaptureFormatException.class, reader::next);
            assertEquals(corrupt + ": block at offset " + block + " has total length " + length + " at its start but "
                    + (length + 4) + " at its end (corrupt)", e.getMessage());
        }
    }

    /** Reads every packet, noting the file offset where each one's record starts. */
    private static List<PacketSummary> readAll(Path file, List<Long> recordOffsets) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (true) {
                long before = reader.position();
                PacketSummary p = reader.next();
                if (p == null) {
                    return packets;
                }
                // pcapng may skip non-packet blocks before the packet: its record starts where its block does
                recordOffsets.add(before + skippedBlocks(file, before, reader.position(), p));
                packets.add(p);
            }
        }
    }

    /** The packet's own record is the last one consumed: its length is known from its captured length. */
    private static long skippedBlocks(Path file, long before, long after, PacketSummary p) throws IOException {
        if (file.toString().endsWith(".pcap")) {
            return 0;
        }
        byte[] tail = new byte[4];
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            channel.read(ByteBuffer.wrap(tail), after - 4);
        }
        long blockLength = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        return after - blockLength - before;
    }

    private static boolean littleEndian(byte[] file) {
        // pcap magic d4 c3 b2 a1 / pcapng byte-order magic 4d 3c 2b 1a are the little-endian forms
        return (file[0] & 0xff) == 0xd4 || (file[0] == 0x0a && (file[8] & 0xff) == 0x4d);
    }
}
