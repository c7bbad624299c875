package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.stream.Subscription;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.client.AgentConnection;
import org.osprey.transport.client.ConnectionSettings;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.ServerConfig;

/**
 * Load harness, not a timed test: latency from the agent's stream to a subscriber of the client's local stream
 * (agent batching and flush, TLS on loopback, client decode and publish, local delivery thread), with packets
 * published at a steady 1k, 10k and 50k per second. Each packet carries its publish time as its timestamp. Prints
 * p50/p99/max; asserts only that every packet arrived.
 */
class ClientLatencyLoadTest {

    private static final int[] RATES = { 1_000, 10_000, 50_000 };
    private static final long SECONDS_PER_RATE = 3;

    @TempDir
    Path work;

    @Test
    void latencyAgentStreamToClientSubscriber() throws Exception {
        PacketStreamImpl agentStream = new PacketStreamImpl(1 << 20);
        AgentServer server = new AgentServer(ServerConfig.builder(work.resolve("agent")).port(0).build(), agentStream);
        server.start();
        PacketStreamImpl local = new PacketStreamImpl(1 << 20);
        int total = Arrays.stream(RATES).map(r -> r * (int) SECONDS_PER_RATE).sum();
        long[] latencies = new long[total];
        int[] received = new int[1];
        Subscription subscription = local.subscribe(null, (batch, count) -> {
            long now = epochNanos();
            for (int i = 0; i < count && received[0] < latencies.length; i++) {
                latencies[received[0]++] = now - batch[i].timestampNanos();
            }
        }, 1 << 20);
        ConnectionSettings settings = ConnectionSettings.builder(server.uri(), AccessToken.read(server.tokenFile()),
                new KnownAgents(work.resolve("known_agents"))).build();
        StringBuilder report = new StringBuilder();
        try (AgentConnection connection = new AgentConnection(settings, local)) {
            connection.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(connection.state() instanceof ConnectionState.Connected)) {
                assertTrue(System.nanoTime() < deadline, "hang guard: not connected");
                Thread.sleep(5);
            }
            int from = 0;
            for (int rate : RATES) {
                int count = rate * (int) SECONDS_PER_RATE;
                publishAtRate(agentStream, rate, count);
                int expected = from + count;
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (subscription.delivered() < expected && System.nanoTime() < waitUntil) {
                    Thread.sleep(5);
                }
                assertEquals(expected, subscription.delivered(), "every packet arrived at " + rate + "/s");
                long[] window = Arrays.copyOfRange(latencies, from, expected);
                Arrays.sort(window);
                report.append(String.format(Locale.ROOT, "%,7d packets/s: p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                        rate, window[window.length / 2] / 1e6, window[(int) (window.length * 0.99)] / 1e6,
                        window[window.length - 1] / 1e6));
                from = expected;
            }
            assertEquals(0, connection.statistics().missedTotal());
        } finally {
            subscription.close();
            server.stop();
        }
        System.out.print("agent stream -> client subscriber latency, TLS 1.3 loopback, binary:\n" + report);
    }

    /** Publishes {@code count} packets spread evenly at {@code rate} per second, stamped with their publish time. */
    private static void publishAtRate(PacketStreamImpl stream, int rate, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                LockSupport.parkNanos(wait);
            }
            byte[] frame = TestPackets.udpFrame(1000, 53, i);
            PacketSummary packet = PacketSummary.ofFrame(frame, frame.length, frame.length, 1, 0, epochNanos());
            stream.publish(packet);
        }
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
