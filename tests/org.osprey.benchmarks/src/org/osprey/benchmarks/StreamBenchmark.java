package org.osprey.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;
import org.osprey.stream.PacketListener;
import org.osprey.stream.Subscription;
import org.osprey.stream.internal.PacketStreamImpl;

/**
 * PacketStream throughput over real packets (the first 65,536 of the corpus's benchmark mix, republished in a loop).
 * One operation is one packet.
 * <ul>
 * <li>{@link #publish}: what the capture thread pays per packet with 0, 1 and 4 subscribers (each draining on its own
 * delivery thread; the tear-down prints how many each dropped, since a subscriber slower than the publisher
 * drops rather than slowing it);</li>
 * <li>{@link #publishToSubscriber}: packets per second from {@code publish} until one subscriber's listener has
 * them, with no filter and with a filter run on the delivery side; the queue is large enough that nothing drops.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class StreamBenchmark {

    /** Packets per invocation: amortises the benchmark call, short enough to sample often. */
    static final int BATCH = 4096;
    private static final int DISTINCT_PACKETS = 1 << 16;

    /** The stream and its subscribers for {@link #publish}. */
    @State(Scope.Benchmark)
    public static class PublishState {
        @Param({ "0", "1", "4" })
        public int subscribers;

        PacketSummary[] packets;
        PacketStreamImpl stream;
        final List<Subscription> subscriptions = new ArrayList<>();
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            packets = benchmarkPackets();
            stream = new PacketStreamImpl(PacketStreamImpl.DEFAULT_RING_CAPACITY);
            for (int i = 0; i < subscribers; i++) {
                subscriptions.add(stream.subscribe(null, new CountingListener(), 65_536));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            for (Subscription s : subscriptions) {
                System.out.printf("%n  subscriber: offered %,d, delivered %,d, dropped %,d (%.1f%%)%n", s.offered(),
                        s.delivered(), s.dropped(), 100.0 * s.dropped() / Math.max(1, s.offered()));
                s.close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publish(PublishState state) {
        PacketSummary[] packets = state.packets;
        int i = state.next;
        long last = 0;
        for (int n = 0; n < BATCH; n++) {
            last = state.stream.publish(packets[i]);
            i = (i + 1) & (DISTINCT_PACKETS - 1);
        }
        state.next = i;
        return last;
    }

    /** One subscriber, with or without a filter, for {@link #publishToSubscriber}. */
    @State(Scope.Benchmark)
    public static class DeliveryState {
        @Param({ "", "tcp.port == 80 || dns" })
        public String filter;

        PacketSummary[] packets;
        /** matchesBefore[i]: how many of packets[0, i) pass the filter. */
        long[] matchesBefore;
        PacketStreamImpl stream;
        CountingListener listener;
        Subscription subscription;
        long expectedDelivered;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException, FilterSyntaxException {
            packets = benchmarkPackets();
            DisplayFilter compiled = DisplayFilter.compile(filter);
            matchesBefore = new long[packets.length + 1];
            for (int i = 0; i < packets.length; i++) {
                matchesBefore[i + 1] = matchesBefore[i] + (compiled.matches(packets[i]) ? 1 : 0);
            }
            stream = new PacketStreamImpl(PacketStreamImpl.DEFAULT_RING_CAPACITY);
            listener = new CountingListener();
            subscription = stream.subscribe(filter.isEmpty() ? null : compiled, listener, 1 << 20);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            System.out.printf("%n  subscriber: offered %,d, delivered %,d, dropped %,d%n", subscription.offered(),
                    subscription.delivered(), subscription.dropped());
            subscription.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publishToSubscriber(DeliveryState state) {
        PacketSummary[] packets = state.packets;
        int i = state.next;
        for (int n = 0; n < BATCH; n++) {
            state.stream.publish(packets[i]);
            i = (i + 1) & (DISTINCT_PACKETS - 1);
        }
        int from = state.next;
        state.expectedDelivered += from < i ? state.matchesBefore[i] - state.matchesBefore[from]
                : state.matchesBefore[packets.length] - state.matchesBefore[from] + state.matchesBefore[i];
        state.next = i;
        while (state.listener.received < state.expectedDelivered) {
            Thread.onSpinWait();
        }
        return state.listener.received;
    }

    /** Counts what it is given; one delivery thread writes, the benchmark thread reads. */
    static final class CountingListener implements PacketListener {
        volatile long received;

        @Override
        public void onPackets(PacketSummary[] batch, int count) {
            received += count; // single writer: the delivery thread
        }
    }

    /** The first {@value #DISTINCT_PACKETS} packets of the corpus's benchmark mix, decoded. */
    static PacketSummary[] benchmarkPackets() throws IOException {
        Path capture = corpus().resolve("pcaps/bench/bigmix-350k.pcap");
        PacketSummary[] packets = new PacketSummary[DISTINCT_PACKETS];
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (int i = 0; i < packets.length; i++) {
                packets[i] = reader.next();
                if (packets[i] == null) {
                    throw new IllegalStateException(capture + " holds fewer than " + packets.length + " packets");
                }
            }
        }
        return packets;
    }

    /** The system property {@code osprey.corpus}, else the first {@code shared/corpus} above the working directory. */
    static Path corpus() {
        String configured = System.getProperty("osprey.corpus");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus");
            if (Files.isDirectory(candidate.resolve("pcaps"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/corpus found; set -Dosprey.corpus=/path/to/shared/corpus");
    }
}
