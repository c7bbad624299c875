package org.osprey.stream.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;

/**
 * The shared capture corpus: the system property {@code osprey.corpus} if set, else the first {@code shared/corpus}
 * folder found walking up from the working directory (it sits beside the repository clone).
 */
final class Corpus {

    private Corpus() {
    }

    static Path root() {
        String configured = System.getProperty("osprey.corpus");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(path)) {
                throw new IllegalStateException("osprey.corpus=" + configured + " is not a folder");
            }
            return path;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate.resolve("pcaps"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/corpus folder above " + Path.of("").toAbsolutePath()
                + "; set -Dosprey.corpus=/path/to/shared/corpus");
    }

    /** A capture under pcaps/, e.g. {@code "scan/synscan.pcapng"}. */
    static Path capture(String relative) {
        Path file = root().resolve("pcaps").resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("corpus capture missing: " + file);
        }
        return file;
    }

    /**
     * Every packet of a capture, decoded by the core's reader, new objects on each call, with the sequence number set
     * to the 0-based position in the file and the number to the 1-based one (so {@code frame.number} is Wireshark's
     * frame number).
     */
    static List<PacketSummary> packets(String relative) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(capture(relative))) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                p.setSequence(packets.size());
                p.setNumber(packets.size() + 1);
                packets.add(p);
            }
        }
        return packets;
    }
}
