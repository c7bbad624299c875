package org.osprey.core.tests.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal pcap/pcapng record reader and pcap writer for the decoder tests, so they depend on nothing but the
 * decoder itself. It reads only what the tests need (frame bytes, link type, wire length) and stops quietly at the
 * first record that does not parse: some corpus files are damaged on purpose.
 */
final class CaptureRecords {

    /** One captured frame as the file holds it. */
    record Frame(int index, byte[] data, int linkType, int wireLength) {
    }

    private CaptureRecords() {
    }

    static List<Frame> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        List<Frame> frames = new ArrayList<>();
        if (in.remaining() < 24) {
            return frames;
        }
        int magic = in.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0A0D0D0A) {
            readPcapng(in, frames);
        } else {
            readPcap(in, frames);
        }
        return frames;
    }

    private static void readPcap(ByteBuffer in, List<Frame> frames) {
        int magic = in.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean little = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d || magic == 0xa1b2cd34;
        in.order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean modified = in.getInt(0) == 0xa1b2cd34; // Kuznetzov's format: 8 more bytes per record header
        int linkType = in.getInt(20) & 0x0fff_ffff;
        in.position(24);
        int recordHeader = modified ? 24 : 16;
        while (in.remaining() >= recordHeader) {
            int start = in.position();
            int captured = in.getInt(start + 8);
            int wire = in.getInt(start + 12);
            if (captured < 0 || captured > in.remaining() - recordHeader) {
                return;
            }
            byte[] data = new byte[captured];
            in.position(start + recordHeader);
            in.get(data);
            frames.add(new Frame(frames.size() + 1, data, linkType, wire));
        }
    }

    private static void readPcapng(ByteBuffer in, List<Frame> frames) {
        List<Integer> linkTypes = new ArrayList<>();
        while (in.remaining() >= 12) {
            int start = in.position();
            int type = in.getInt(start);
            if (type == 0x0A0D0D0A) { // section header: its byte-order magic decides how to read the rest
                int bom = in.order(ByteOrder.LITTLE_ENDIAN).getInt(start + 8);
                in.order(bom == 0x1A2B3C4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
                linkTypes.clear();
            }
            int length = in.getInt(start + 4);
            if (length < 12 || length > in.remaining()) {
                return;
            }
            switch (type) {
                case 1 -> linkTypes.add(in.getShort(start + 8) & 0xffff);
                case 6 -> { // enhanced packet block
                    int iface = in.getInt(start + 8);
                    int captured = in.getInt(start + 20);
                    int wire = in.getInt(start + 24);
                    if (iface < 0 || iface >= linkTypes.size() || captured < 0 || captured > length - 32) {
                        return;
                    }
                    frames.add(new Frame(frames.size() + 1,
                            Arrays.copyOfRange(in.array(), start + 28, start + 28 + captured), linkTypes.get(iface),
                            wire));
                }
                case 3 -> { // simple packet block
                    if (linkTypes.isEmpty()) {
                        return;
                    }
                    int wire = in.getInt(start + 8);
                    int captured = Math.min(wire, length - 16);
                    frames.add(new Frame(frames.size() + 1,
                            Arrays.copyOfRange(in.array(), start + 12, start + 12 + Math.max(0, captured)),
                            linkTypes.get(0), wire));
                }
                default -> {
                    // other blocks (statistics, name resolution, ...) carry nothing the tests need
                }
            }
            in.position(start + length);
        }
    }

    /** Writes frames of one link type as a classic microsecond pcap file (for tshark to read a sample). */
    static void writePcap(Path file, int linkType, List<Frame> frames) throws IOException {
        int size = 24;
        for (Frame frame : frames) {
            size += 16 + frame.data().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144)
                .putInt(linkType);
        int second = 1;
        for (Frame frame : frames) {
            out.putInt(second++).putInt(0).putInt(frame.data().length).putInt(frame.wireLength()).put(frame.data());
        }
        Files.write(file, out.array());
    }
}
