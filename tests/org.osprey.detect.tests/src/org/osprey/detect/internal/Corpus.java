package org.osprey.detect.internal;

import java.nio.file.Files;
import java.nio.file.Path;

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
