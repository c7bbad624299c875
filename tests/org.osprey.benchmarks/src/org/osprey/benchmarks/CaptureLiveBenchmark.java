package org.osprey.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osprey.capture.CaptureCounters;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.internal.CaptureSourcesImpl;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.osprey.stream.internal.PacketStreamImpl;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * Live capture throughput on the loopback interface: generator frames are injected on {@code lo} through a second
 * pcap handle, and the live capture source (default options: block ring with a 1 ms hand-over, nanosecond
 * timestamps; a BPF filter for the generator's 192.168.10.0/24 site) captures, decodes and publishes them into a
 * stream. One operation is one packet that has gone all the way into the stream; an invocation injects a batch and
 * waits until the capture has published it.
 * <p>
 * Two threads work (the injecting benchmark thread and the capture thread), so on two cores this measures the
 * pipeline, bounded by the slower of one {@code pcap_inject} and one capture-decode-publish per packet. The tear-down
 * prints the capture's counters, kernel drops included. Needs root or CAP_NET_RAW, and libpcap.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED" })
public class CaptureLiveBenchmark {

    static final int BATCH = 2000;
    /** Frames are made once and injected again and again: the generator's own cost is not part of this figure. */
    private static final int DISTINCT_FRAMES = 1 << 14;

    @State(Scope.Benchmark)
    public static class Loopback {
        byte[][] frames;
        int next;
        PcapHandle injector;
        CaptureSource capture;
        long injected;

        @Setup(Level.Trial)
        public void setUp() throws PcapNativeException, CaptureException {
            TrafficGenerator generator = new TrafficGenerator(GeneratorOptions.withSeed(42).build());
            frames = new byte[DISTINCT_FRAMES][];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = generator.nextFrame();
            }
            injector = new PcapHandle.Builder("lo").snaplen(65_536).timeoutMillis(100).build();
            // the default options: block ring, packets handed over within 1 ms
            capture = new CaptureSourcesImpl().live(LiveCaptureOptions.on("lo").filter("arp or net 192.168.10.0/24")
                    .build(), new PacketStreamImpl(1 << 20));
            capture.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            capture.stop();
            injector.close();
            CaptureCounters c = capture.counters();
            System.out.printf("%n  injected %,d, captured %,d, kernel drops %,d, interface drops %,d, decode errors %,d%n",
                    injected, c.captured(), c.kernelDrops(), c.interfaceDrops(), c.decodeErrors());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long injectAndCapture(Loopback state) throws PcapNativeException, NotOpenException {
        for (int i = 0; i < BATCH; i++) {
            state.injector.sendPacket(state.frames[state.next]);
            state.next = (state.next + 1) & (DISTINCT_FRAMES - 1);
        }
        state.injected += BATCH;
        // wait until the capture has published the batch (a dropped packet would never come: give up after 1 s)
        long deadline = System.nanoTime() + 1_000_000_000L;
        long captured;
        while ((captured = state.capture.counters().captured()) < state.injected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return captured;
    }
}
