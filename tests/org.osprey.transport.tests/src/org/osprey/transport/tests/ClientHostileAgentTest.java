package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.client.AgentConnection;
import org.osprey.transport.client.ConnectionSettings;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.protocol.BinaryCodec;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;
import org.osprey.transport.tls.AgentKeystore;
import org.osprey.transport.tls.TlsProtocols;

/**
 * The client against an agent that breaks the protocol, played by a real TLS WebSocket server that follows a script:
 * a malformed packet batch makes the client close the connection (status 1002) and resume from its last good packet
 * on the next one, instead of skipping packets; a message of an unknown type is ignored (newer agents may send
 * more); nothing bad ever reaches the local stream.
 */
public class ClientHostileAgentTest {

    private static final long HANG_GUARD_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path work;

    private Server jetty;
    private AgentConnection connection;
    /** What each connection did, in order: "hello", "subscribe resumeFrom=N", "closed 1002". */
    private final List<String> agentLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (jetty != null) {
            jetty.stop();
        }
    }

    @Test
    void aMalformedBatchIsNeverSkippedTheClientReconnectsAndResumesBeforeIt() throws Exception {
        startScriptedAgent();
        PacketStreamImpl local = new PacketStreamImpl(1_000);
        BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        connection = new AgentConnection(ConnectionSettings
                .builder(URI.create("wss://127.0.0.1:" + port), "any-token",
                        new KnownAgents(work.resolve("known_agents")))
                .build(), local);
        connection.addListener(states::add);
        connection.start();

        ConnectionState.Reconnecting retry = (ConnectionState.Reconnecting) awaitState(states,
                ConnectionState.Kind.RECONNECTING);
        assertTrue(retry.cause().contains("malformed packet batch"), retry.cause());
        assertEquals(ConnectionState.Kind.CONNECTED, awaitState(states, ConnectionState.Kind.CONNECTED).kind());
        await(() -> local.nextSequence() == 6, "six good packets (have " + local.nextSequence() + ")");

        // first connection: 100 and 101 arrived, the broken batch (102..) did not; the second resumes at 102
        assertEquals(List.of("hello", "subscribe resumeFrom=100", "closed 1002", "hello",
                "subscribe resumeFrom=102"), agentLog, "no third connection: the unknown message type was ignored");
        for (int i = 0; i < 6; i++) {
            assertEquals(100 + i, local.get(i).timestampNanos(), "packet " + i + " in order");
        }
        assertEquals(0, connection.statistics().missedTotal());
        assertEquals(ConnectionState.Kind.CONNECTED, connection.state().kind(), "an unknown message type is no reason to close");
    }

    private static ConnectionState awaitState(BlockingQueue<ConnectionState> states, ConnectionState.Kind kind)
            throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD_NANOS;
        while (System.nanoTime() < deadline) {
            ConnectionState state = states.poll(100, TimeUnit.MILLISECONDS);
            if (state != null && state.kind() == kind) {
                return state;
            }
        }
        return fail("hang guard: no " + kind + " state");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("hang guard: still waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    // ------------------------------------------------------------------ the scripted agent

    private void startScriptedAgent() throws Exception {
        AgentKeystore keystore = AgentKeystore.loadOrCreate(work.resolve("agent"), List.of("127.0.0.1"));
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keystore.keyStore());
        tls.setKeyStorePassword(new String(keystore.password()));
        tls.setIncludeProtocols(TlsProtocols.TLS_1_3);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty, tls);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(WebSocketUpgradeHandler.from(jetty, container -> container.addMapping(Message.ENDPOINT_PATH,
                (request, response, callback) -> new ScriptedAgent(connections.incrementAndGet(), agentLog))));
        jetty.start();
    }

    /**
     * Connection 1: welcome, then packets 100..101, then a batch with a broken magic number.
     * Connection 2: welcome, then packets from resumeFrom (102..104), a message of an unknown type, 105.
     * Public because Jetty calls it through method handles.
     */
    public static final class ScriptedAgent implements Session.Listener.AutoDemanding {
        private final int number;
        private final List<String> log;
        private volatile Session session;

        ScriptedAgent(int number, List<String> log) {
            this.number = number;
            this.log = log;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
        }

        @Override
        public void onWebSocketText(String text) {
            try {
                switch (JsonCodec.decode(text)) {
                case Message.Hello hello -> {
                    log.add("hello");
                    sendText(JsonCodec.encode(new Message.Welcome(1, "scripted", "stream-1", "0", Encoding.BINARY,
                            List.of(1), List.of("binary", "resume"), 0, 100)));
                }
                case Message.Subscribe subscribe -> {
                    long from = subscribe.resumeFrom();
                    log.add("subscribe resumeFrom=" + from);
                    if (number == 1) {
                        sendBinary(BinaryCodec.encode(List.of(record(from), record(from + 1))));
                        ByteBuffer broken = BinaryCodec.encode(List.of(record(from + 2), record(from + 3)));
                        broken.putInt(0, 0x12345678);
                        sendBinary(broken);
                    } else {
                        sendBinary(BinaryCodec.encode(List.of(record(from), record(from + 1), record(from + 2))));
                        sendText("{\"type\":\"frobnicate\",\"level\":11}");
                        sendBinary(BinaryCodec.encode(List.of(record(from + 3))));
                    }
                }
                default -> {
                    // pings and the like: nothing scripted
                }
                }
            } catch (Exception e) {
                log.add("agent failed: " + e);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            log.add("closed " + statusCode);
            callback.succeed();
        }

        private static PacketRecord record(long sequence) {
            return new PacketRecord(sequence, sequence, 50, 1, TestPackets.udpFrame(1000, 53, sequence));
        }

        private void sendText(String text) {
            session.sendText(text, Callback.NOOP);
        }

        private void sendBinary(ByteBuffer batch) {
            session.sendBinary(batch, Callback.NOOP);
        }
    }
}
