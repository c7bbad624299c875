package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.TrafficInjector;
import org.osprey.capture.internal.CaptureSourcesImpl;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.ServerConfig;

/**
 * Load harness, not a timed test: capture-to-client latency. The traffic generator's frames are sent out of
 * {@code lo} at 1k, 10k and 50k packets/s, captured live (BPF filter on the generator's site), published into the
 * agent's stream and sent over TLS to a client in the binary encoding; for every packet the client takes its arrival
 * wall time minus the packet's capture timestamp. Prints p50/p99/max per rate; asserts only that every captured packet
 * reached the client, in order and without a gap. Also prints the agent's CPU time per packet (capture and server
 * threads, see {@link #agentCpuNanos()}). Needs CAP_NET_RAW (the tests run as root).
 */
class CaptureLatencyLoadTest {

    /** The first round (10k/s for a second) warms the JIT up and is not reported. */
    private static final int[] RATES = { 10_000, 1_000, 10_000, 50_000 };
    private static final int SECONDS_PER_RATE = 3;

    @TempDir
    Path state;

    @Test
    void captureToClientLatencyAt1k10k50k() throws Exception {
        PacketStreamImpl stream = new PacketStreamImpl(1_000_000);
        AgentServer server = new AgentServer(ServerConfig.builder(state).port(0).build(), stream);
        server.start();
        CaptureSourcesImpl sources = new CaptureSourcesImpl();
        CaptureSource capture = sources.live(LiveCaptureOptions.on("lo").filter("arp or net 192.168.10.0/24").build(),
                stream);
        capture.start();
        StringBuilder report = new StringBuilder();
        try {
            for (int round = 0; round < RATES.length; round++) {
                int rate = RATES[round];
                int count = round == 0 ? rate : rate * SECONDS_PER_RATE;
                CountingPeer client = CountingPeer.connect(server.uri(), server.certificate(),
                        AccessToken.read(server.tokenFile()), Encoding.BINARY);
                client.recordLatencies(count);
                long from = stream.nextSequence();
                client.subscribe(from);
                long agentCpuBefore = agentCpuNanos();
                TrafficInjector injector = sources.injector(
                        GeneratorOptions.withSeed(rate).packetsPerSecond(rate).packetLimit(count).build(), "lo");
                injector.start();
                injector.awaitTermination(SECONDS_PER_RATE * 10L, TimeUnit.SECONDS);
                assertNull(injector.failure());
                long sent = injector.sent();
                Thread.sleep(200); // the last frames reach the capture's ring and are handed over
                long captured = stream.nextSequence() - from;
                client.await(from, captured);
                double agentMicrosPerPacket = (agentCpuNanos() - agentCpuBefore) / 1e3 / Math.max(1, captured);
                client.close();
                long[] latencies = client.sortedLatencies();
                assertTrue(latencies.length >= Math.min(captured, count), "a latency for every captured packet");
                if (round == 0) {
                    continue;
                }
                report.append(String.format(Locale.ROOT,
                        "%,7d packets/s: sent %,d, captured %,d (kernel drops %d), p50 %.2f ms, p99 %.2f ms, max %.2f ms, agent CPU %.1f us/packet%n",
                        rate, sent, captured, capture.counters().kernelDrops(), millis(latencies, 0.50),
                        millis(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
                        agentMicrosPerPacket));
            }
        } finally {
            capture.stop();
            server.stop();
            System.out.printf(Locale.ROOT, "capture -> client latency (generator on lo, live capture, TLS 1.3, binary):%n%s",
                    report);
        }
    }

    /**
     * CPU time of the agent's threads in this JVM: the capture thread, Jetty's server threads (TLS, writes) and the
     * carrier threads of the per-client senders (virtual threads). Not the client's or the injector's threads.
     * Threads that ended meanwhile are missed, so this is a slight underestimate.
     */
    private static long agentCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("osprey-capture-") || name.startsWith("osprey-wss-")
                    || name.startsWith("ForkJoinPool-") && name.contains("-worker-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
