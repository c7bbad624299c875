package org.osprey.transport.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.ServerConfig;

/**
 * Load harness, not a timed test: agent to client throughput over TLS 1.3 on loopback with the 350k-packet corpus
 * mix, JSON batched and binary batched. Prints the figures; asserts only that every packet arrived once, in order,
 * without a gap.
 * <ul>
 * <li><b>backlog</b>: the ring holds the whole capture and the client resumes from its first packet: the agent's
 * sending path running flat out (read ring, encode batches, TLS, WebSocket; the client decodes every batch);</li>
 * <li><b>live</b>: a publisher thread publishes the capture again at a fixed rate (the budget: 500k/s binary, 100k/s
 * JSON) while the client is subscribed live: no packet may be lost to a slow-client gap.</li>
 * </ul>
 */
class ServerThroughputLoadTest {

    @TempDir
    Path state;

    @Test
    void agentToClientThroughputJsonAndBinary() throws Exception {
        List<PacketSummary> capture = readCorpusMix();
        int size = capture.size();
        PacketStreamImpl stream = new PacketStreamImpl(size + 1);
        for (PacketSummary packet : capture) {
            stream.publish(packet);
        }
        AgentServer server = new AgentServer(ServerConfig.builder(state).port(0).maxClientLag(size).build(), stream);
        server.start();
        StringBuilder report = new StringBuilder();
        try {
            String token = AccessToken.read(server.tokenFile());
            for (int round = 1; round <= 2; round++) { // round 1 warms the JIT up
                for (Encoding encoding : Encoding.values()) {
                    long start = System.nanoTime();
                    CountingPeer peer = CountingPeer.connect(server.uri(), server.certificate(), token, encoding);
                    peer.subscribe(0L);
                    peer.await(0, size);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    peer.close();
                    report.append(String.format(Locale.ROOT, "backlog round %d %-6s %,10.0f packets/s  (%,d packets, %.2f s, %,.0f MB/s wire)%n",
                            round, encoding, size / seconds, size, seconds, peer.bytes / seconds / 1e6));
                }
            }
            // live, paced at the budget (and above), against the same stream: fresh summaries, same frames
            for (Encoding encoding : Encoding.values()) {
                int rate = encoding == Encoding.BINARY ? 500_000 : 100_000;
                int count = Math.min(size, rate * 2);
                CountingPeer peer = CountingPeer.connect(server.uri(), server.certificate(), token, encoding);
                long from = stream.nextSequence();
                peer.subscribe(from); // live from here; explicit so that no packet published meanwhile is missed
                long start = System.nanoTime();
                publishPaced(stream, capture, count, rate);
                double publishSeconds = (System.nanoTime() - start) / 1e9;
                peer.await(from, count);
                double seconds = (System.nanoTime() - start) / 1e9;
                peer.close();
                report.append(String.format(Locale.ROOT, "live   paced %,7d/s %-6s published %,10.0f/s, received all %,d in %.2f s (%,.0f packets/s), gaps %d%n",
                        rate, encoding, count / publishSeconds, count, seconds, count / seconds, peer.gaps));
            }
        } finally {
            server.stop();
            System.out.printf(Locale.ROOT, "agent -> client throughput, TLS 1.3 loopback, corpus bigmix (%,d packets):%n%s",
                    size, report);
        }
    }

    private static void publishPaced(PacketStreamImpl stream, List<PacketSummary> capture, int count, int rate) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            PacketSummary original = capture.get(i);
            stream.publish(SummaryDecoder.decode(original.frame(), original.linkType(), original.timestampNanos(),
                    original.wireLength()));
            if ((i & 1023) == 1023) {
                long due = start + (long) ((i + 1) * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    private static List<PacketSummary> readCorpusMix() throws Exception {
        String corpus = System.getProperty("osprey.corpus");
        Path file = Path.of(corpus == null ? "../shared/corpus" : corpus, "pcaps", "bench", "bigmix-350k.pcap");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("corpus capture missing: " + file.toAbsolutePath());
        }
        List<PacketSummary> packets = new ArrayList<>(350_000);
        try (CaptureReader reader = CaptureFiles.open(file)) {
            for (PacketSummary packet; (packet = reader.next()) != null;) {
                packets.add(packet);
            }
        }
        return packets;
    }
}
