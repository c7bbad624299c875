package org.osprey.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;

/**
 * Summary decodes per second on one core, over the frames of the corpus's 350k-packet benchmark mix held in memory
 * (so the file system is not measured). One operation is one packet.
 * <ul>
 * <li>{@link #decodeInPlace}: the hot path, decoding into summaries made beforehand, as a capture source that reuses
 * its summaries would; run with {@code -prof gc} to see that it allocates only DNS query names;</li>
 * <li>{@link #decodeNewSummary}: the convenience method that makes a new summary per packet.</li>
 * </ul>
 * The corpus is found through the system property {@code osprey.corpus}, else a {@code shared/corpus} folder above the
 * working directory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecoderBenchmark {

    /** Packets per benchmark invocation: enough to make the call overhead vanish, few enough to sample often. */
    private static final int BATCH = 1024;

    private PacketSummary[] summaries;
    private int next;

    @Setup(Level.Trial)
    public void readCapture() throws IOException {
        Path capture = corpus().resolve("pcaps/bench/bigmix-350k.pcap");
        List<PacketSummary> packets = new ArrayList<>(350_000);
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
        }
        if (packets.isEmpty()) {
            throw new IllegalStateException(capture + " holds no packets");
        }
        summaries = packets.toArray(PacketSummary[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decodeInPlace() {
        int seen = 0;
        int i = next;
        for (int n = 0; n < BATCH; n++) {
            PacketSummary p = summaries[i];
            SummaryDecoder.decode(p);
            seen += p.protocol().ordinal() + p.flags();
            if (++i == summaries.length) {
                i = 0;
            }
        }
        next = i;
        return seen;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decodeNewSummary() {
        int seen = 0;
        int i = next;
        for (int n = 0; n < BATCH; n++) {
            PacketSummary old = summaries[i];
            PacketSummary p = SummaryDecoder.decode(old.frame(), old.linkType(), old.timestampNanos(), old.wireLength());
            seen += p.protocol().ordinal() + p.flags();
            if (++i == summaries.length) {
                i = 0;
            }
        }
        next = i;
        return seen;
    }

    private static Path corpus() {
        String configured = System.getProperty("osprey.corpus");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/corpus/pcaps"))) {
                return dir.resolve("shared/corpus");
            }
        }
        throw new IllegalStateException("no shared/corpus folder above " + Path.of("").toAbsolutePath()
                + "; set -Dosprey.corpus=/path/to/shared/corpus");
    }
}
