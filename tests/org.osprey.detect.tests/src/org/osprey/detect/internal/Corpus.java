package org.osprey.detect.internal;

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
 * folder found walking up from the working directory.
 */
final class Corpus {

    private Corpus() {
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** Every packet of a corpus file, fresh objects, as a stream publisher would hand them over. */
    static List<PacketSummary> packets(String relative) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file(relative))) {
            PacketSummary packet;
            while ((packet = reader.next()) != null) {
                packets.add(packet);
            }
        }
        return packets;
    }

    static Path root() {
        String configured = System.getProperty("osprey.corpus");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
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
}
