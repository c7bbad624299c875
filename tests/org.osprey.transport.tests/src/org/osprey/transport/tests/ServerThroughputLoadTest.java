package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.protocol.BinaryCodec;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.JsonPacketDecoder;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.ProtocolException;
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

    private static final long HANG_GUARD_SECONDS = 180;

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

    /** Counts what arrives; checks order and gaps; keeps nothing. Public because Jetty calls it by method handles. */
    public static final class CountingPeer implements Session.Listener.AutoDemanding {
        private final WebSocketClient client;
        private final String token;
        private final Encoding encoding;
        private final JsonPacketDecoder jsonDecoder = new JsonPacketDecoder();
        private final CountDownLatch welcomed = new CountDownLatch(1);
        private volatile Session session;
        private volatile CountDownLatch done;
        private volatile long expectFrom = -1;
        private volatile long expectTo;
        private volatile long next = -1;
        private volatile long received;
        volatile long gaps;
        volatile long bytes;
        private volatile String failure;

        private CountingPeer(WebSocketClient client, String token, Encoding encoding) {
            this.client = client;
            this.token = token;
            this.encoding = encoding;
        }

        static CountingPeer connect(URI uri, X509Certificate certificate, String token, Encoding encoding)
                throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("agent", certificate);
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setTrustStore(trust);
            HttpClient http = new HttpClient();
            http.setSslContextFactory(tls);
            WebSocketClient client = new WebSocketClient(http);
            client.setMaxTextMessageSize(4 << 20);
            client.setMaxBinaryMessageSize(4 << 20);
            client.start();
            CountingPeer peer = new CountingPeer(client, token, encoding);
            client.connect(peer, uri).get(30, TimeUnit.SECONDS);
            peer.session.sendText(JsonCodec.encode(new Message.Hello(List.of(1), token, List.of(encoding), "load")),
                    Callback.NOOP);
            if (!peer.welcomed.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("no welcome");
            }
            return peer;
        }

        void subscribe(Long resumeFrom) {
            done = new CountDownLatch(1);
            session.sendText(JsonCodec.encode(new Message.Subscribe(List.of(Channel.PACKETS), null, resumeFrom)),
                    Callback.NOOP);
        }

        /** Waits until packets {@code from .. from+count-1} have all arrived, in order. */
        void await(long from, long count) throws InterruptedException {
            expectTo = from + count;
            expectFrom = from;
            if (received >= count && next == expectTo) {
                done.countDown();
            }
            if (!done.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("only " + received + " of " + count + " packets arrived, next " + next);
            }
            if (failure != null) {
                throw new AssertionError(failure);
            }
            assertEquals(0, gaps, "gaps");
            assertEquals(expectTo, next, "every packet, in order");
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
        }

        @Override
        public void onWebSocketText(String text) {
            bytes += text.length();
            if (text.startsWith("{\"type\":\"packets\"")) {
                try {
                    jsonDecoder.decode(text, this::packet);
                } catch (ProtocolException e) {
                    fail(e.getMessage());
                }
                return;
            }
            try {
                Message message = JsonCodec.decode(text);
                switch (message) {
                case Message.Welcome w -> welcomed.countDown();
                case Message.Gap gap -> {
                    gaps += gap.count();
                    fail("gap " + gap);
                }
                case Message.Error error -> fail("error " + error);
                default -> {
                }
                }
            } catch (ProtocolException e) {
                fail(e.getMessage());
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            bytes += payload.remaining();
            try {
                BinaryCodec.decode(payload, this::packet);
            } catch (ProtocolException e) {
                fail(e.getMessage());
            }
            callback.succeed();
        }

        private void packet(long sequence, long timestamp, int wireLength, int linkType, byte[] frame) {
            if (next < 0) {
                next = sequence;
            }
            if (sequence != next) {
                fail("seq " + sequence + " where " + next + " was expected");
            }
            next = sequence + 1;
            received++;
            if (expectFrom >= 0 && next == expectTo) {
                done.countDown();
            }
        }

        private void fail(String why) {
            if (failure == null) {
                failure = why;
            }
            CountDownLatch latch = done;
            if (latch != null) {
                latch.countDown();
            }
        }

        void close() throws Exception {
            session.close();
            client.stop();
        }
    }
}
