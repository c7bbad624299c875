package org.osprey.core.tests.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;

/**
 * Benchmark, not a test: read throughput of {@link CaptureFiles#open} on a capture (default: the corpus' bigmix-350k),
 * with and without the summary decoder. Run it with a small heap (e.g. -Xmx32m) to see that reading streams.
 * <pre>java -Xmx32m -cp ... org.osprey.core.tests.io.ReadThroughput [FILE] [ROUNDS]</pre>
 */
public final class ReadThroughput {

    private ReadThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : CorpusFiles.pcap("bench/bigmix-350k.pcap");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long bytes = Files.size(file);
        for (int round = 1; round <= rounds; round++) {
            for (boolean decode : new boolean[] {false, true}) {
                long start = System.nanoTime();
                long packets = 0;
                long checksum = 0; // keeps the JIT from dropping the reading
                try (CaptureReader reader = CaptureFiles.open(file, decode)) {
                    for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                        packets++;
                        checksum += p.capturedLength() + p.protocol().ordinal();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d %-9s %,d packets in %.3f s: %,.0f packets/s, %.0f MB/s (checksum %d)%n",
                        round, decode ? "decode" : "no-decode", packets, seconds, packets / seconds,
                        bytes / seconds / 1e6, checksum);
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("max heap %d MB, used at end %d MB%n", runtime.maxMemory() >> 20,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }
}
