package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.client.AgentConnection;
import org.osprey.transport.client.ConnectionSettings;
import org.osprey.transport.client.ConnectionSettings.StartPosition;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.ConnectionStatistics;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.ServerConfig;

/**
 * Load harness, not a timed test: how fast the client takes packets from a real agent over TLS on loopback into its
 * local stream (receive, decode the batch, summary-decode each packet, publish), binary against JSON. The agent's
 * ring is filled first and the client resumes from its oldest packet, so the figure is the whole pipeline running
 * flat out without a publisher in the way. Prints the figures; asserts only that every packet arrived, in order,
 * with nothing missed.
 */
class ClientThroughputLoadTest {

    private static final int PACKETS = 400_000;
    private static final long HANG_GUARD_NANOS = TimeUnit.MINUTES.toNanos(3);

    @TempDir
    Path work;

    @Test
    void receiveThroughputBinaryAndJson() throws Exception {
        PacketStreamImpl agentStream = new PacketStreamImpl(PACKETS);
        for (long id = 0; id < PACKETS; id++) {
            agentStream.publish(TestPackets.udp(1000 + (int) (id % 2), 53, id, 1_700_000_000_000_000_000L + id));
        }
        AgentServer server = new AgentServer(ServerConfig.builder(work.resolve("agent")).port(0).build(), agentStream);
        server.start();
        try {
            StringBuilder report = new StringBuilder();
            for (int round = 1; round <= 2; round++) { // round 1 warms the JIT up
                for (Encoding encoding : new Encoding[] { Encoding.BINARY, Encoding.JSON }) {
                    double rate = receiveAll(server, encoding);
                    report.append(String.format(Locale.ROOT, "round %d %-6s %,12.0f packets/s%n", round, encoding,
                            rate));
                }
            }
            System.out.printf(Locale.ROOT, "client receive throughput, %,d packets of %d bytes, TLS 1.3 loopback:%n%s",
                    PACKETS, TestPackets.udpFrame(0, 0, 0).length, report);
        } finally {
            server.stop();
        }
    }

    private double receiveAll(AgentServer server, Encoding encoding) throws Exception {
        PacketStreamImpl local = new PacketStreamImpl(65_536);
        ConnectionSettings settings = ConnectionSettings
                .builder(server.uri(), AccessToken.read(server.tokenFile()),
                        new KnownAgents(work.resolve("client/known_agents")))
                .encodings(encoding).start(StartPosition.OLDEST_HELD).build();
        try (AgentConnection connection = new AgentConnection(settings, local)) {
            long[] connectedAt = new long[1];
            Encoding[] negotiated = new Encoding[1];
            connection.addListener(state -> {
                if (state instanceof ConnectionState.Connected connected) {
                    connectedAt[0] = System.nanoTime();
                    negotiated[0] = connected.encoding();
                }
            });
            connection.start();
            long deadline = System.nanoTime() + HANG_GUARD_NANOS;
            while (local.nextSequence() < PACKETS) {
                assertTrue(System.nanoTime() < deadline, "hang guard: " + local.nextSequence() + " packets so far");
                Thread.sleep(1);
            }
            long done = System.nanoTime();
            ConnectionStatistics statistics = connection.statistics();
            assertEquals(encoding, negotiated[0]);
            assertEquals(PACKETS, statistics.packetsReceived());
            assertEquals(0, statistics.missedTotal(), statistics.toString());
            for (long seq = local.oldestSequence(); seq < PACKETS; seq++) {
                PacketSummary packet = local.get(seq);
                assertEquals(seq, packet.timestampNanos() - 1_700_000_000_000_000_000L, "in order, intact");
            }
            return PACKETS / ((done - connectedAt[0]) / 1e9);
        }
    }
}
