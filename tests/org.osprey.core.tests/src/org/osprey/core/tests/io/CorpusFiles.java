package org.osprey.core.tests.io;

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
public final class CorpusFiles {

    private CorpusFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("osprey.corpus");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(path.resolve("pcaps"))) {
                throw new IllegalStateException("osprey.corpus=" + configured + " has no pcaps folder");
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

    public static Path pcap(String relative) {
        return root().resolve("pcaps").resolve(relative);
    }

    /** Every capture under pcaps/ (recursively, bench/ included) except malformed/, sorted by path. */
    public static List<Path> wellFormedCaptures() {
        Path pcaps = root().resolve("pcaps");
        return walk(pcaps).filter(f -> !f.startsWith(pcaps.resolve("malformed"))).toList();
    }

    /** Every capture under pcaps/malformed/, sorted by path. */
    public static List<Path> malformedCaptures() {
        return walk(root().resolve("pcaps").resolve("malformed")).toList();
    }

    private static Stream<Path> walk(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
            if (list.isEmpty()) {
                throw new IllegalStateException("no captures in " + folder);
            }
            return list.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
