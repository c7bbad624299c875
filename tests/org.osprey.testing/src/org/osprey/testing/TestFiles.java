package org.osprey.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared capture corpus and this module's output folder are. */
public final class TestFiles {

    private TestFiles() {
    }

    /**
     * A file of the shared corpus: from the {@code osprey.corpus} system property (set by the build), else found by
     * walking up from the working directory to a folder holding {@code shared/corpus}.
     */
    public static Path corpus(String relative) {
        Path root = corpusRoot();
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            fail("corpus file missing: " + file);
        }
        return file;
    }

    private static Path corpusRoot() {
        String property = System.getProperty("osprey.corpus");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("no shared/corpus found: set -Dosprey.corpus or run inside a clone beside shared/");
    }

    /** This module's build output folder ({@code osprey.test.output}), else target/ under the working directory. */
    public static Path output() {
        String property = System.getProperty("osprey.test.output");
        return Path.of(property != null ? property : "target").toAbsolutePath();
    }
}
