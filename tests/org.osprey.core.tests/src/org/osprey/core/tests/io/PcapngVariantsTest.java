package org.osprey.core.tests.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureInterface;
import org.osprey.core.io.CaptureReader;

/**
 * The pcapng features the corpus has no file for, built from real corpus frames and checked against tshark: a
 * big-endian section, interfaces with millisecond and power-of-two timestamp resolutions and a timestamp offset,
 * simple and obsolete packet blocks, blocks to skip (name resolution, statistics, custom), then a little-endian
 * section. Also the modified (Kuznetzov) pcap variant.
 */
class PcapngVariantsTest {

    @TempDir
    Path temp;

    private static final long OFFSET_SECONDS = 1000;

    @Test
    void bigEndianSectionWithSeveralInterfacesThenALittleEndianSection() throws IOException {
        List<PacketSummary> ethernet = readAll(CorpusFiles.pcap("creds/telnet.pcap")).subList(0, 20);
        List<PacketSummary> cooked = readAll(CorpusFiles.pcap("malformed/bgp-ovs.pcapng"));
        Path second = CorpusFiles.pcap("scan/synscan.pcapng");

        Blocks big = new Blocks(ByteOrder.BIG_ENDIAN);
        big.sectionHeader();
        big.interfaceDescription(1, 65535, "eth0", 3, OFFSET_SECONDS); // milliseconds, 1000 s offset
        big.interfaceDescription(113, 262144, null, 0x80 | 20, 0); // 2^-20 s
        big.block(4, new byte[] {0, 1, 0, 8, 10, 0, 0, 1, 'a', '.', 'b', 0, 0, 0, 0, 0}); // name resolution
        List<PacketSummary> expected = new ArrayList<>();
        for (int i = 0; i < ethernet.size(); i++) {
            PacketSummary e = ethernet.get(i);
            long millis = e.timestampNanos() / 1_000_000 - OFFSET_SECONDS * 1000;
            if (i % 5 == 4) {
                big.obsoletePacket(0, millis, e);
            } else {
                big.enhancedPacket(0, millis, e);
            }
            expected.add(PacketSummary.ofFrame(e.frame(), e.capturedLength(), e.wireLength(), 1, 0,
                    (millis + OFFSET_SECONDS * 1000) * 1_000_000));
            if (i < cooked.size()) {
                PacketSummary c = cooked.get(i);
                long ticks = (long) Math.floor(c.timestampNanos() / 1e9 * (1 << 20));
                big.enhancedPacket(1, ticks, c);
                expected.add(PacketSummary.ofFrame(c.frame(), c.capturedLength(), c.wireLength(), 113, 1,
                        (ticks >> 20) * 1_000_000_000L + (ticks & ((1 << 20) - 1)) * 1_000_000_000L / (1 << 20)));
            }
        }
        big.block(5, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // interface statistics
        big.block(0x00000BAD, new byte[] {0, 0, 0x7e, 0x3f, 'o', 's', 'p', 'r'}); // custom block, PEN 32319
        big.simplePacket(ethernet.get(0));
        expected.add(PacketSummary.ofFrame(ethernet.get(0).frame(), ethernet.get(0).capturedLength(),
                ethernet.get(0).wireLength(), 1, 0, 0));
        List<PacketSummary> fromSecond = readAll(second);
        for (PacketSummary p : fromSecond) {
            // the second section's interface 0 follows the first section's two
            expected.add(PacketSummary.ofFrame(p.frame(), p.capturedLength(), p.wireLength(), p.linkType(), 2,
                    p.timestampNanos()));
        }
        Path file = temp.resolve("variants.pcapng");
        Files.write(file, concat(big.bytes(), Files.readAllBytes(second)));

        List<PacketSummary> actual = new ArrayList<>();
        List<CaptureInterface> interfaces;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            assertEquals(CaptureFormat.PCAPNG, reader.format());
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                actual.add(p);
            }
            interfaces = reader.interfaces();
        }
        assertEquals(3, interfaces.size());
        assertEquals(new CaptureInterface(1, 65535, "eth0", 1000, OFFSET_SECONDS, 0), interfaces.get(0));
        assertEquals(new CaptureInterface(113, 262144, null, 1 << 20, 0, 0), interfaces.get(1));
        assertEquals(1, interfaces.get(2).section());

        assertEquals(expected.size(), actual.size());
        // tshark shows a custom block as a record of its own, without interface: we skip custom blocks
        List<String[]> tshark = Capinfos.tsharkFields(file, "frame.time_epoch", "frame.len", "frame.cap_len",
                "frame.interface_id", "frame.protocols").stream().filter(row -> !row[3].isEmpty()).toList();
        assertEquals(expected.size(), tshark.size(), "tshark's packet count");
        for (int i = 0; i < expected.size(); i++) {
            PacketSummary e = expected.get(i);
            PacketSummary a = actual.get(i);
            String[] t = tshark.get(i);
            String where = "packet " + (i + 1);
            assertArrayEquals(e.frame(), a.frame(), where);
            assertEquals(e.wireLength(), a.wireLength(), where);
            assertEquals(e.linkType(), a.linkType(), where);
            assertEquals(e.interfaceId(), a.interfaceId(), where);
            assertEquals(e.timestampNanos(), a.timestampNanos(), where);
            assertEquals(t[1], Integer.toString(a.wireLength()), where);
            assertEquals(t[2], Integer.toString(a.capturedLength()), where);
            if (!t[0].isEmpty()) {
                assertEquals(t[0], Capinfos.format(a.timestampNanos(), t[0]), where + " time");
            }
            if (a.interfaceId() < 2) {
                // tshark numbers interfaces per section; ours continue across sections
                assertEquals(t[3], Integer.toString(a.interfaceId()), where);
            }
        }
    }

    @Test
    void modifiedPcapHasLongerRecordHeaders() throws IOException {
        List<PacketSummary> packets = readAll(CorpusFiles.pcap("creds/telnet.pcap"));
        ByteBuffer out = ByteBuffer.allocate(24 + packets.stream().mapToInt(p -> 24 + p.capturedLength()).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2cd34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (PacketSummary p : packets) {
            out.putInt((int) (p.timestampNanos() / 1_000_000_000L))
                    .putInt((int) (p.timestampNanos() % 1_000_000_000L / 1000))
                    .putInt(p.capturedLength()).putInt(p.wireLength())
                    .putInt(2).putShort((short) 0x0800).put((byte) 0).put((byte) 0); // ifindex, protocol, type, pad
            out.put(p.frame(), 0, p.capturedLength());
        }
        Path file = temp.resolve("modified.pcap");
        Files.write(file, out.array());

        List<PacketSummary> actual = readAll(file);
        assertEquals(packets.size(), actual.size());
        for (int i = 0; i < packets.size(); i++) {
            assertArrayEquals(packets.get(i).frame(), actual.get(i).frame());
            assertEquals(packets.get(i).timestampNanos(), actual.get(i).timestampNanos());
        }
        Capinfos.Info info = Capinfos.of(file);
        assertEquals(0, info.exitCode(), info.output());
        assertEquals(packets.size(), info.packets());
        assertEquals(info.latest(), Capinfos.format(actual.get(actual.size() - 1).timestampNanos(), info.latest()));
    }

    private static List<PacketSummary> readAll(Path file) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
            assertNull(reader.next());
        }
        return packets;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** pcapng blocks in a chosen byte order, written as the specification lays them out. */
    private static final class Blocks {
        private final ByteOrder order;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Blocks(ByteOrder order) {
            this.order = order;
        }

        void sectionHeader() {
            block(0x0A0D0D0A, buffer(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                    .array());
        }

        void interfaceDescription(int linkType, int snapLength, String name, int tsresol, long offsetSeconds) {
            ByteBuffer body = buffer(8 + 4 + 64 + 8 + 12 + 4);
            body.putShort((short) linkType).putShort((short) 0).putInt(snapLength);
            if (name != null) {
                byte[] text = name.getBytes(StandardCharsets.UTF_8);
                body.putShort((short) 2).putShort((short) text.length).put(text);
                body.put(new byte[-text.length & 3]);
            }
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            if (offsetSeconds != 0) {
                body.putShort((short) 14).putShort((short) 8).putLong(offsetSeconds);
            }
            body.putShort((short) 0).putShort((short) 0);
            block(1, java.util.Arrays.copyOf(body.array(), body.position()));
        }

        void enhancedPacket(int interfaceId, long ticks, PacketSummary p) {
            int padded = (p.capturedLength() + 3) & ~3;
            ByteBuffer body = buffer(20 + padded);
            body.putInt(interfaceId).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(p.capturedLength())
                    .putInt(p.wireLength()).put(p.frame(), 0, p.capturedLength());
            block(6, body.array());
        }

        void obsoletePacket(int interfaceId, long ticks, PacketSummary p) {
            int padded = (p.capturedLength() + 3) & ~3;
            ByteBuffer body = buffer(20 + padded);
            body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                    .putInt(p.capturedLength()).putInt(p.wireLength()).put(p.frame(), 0, p.capturedLength());
            block(2, body.array());
        }

        void simplePacket(PacketSummary p) {
            int padded = (p.capturedLength() + 3) & ~3;
            block(3, buffer(4 + padded).putInt(p.wireLength()).put(p.frame(), 0, p.capturedLength()).array());
        }

        /** A block around a body (whose length must be a multiple of 4). */
        void block(int type, byte[] body) {
            int length = 12 + body.length;
            ByteBuffer header = buffer(8).putInt(type).putInt(length);
            out.writeBytes(header.array());
            out.writeBytes(body);
            out.writeBytes(buffer(4).putInt(length).array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private ByteBuffer buffer(int size) {
            return ByteBuffer.allocate(size).order(order);
        }
    }
}
