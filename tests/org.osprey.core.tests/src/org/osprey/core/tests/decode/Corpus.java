package org.osprey.core.tests.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.osprey.core.tests.io.CorpusFiles;

/** The corpus selections the decoder tests use; finding the corpus is {@link CorpusFiles}' job. */
final class Corpus {

    private Corpus() {
    }

    static Path root() {
        return CorpusFiles.root();
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
