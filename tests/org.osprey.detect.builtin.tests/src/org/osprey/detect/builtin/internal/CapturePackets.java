package org.osprey.detect.builtin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;

/** Reads a small capture whole, numbered as the engine numbers a replay (sequence = index from 0), for evidence. */
final class CapturePackets {

    private CapturePackets() {
    }

    static List<PacketSummary> read(Path capture) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            PacketSummary packet;
            while ((packet = reader.next()) != null) {
                packet.setSequence(packets.size());
                packets.add(packet);
            }
        }
        return packets;
    }

    /** The packet's TCP or UDP payload as ISO-8859-1 text. */
    static String payload(PacketSummary packet) {
        return packet.payloadLength() <= 0 ? ""
                : new String(packet.frame(), packet.payloadOffset(), packet.payloadLength(),
                        StandardCharsets.ISO_8859_1);
    }
}
