package org.osprey.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.PacketSource;
import org.osprey.detect.internal.Engine;
import org.osprey.detect.internal.EngineBudgets;

/**
 * The detection engine's own cost per packet: a run over the benchmark mix's packets (in memory) with 0, 1 or 15
 * detectors that do nothing, so what is measured is batching, the per-detector loop, time accounting and time
 * advances. One operation is one packet through the whole run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class DetectionEngineBenchmark {

    private static final int PACKETS = 1 << 16;

    @Param({ "0", "1", "15" })
    public int detectors;

    private PacketSummary[] packets;
    private Engine engine;

    /** A detector that does nothing with what it sees. */
    private record NoOp(String id) implements Detector {
        @Override
        public String name() {
            return id;
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public PacketInspector start(DetectorContext context) {
            return packet -> {
            };
        }
    }

    /** The packets of an array, in batches, then the end. */
    private static final class ArraySource implements PacketSource {
        private final PacketSummary[] packets;
        private int next;

        ArraySource(PacketSummary[] packets) {
            this.packets = packets;
        }

        @Override
        public int next(PacketSummary[] batch) {
            if (next == packets.length) {
                return END;
            }
            int count = Math.min(batch.length, packets.length - next);
            System.arraycopy(packets, next, batch, 0, count);
            next += count;
            return count;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        packets = StreamBenchmark.benchmarkPackets();
        engine = new Engine(EngineBudgets.DEFAULTS);
        for (int i = 0; i < detectors; i++) {
            engine.addDetector(new NoOp("noop." + i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.shutdown();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long run() throws InterruptedException {
        DetectionRun run = engine.start("bench", new ArraySource(packets), alert -> {
        });
        run.awaitEnd();
        return run.packetsInspected();
    }
}
