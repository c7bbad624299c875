package org.osprey.core.tests.decode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureFormatException;
import org.osprey.core.io.CaptureReader;
import org.osprey.core.io.CaptureWriter;

/** Capture-file access for the decoder tests, through org.osprey.core.io. */
final class CaptureRecords {

    /** One captured frame as the file holds it; {@code index} counts from 1 like Wireshark's frame numbers. */
    record Frame(int index, byte[] data, int linkType, int wireLength) {
    }

    private CaptureRecords() {
    }

    /** Every frame of a capture file. */
    static List<Frame> read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * The frames of a capture up to the first record that breaks the file format: the malformed corpus holds files
     * damaged on purpose, and what comes before the damage is still worth decoding.
     */
    static List<Frame> readUntilDamage(Path file) throws IOException {
        return read(file, true);
    }

    private static List<Frame> read(Path file, boolean stopAtDamage) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                frames.add(new Frame(frames.size() + 1, p.frame(), p.linkType(), p.wireLength()));
            }
        } catch (CaptureFormatException e) {
            if (!stopAtDamage) {
                throw e;
            }
        }
        return frames;
    }

    /** Writes frames of one link type as a classic pcap file (for tshark to read a sample). */
    static void writePcap(Path file, int linkType, List<Frame> frames) throws IOException {
        try (CaptureWriter writer = CaptureFiles.create(file, CaptureFormat.PCAP, linkType)) {
            long second = 1_000_000_000L;
            for (Frame frame : frames) {
                writer.write(frame.data(), frame.data().length, Math.max(frame.wireLength(), frame.data().length),
                        linkType, 0, frame.index() * second);
            }
        }
    }
}
