package org.osprey.transport.tests;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.osprey.transport.protocol.BinaryCodec;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;
import org.osprey.transport.protocol.ProtocolException;

/**
 * A bare WebSocket peer for server tests (not the product's client library): real TLS 1.3 to the server, trusting
 * exactly the server's certificate, sending raw text and collecting every message it receives, decoded. Binary batches
 * arrive as {@link Message.Packets} too. Demand is explicit, so a test can stop reading to play a slow client. Public
 * because Jetty calls the listener through method handles.
 */
public class WssTestPeer implements Session.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A close frame seen by the peer. */
    record Closed(int status, String reason) {
    }

    private final WebSocketClient client;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private volatile Session session;
    private volatile boolean reading = true;

    private WssTestPeer(WebSocketClient client) {
        this.client = client;
    }

    /** A peer that always reads: Jetty demands the next frame itself. */
    public static final class AlwaysReading extends WssTestPeer implements Session.Listener.AutoDemanding {
        private AlwaysReading(WebSocketClient client) {
            super(client);
        }

        @Override
        void demandNext(Session session) {
        }
    }

    /** Connects and completes the TLS and WebSocket handshakes. */
    static WssTestPeer connect(URI uri, X509Certificate trusted, String... tlsProtocols) throws Exception {
        return connect(true, uri, trusted, tlsProtocols);
    }

    /** @param alwaysReading false for a peer that can {@link #stopReading()} */
    static WssTestPeer connect(boolean alwaysReading, URI uri, X509Certificate trusted, String... tlsProtocols)
            throws Exception {
        WebSocketClient client = startClient(trusted, tlsProtocols);
        WssTestPeer peer = alwaysReading ? new AlwaysReading(client) : new WssTestPeer(client);
        try {
            client.connect(peer, uri).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            client.stop();
            throw e;
        }
        return peer;
    }

    /**
     * A started Jetty WebSocket client that trusts exactly this certificate (no CA, no other certificate), optionally
     * limited to the given TLS versions, accepting messages up to 4 MiB.
     */
    static WebSocketClient startClient(X509Certificate trusted, String... tlsProtocols) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("agent", trusted);
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(trustStore);
        if (tlsProtocols.length > 0) {
            tls.setIncludeProtocols(tlsProtocols);
        }
        HttpClient http = new HttpClient();
        http.setSslContextFactory(tls);
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(4 << 20);
        client.setMaxBinaryMessageSize(4 << 20);
        client.start();
        return client;
    }

    // ------------------------------------------------------------------ Jetty callbacks

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        demandNext(opened);
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            inbox.add(JsonCodec.decode(text));
        } catch (ProtocolException e) {
            inbox.add(new AssertionError("server sent an undecodable message: " + e.getMessage()));
        }
        demandIfReading();
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        List<PacketRecord> records = new ArrayList<>();
        try {
            BinaryCodec.decode(payload, (seq, ts, wire, link, frame) -> records.add(new PacketRecord(seq, ts, wire, link, frame)));
            inbox.add(new Message.Packets(records.get(0).sequence(), records));
        } catch (ProtocolException | RuntimeException e) {
            inbox.add(new AssertionError("server sent a bad binary batch: " + e));
        }
        callback.succeed();
        demandIfReading();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        closed.complete(new Closed(statusCode, reason));
    }

    /** Jetty calls {@link #onWebSocketClose} after an error too, with the status it ended with. */
    @Override
    public void onWebSocketError(Throwable cause) {
        inbox.add(new AssertionError("connection failed: " + cause));
    }

    private void demandIfReading() {
        if (reading) {
            demandNext(session);
        }
    }

    void demandNext(Session current) {
        current.demand();
    }

    // ------------------------------------------------------------------ test side

    void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    void send(Message message) {
        send(JsonCodec.encode(message));
    }

    void sendBinary(ByteBuffer data) {
        session.sendBinary(data, Callback.NOOP);
    }

    /** Stops reading: the server's writes back up into the TCP buffers. */
    void stopReading() {
        if (this instanceof AlwaysReading) {
            throw new IllegalStateException("connect with alwaysReading false to stop reading");
        }
        reading = false;
    }

    /** Reads again. */
    void startReading() {
        reading = true;
        demandNext(session);
    }

    /** The next message of this type, skipping others of the types in {@code skip}; fails on anything else. */
    @SafeVarargs
    final <T extends Message> T expect(Class<T> type, Class<? extends Message>... skip) throws InterruptedException {
        while (true) {
            Object next = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + TIMEOUT);
            }
            if (next instanceof AssertionError error) {
                throw error;
            }
            if (type.isInstance(next)) {
                return type.cast(next);
            }
            if (!List.of(skip).contains(next.getClass())) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + next);
            }
        }
    }

    /** The next message of any type, or {@code null} when none comes within the timeout. */
    Object next(Duration timeout) throws InterruptedException {
        return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the server to close the connection. */
    Closed awaitClose() throws Exception {
        return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    boolean isOpen() {
        return session != null && session.isOpen();
    }

    @Override
    public void close() throws Exception {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close();
        }
        client.stop();
    }
}
