package org.osprey.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.stream.internal.PacketStreamImpl;

/**
 * How many packets per second one core of the traffic generator makes: the generator is the load source of every
 * other benchmark, so it must be far faster than what they measure. One operation is one packet, with every attack
 * injected (one every 5000 benign packets, the default mix).
 * <ul>
 * <li>{@link #frame}: building one Ethernet frame (conversation state, headers, payload, checksums);</li>
 * <li>{@link #frameAndSummary}: plus the summary decode, what the generator source does per packet;</li>
 * <li>{@link #frameSummaryPublish}: plus publishing to a stream without subscribers: the generator source's whole
 * per-packet path, without its pacing (the unlimited rate).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class GeneratorBenchmark {

    @State(Scope.Thread)
    public static class Generator {
        TrafficGenerator generator;
        PacketStreamImpl stream;
        long timestamp;

        @Setup(Level.Trial)
        public void setUp() {
            generator = new TrafficGenerator(GeneratorOptions.withSeed(42).build());
            stream = new PacketStreamImpl(1 << 20);
        }
    }

    @Benchmark
    public byte[] frame(Generator state) {
        return state.generator.nextFrame();
    }

    @Benchmark
    public PacketSummary frameAndSummary(Generator state) {
        byte[] frame = state.generator.nextFrame();
        PacketSummary p = PacketSummary.ofFrame(frame, frame.length, frame.length, SummaryDecoder.LINKTYPE_ETHERNET, 0,
                state.timestamp++);
        SummaryDecoder.decode(p);
        return p;
    }

    @Benchmark
    public long frameSummaryPublish(Generator state) {
        byte[] frame = state.generator.nextFrame();
        PacketSummary p = PacketSummary.ofFrame(frame, frame.length, frame.length, SummaryDecoder.LINKTYPE_ETHERNET, 0,
                state.timestamp++);
        SummaryDecoder.decode(p);
        return state.stream.publish(p);
    }
}
