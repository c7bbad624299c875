package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.osprey.transport.protocol.BinaryCodec;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.JsonPacketDecoder;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.ProtocolException;

/**
 * A lean receiver for load harnesses: counts what arrives, checks order and gaps, keeps nothing (optionally the
 * latency of each packet: arrival wall time minus capture timestamp). Public because Jetty calls it by method handles.
 */
public final class CountingPeer implements Session.Listener.AutoDemanding {
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
    private volatile boolean closing;
    private long[] latencies = new long[0];
    private int latencyCount;

    private CountingPeer(WebSocketClient client, String token, Encoding encoding) {
        this.client = client;
        this.token = token;
        this.encoding = encoding;
    }

    static CountingPeer connect(URI uri, X509Certificate certificate, String token, Encoding encoding)
            throws Exception {
        WebSocketClient client = WssTestPeer.startClient(certificate);
        CountingPeer peer = new CountingPeer(client, token, encoding);
        client.connect(peer, uri).get(30, TimeUnit.SECONDS);
        peer.session.sendText(JsonCodec.encode(new Message.Hello(List.of(1), token, List.of(encoding), "load")),
                Callback.NOOP);
        if (!peer.welcomed.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no welcome");
        }
        return peer;
    }

    /** Keeps the latency of the next {@code count} packets (call before subscribing). */
    void recordLatencies(int count) {
        latencies = new long[count];
        latencyCount = 0;
    }

    /** The recorded latencies in nanoseconds, sorted. */
    long[] sortedLatencies() {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        return sorted;
    }

    void subscribe(Long resumeFrom) {
        done = new CountDownLatch(1);
        session.sendText(JsonCodec.encode(new Message.Subscribe(List.of(Channel.PACKETS), null, resumeFrom)),
                Callback.NOOP);
    }

    /**
     * Waits until packets {@code from .. from+count-1} have all arrived, in order (more may follow: on a shared
     * {@code lo} another process may send traffic the capture filter lets through).
     */
    void await(long from, long count) throws InterruptedException {
        expectTo = from + count;
        expectFrom = from;
        if (next >= expectTo) {
            done.countDown();
        }
        if (!done.await(180, TimeUnit.SECONDS)) {
            throw new AssertionError("only " + received + " of " + count + " packets arrived, next " + next);
        }
        if (failure != null) {
            throw new AssertionError(failure);
        }
        assertEquals(0, gaps, "gaps");
        assertTrue(next >= expectTo, "every packet up to " + expectTo + ", in order; got up to " + next);
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
        if (latencyCount < latencies.length) {
            Instant now = Instant.now();
            latencies[latencyCount++] = now.getEpochSecond() * 1_000_000_000L + now.getNano() - timestamp;
        }
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

    @Override
    public void onWebSocketError(Throwable cause) {
        if (!closing) {
            fail("connection failed: " + cause);
        }
    }

    void close() throws Exception {
        closing = true;
        session.close();
        client.stop();
    }
}
