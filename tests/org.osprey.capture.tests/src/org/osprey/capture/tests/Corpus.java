package org.osprey.capture.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;

/** The shared capture corpus, where the test runtime's system property {@code osprey.corpus} says it is. */
final class Corpus {

    private Corpus() {
    }

    static Path root() {
        String configured = System.getProperty("osprey.corpus");
        if (configured == null || configured.isBlank() || !Files.isDirectory(Path.of(configured))) {
            throw new IllegalStateException("osprey.corpus=" + configured
                    + " is not a folder; run the tests through the build, or set -Dosprey.corpus=/path/to/shared/corpus");
        }
        return Path.of(configured);
    }

    /** A capture under pcaps/, e.g. {@code "scan/synscan.pcapng"}. */
    static Path capture(String relative) {
        Path file = root().resolve("pcaps").resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("corpus capture missing: " + file);
        }
        return file;
    }

    /** Every packet of a capture as the core's reader gives it. */
    static List<PacketSummary> packets(Path file) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
        }
        return packets;
    }
}
