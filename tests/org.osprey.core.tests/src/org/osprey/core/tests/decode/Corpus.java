package org.osprey.core.tests.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared capture corpus: the system property {@code osprey.corpus} if set, else the first
 * {@code shared/corpus} folder found walking up from the working directory (it sits beside the repository clone).
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

    static Path pcaps() {
        return root().resolve("pcaps");
    }

    /** Every capture under pcaps/ except malformed/ and bench/, sorted by path. */
    static List<Path> labelledCaptures() {
        Path pcaps = pcaps();
        try (Stream<Path> files = Files.walk(pcaps)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(pcaps.resolve("malformed")) && !f.startsWith(pcaps.resolve("bench")))
                    .filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every capture under pcaps/malformed/, sorted. */
    static List<Path> malformedCaptures() {
        try (Stream<Path> files = Files.list(pcaps().resolve("malformed"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path bigmix() {
        return pcaps().resolve("bench").resolve("bigmix-350k.pcap");
    }
}
