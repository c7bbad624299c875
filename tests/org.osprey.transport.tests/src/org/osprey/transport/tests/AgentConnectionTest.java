package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osprey.core.PacketSummary;
import org.osprey.stream.FilterSyntaxException;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.client.AgentCertificates;
import org.osprey.transport.client.AgentConnection;
import org.osprey.transport.client.ConnectionListener;
import org.osprey.transport.client.ConnectionSettings;
import org.osprey.transport.client.ConnectionSettings.StartPosition;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.ConnectionState.Kind;
import org.osprey.transport.client.ConnectionState.OfflineReason;
import org.osprey.transport.client.ConnectionStatistics;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.client.UntrustedCertificateException;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.ServerConfig;

/**
 * The client library against the real agent server over real TLS 1.3 on loopback: packets arrive in the local stream
 * in order and intact, certificates are pinned on first use and a changed one is refused, a stopped and restarted
 * agent is reconnected to and resumed without a missing sequence number, and what the agent no longer holds is
 * reported and counted.
 * <p>
 * Timeouts here are hang guards only: every wait polls for a behaviour and passes as soon as it is seen.
 */
class AgentConnectionTest {

    private static final long HANG_GUARD_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long BASE_TIMESTAMP = 1_700_000_000_000_000_000L;

    @TempDir
    Path work;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private PacketStreamImpl agentStream;
    private long nextId;

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void packetsArriveInTheLocalStreamInOrderAndIntact(Encoding encoding) throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 100_000, UnaryOperator.identity());
        publish(3_000); // before the client connects: served from the replay ring
        PacketStreamImpl local = new PacketStreamImpl(100_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = connect(server, local, states,
                b -> b.encodings(encoding).start(StartPosition.OLDEST_HELD));

        ConnectionState.Connected connected = (ConnectionState.Connected) states.await(Kind.CONNECTED);
        assertEquals(encoding, connected.encoding());
        assertEquals(server.fingerprint(), connected.fingerprint());
        assertEquals(0L, connected.resumeFrom());
        publish(7_000); // live
        awaitPackets(local, 10_000);

        assertSameAsAgent(local, 0, 10_000);
        ConnectionStatistics statistics = connection.statistics();
        assertEquals(10_000, statistics.packetsReceived());
        assertEquals(9_999, statistics.lastAgentSequence());
        assertEquals(0, statistics.missedTotal());
        assertEquals(0, statistics.duplicatesDropped());
        assertEquals(1, statistics.connections());
        await(() -> connection.statistics().agentStatistics() != null
                && connection.statistics().agentStatistics().packets() == 10_000, "the agent's stats counting 10,000");
        assertEquals(List.of(Kind.CONNECTING, Kind.CONNECTED), states.kinds());
    }

    @Test
    void liveStartGetsOnlyWhatIsCapturedAfterTheWelcome() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 100_000, UnaryOperator.identity());
        publish(500);
        PacketStreamImpl local = new PacketStreamImpl(10_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = connect(server, local, states, UnaryOperator.identity());
        ConnectionState.Connected connected = (ConnectionState.Connected) states.await(Kind.CONNECTED);
        assertEquals(500L, connected.resumeFrom(), "live = from the agent's next sequence number at the welcome");
        publish(1_000);
        awaitPackets(local, 1_000);
        assertSameAsAgent(local, 500, 1_000);
        assertEquals(0, connection.statistics().missedTotal());
    }

    @Test
    void alertsReachOnlyClientsSubscribedToTheAlertsChannelIntactAndInOrder() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 10_000, UnaryOperator.identity());
        StateRecorder subscribed = new StateRecorder();
        PacketStreamImpl subscribedLocal = new PacketStreamImpl(1_000);
        connect(server, subscribedLocal, subscribed, b -> b.channels(Channel.PACKETS, Channel.STATS, Channel.ALERTS));
        StateRecorder notSubscribed = new StateRecorder();
        PacketStreamImpl notSubscribedLocal = new PacketStreamImpl(1_000);
        connect(server, notSubscribedLocal, notSubscribed, UnaryOperator.identity());
        subscribed.await(Kind.CONNECTED);
        notSubscribed.await(Kind.CONNECTED);
        // subscriptions are applied before packets flow: a packet received proves the subscribe took effect
        publish(1);
        awaitPackets(subscribedLocal, 1);
        awaitPackets(notSubscribedLocal, 1);

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String alert = "{\"event_type\":\"alert\",\"n\":" + i + ",\"alert\":{\"signature\":\"Port scan (SYN) \\u00e9\"}}";
            sent.add(alert);
            server.publishAlert(alert);
        }
        await(() -> subscribed.alerts.size() == 50, "50 alerts at the subscribed client (got " + subscribed.alerts.size() + ")");
        for (int i = 0; i < 50; i++) {
            assertEquals(com.google.gson.JsonParser.parseString(sent.get(i)),
                    com.google.gson.JsonParser.parseString(subscribed.alerts.get(i)), "alert " + i);
        }
        publish(1); // the sender writes in order: anything queued for the other client would arrive before this packet
        awaitPackets(notSubscribedLocal, 2);
        assertEquals(List.of(), notSubscribed.alerts, "a client that did not subscribe to alerts gets none");
    }

    @Test
    void firstUseRecordsTheCertificateAndAChangedOneIsRefusedLoudly() throws Exception {
        Path knownAgentsFile = work.resolve("client/known_agents");
        AgentServer first = startAgent(work.resolve("agent-a"), 0, 1_000, UnaryOperator.identity());
        int port = first.port();
        String agentKey = "127.0.0.1:" + port;

        // first use: accepted and recorded
        StateRecorder states = new StateRecorder();
        AgentConnection connection = connect(first, new PacketStreamImpl(1_000), states, UnaryOperator.identity());
        states.await(Kind.CONNECTED);
        assertEquals(first.fingerprint(), new KnownAgents(knownAgentsFile).fingerprint(agentKey));
        connection.close();
        String recordedFile = Files.readString(knownAgentsFile);

        // the same certificate again (agent restarted with its keystore): accepted, nothing rewritten
        first.stop();
        AgentServer again = startAgent(work.resolve("agent-a"), port, 1_000, UnaryOperator.identity());
        StateRecorder statesAgain = new StateRecorder();
        connect(again, new PacketStreamImpl(1_000), statesAgain, UnaryOperator.identity());
        statesAgain.await(Kind.CONNECTED);
        assertEquals(recordedFile, Files.readString(knownAgentsFile));
        again.stop();

        // another agent with a NEW certificate at the same host:port: refused, both fingerprints named, no retry
        AgentServer impostor = startAgent(work.resolve("agent-b"), port, 1_000, UnaryOperator.identity());
        publish(100);
        PacketStreamImpl local = new PacketStreamImpl(1_000);
        StateRecorder refusedStates = new StateRecorder();
        AgentConnection refused = connect(impostor, local, refusedStates, UnaryOperator.identity());
        ConnectionState.Offline offline = (ConnectionState.Offline) refusedStates.await(Kind.OFFLINE);
        assertEquals(OfflineReason.CERTIFICATE_CHANGED, offline.reason());
        UntrustedCertificateException problem = offline.certificateProblem();
        assertNotNull(problem, "the state carries the certificate problem");
        assertEquals(UntrustedCertificateException.Reason.CHANGED, problem.reason());
        assertEquals(agentKey, problem.agent());
        assertEquals(first.fingerprint(), problem.trustedFingerprint());
        assertEquals(impostor.fingerprint(), problem.presentedFingerprint());
        assertTrue(offline.message().contains(first.fingerprint()) && offline.message().contains(impostor.fingerprint()),
                offline.message());
        assertEquals(List.of(Kind.CONNECTING, Kind.OFFLINE), refusedStates.kinds(), "never retried on its own");
        assertEquals(Kind.OFFLINE, refused.state().kind());
        assertEquals(0, local.nextSequence(), "not one packet from the refused agent");
        assertEquals(recordedFile, Files.readString(knownAgentsFile), "never re-trusted silently");
        assertEquals(impostor.fingerprint(), AgentCertificates.fetchFingerprint(impostor.uri(), Duration.ofSeconds(10)),
                "the probe shows what the agent presents, for a person to compare");
    }

    @Test
    void onlyTheExpectedFingerprintIsAcceptedAndThenRecorded() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 1_000, UnaryOperator.identity());
        AgentServer other = startAgent(work.resolve("other"), 0, 1_000, UnaryOperator.identity());

        StateRecorder wrong = new StateRecorder();
        connect(server, new PacketStreamImpl(1_000), wrong, b -> b.expectedFingerprint(other.fingerprint()));
        ConnectionState.Offline offline = (ConnectionState.Offline) wrong.await(Kind.OFFLINE);
        assertEquals(OfflineReason.CERTIFICATE_NOT_TRUSTED, offline.reason());
        assertEquals(UntrustedCertificateException.Reason.NOT_EXPECTED, offline.certificateProblem().reason());
        assertNull(knownAgents().fingerprint("127.0.0.1:" + server.port()));

        StateRecorder right = new StateRecorder();
        String typedByAPerson = server.fingerprint().replace(":", " ").toLowerCase();
        connect(server, new PacketStreamImpl(1_000), right, b -> b.expectedFingerprint(typedByAPerson));
        right.await(Kind.CONNECTED);
        assertEquals(server.fingerprint(), knownAgents().fingerprint("127.0.0.1:" + server.port()));
    }

    @Test
    void aWrongTokenGoesOfflineWithoutRetrying() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 1_000, UnaryOperator.identity());
        StateRecorder states = new StateRecorder();
        AgentConnection connection = new AgentConnection(ConnectionSettings
                .builder(server.uri(), "not-the-token", knownAgents()).build(), new PacketStreamImpl(1_000));
        toClose.add(connection);
        connection.addListener(states);
        connection.start();
        ConnectionState.Offline offline = (ConnectionState.Offline) states.await(Kind.OFFLINE);
        assertEquals(OfflineReason.UNAUTHORIZED, offline.reason());
        assertTrue(offline.message().contains("unauthorized"), offline.message());
        assertFalse(offline.message().contains("not-the-token"), "the token is never shown");
        assertEquals(List.of(Kind.CONNECTING, Kind.OFFLINE), states.kinds());
        assertTrue(states.errors.stream().anyMatch(e -> e.startsWith("unauthorized")), states.errors.toString());
    }

    @Test
    void aStoppedAgentIsReconnectedToAndNothingIsMissingAfterTheResume() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 100_000, UnaryOperator.identity());
        PacketStreamImpl local = new PacketStreamImpl(100_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = connect(server, local, states, b -> b.start(StartPosition.OLDEST_HELD));
        states.await(Kind.CONNECTED);
        publish(1_000);
        awaitPackets(local, 1_000);

        server.stop();
        ConnectionState.Reconnecting firstRetry = (ConnectionState.Reconnecting) states.await(Kind.RECONNECTING);
        assertEquals(1, firstRetry.attempt());
        publish(2_000); // captured while the client is away: the agent's ring keeps them
        states.await(s -> s instanceof ConnectionState.Reconnecting r && r.attempt() >= 3, "a third attempt");

        restartAgent(server);
        ConnectionState.Connected resumed = (ConnectionState.Connected) states.await(
                s -> s instanceof ConnectionState.Connected c && c.resumeFrom() != null && c.resumeFrom() > 0,
                "connected again");
        assertEquals(1_000L, resumed.resumeFrom(), "resumes right after the last packet received");
        assertFalse(resumed.agentRestarted(), "same stream, same sequence numbers");
        publish(1_000);
        awaitPackets(local, 4_000);

        assertSameAsAgent(local, 0, 4_000);
        ConnectionStatistics statistics = connection.statistics();
        assertEquals(0, statistics.missedTotal(), statistics.toString());
        assertEquals(0, statistics.duplicatesDropped());
        assertEquals(2, statistics.connections());

        // the indicator's story: attempts counted up from 1, each announced with its delay, then connected
        List<ConnectionState.Reconnecting> retries = states.all.stream()
                .filter(ConnectionState.Reconnecting.class::isInstance).map(ConnectionState.Reconnecting.class::cast)
                .toList();
        for (int i = 0; i < retries.size(); i++) {
            ConnectionState.Reconnecting retry = retries.get(i);
            assertEquals(i + 1, retry.attempt());
            long base = connection.settings().backoff().baseDelayNanos(retry.attempt());
            assertTrue(retry.delay().toNanos() >= base * 0.8 && retry.delay().toNanos() <= base * 1.2, retry.toString());
            assertFalse(retry.cause().isEmpty());
        }
        assertEquals(Kind.CONNECTED, states.all.get(states.all.size() - 1).kind());
    }

    @Test
    void connectionsCutMidStreamWhileTheAgentKeepsCapturingLoseNothing() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 200_000, UnaryOperator.identity());
        try (CuttableProxy proxy = new CuttableProxy(server.port())) {
            PacketStreamImpl local = new PacketStreamImpl(200_000);
            StateRecorder states = new StateRecorder();
            AgentConnection connection = new AgentConnection(ConnectionSettings.builder(
                    URI.create("wss://127.0.0.1:" + proxy.port()), AccessToken.read(server.tokenFile()), knownAgents())
                    .start(StartPosition.OLDEST_HELD).build(), local);
            toClose.add(connection);
            connection.addListener(states);
            connection.start();
            states.await(Kind.CONNECTED);

            int total = 60_000;
            Thread capture = Thread.ofPlatform().name("test capture").start(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = start + i * 50_000L; // 20,000 packets/s
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(200_000);
                    }
                    publish(1);
                }
            });
            await(() -> local.nextSequence() > total / 3, "a third of the packets");
            proxy.cut();
            states.await(Kind.RECONNECTING);
            states.await(Kind.CONNECTED);
            await(() -> local.nextSequence() > 2 * total / 3, "two thirds of the packets");
            proxy.cut();
            states.await(Kind.RECONNECTING);
            states.await(Kind.CONNECTED);
            capture.join(TimeUnit.NANOSECONDS.toMillis(HANG_GUARD_NANOS));
            awaitPackets(local, total);

            for (int i = 0; i < total; i++) {
                assertEquals(i, payloadId(local.get(i)), "packet " + i + " once, in order");
            }
            ConnectionStatistics statistics = connection.statistics();
            assertEquals(0, statistics.missedTotal(), statistics.toString());
            assertEquals(3, statistics.connections());
        }
    }

    @Test
    void aSilentlyDeadLinkIsNoticedByTheKeepAliveAndResumed() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 100_000, UnaryOperator.identity());
        try (CuttableProxy proxy = new CuttableProxy(server.port())) {
            PacketStreamImpl local = new PacketStreamImpl(100_000);
            StateRecorder states = new StateRecorder();
            AgentConnection connection = new AgentConnection(ConnectionSettings.builder(
                    URI.create("wss://127.0.0.1:" + proxy.port()), AccessToken.read(server.tokenFile()), knownAgents())
                    .keepAliveInterval(Duration.ofMillis(500)).build(), local);
            toClose.add(connection);
            connection.addListener(states);
            connection.start();
            states.await(Kind.CONNECTED);
            publish(1_000);
            awaitPackets(local, 1_000);

            proxy.freeze(); // nothing closes: only the silence tells
            publish(1_000);
            ConnectionState.Reconnecting retry = (ConnectionState.Reconnecting) states.await(Kind.RECONNECTING);
            assertTrue(retry.cause().contains("dead link"), retry.cause());
            states.await(Kind.CONNECTED);
            awaitPackets(local, 2_000);
            for (int i = 0; i < 2_000; i++) {
                assertEquals(i, payloadId(local.get(i)));
            }
            assertEquals(0, connection.statistics().missedTotal());
        }
    }

    @Test
    void whatTheAgentNoLongerHoldsIsReportedAsAGapAndCounted() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 1_000, UnaryOperator.identity());
        PacketStreamImpl local = new PacketStreamImpl(100_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = receiveThenLoseTheAgent(server, local, states, 500);
        publish(3_000); // the ring holds 1,000: sequence numbers 500..2499 are gone
        restartAgent(server);
        states.await(s -> s instanceof ConnectionState.Connected c && c.resumeFrom() == 500L, "resumed");
        awaitPackets(local, 1_500);

        ConnectionStatistics statistics = connection.statistics();
        assertEquals(2_000, statistics.missedEvicted(), statistics.toString());
        assertEquals(0, statistics.missedUnannounced());
        assertEquals(3_499, statistics.lastAgentSequence());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, payloadId(local.get(i)), "before the gap");
        }
        for (int i = 500; i < 1_500; i++) {
            assertEquals(2_000 + i, payloadId(local.get(i)), "after the gap: the ring's 1,000 packets in order");
        }
    }

    @Test
    void aRestartedAgentWithANewStreamIsNoticedAndReadFromItsOldestPacket() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 10_000, UnaryOperator.identity());
        int port = server.port();
        PacketStreamImpl local = new PacketStreamImpl(100_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = receiveThenLoseTheAgent(server, local, states, 2_000);
        agentStream = new PacketStreamImpl(10_000); // a new agent process: numbering starts again at 0
        nextId = 1_000_000;
        publish(300);
        startAgent(work.resolve("agent"), port, 0, UnaryOperator.identity()); // same keystore, new stream id
        ConnectionState.Connected connected = (ConnectionState.Connected) states.await(
                s -> s instanceof ConnectionState.Connected c && c.agentRestarted(), "connected to the new agent");
        assertEquals(0L, connected.resumeFrom());
        awaitPackets(local, 2_300);
        assertEquals(1_000_000, payloadId(local.get(2_000)), "the new agent's first packet follows the old ones");
        assertEquals(1, connection.statistics().agentRestarts());
        assertEquals(0, connection.statistics().missedTotal());
    }

    @Test
    void theFilterChangesLiveAndABadOneIsRefusedBeforeSending() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 100_000, UnaryOperator.identity());
        PacketStreamImpl local = new PacketStreamImpl(100_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = connect(server, local, states, b -> b.filter("udp.srcport == 1000"));
        states.await(Kind.CONNECTED);
        publish(1_000); // ids alternate between source ports 1000 and 1001
        awaitPackets(local, 500);
        for (int i = 0; i < 500; i++) {
            assertEquals(1000, local.get(i).srcPort());
        }

        FilterSyntaxException bad = assertThrows(FilterSyntaxException.class, () -> connection.setFilter("udp.port =="));
        assertTrue(bad.getMessage().length() > 0);
        assertEquals("udp.srcport == 1000", connection.filter(), "a refused filter changes nothing");

        connection.setFilter("udp.srcport == 1001");
        // the change is asynchronous: publish pairs (1000, 1001) one at a time until a 1001 arrives. A pair gives one
        // packet under either filter (two while the filter switches), never none.
        long deadline = System.nanoTime() + HANG_GUARD_NANOS;
        while (true) {
            long before = local.nextSequence();
            publish(2);
            await(() -> local.nextSequence() > before, "a packet of the pair");
            if (local.get(local.nextSequence() - 1).srcPort() == 1001) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "hang guard: the new filter never took effect");
        }
        long switched = local.nextSequence();
        publish(1_000);
        awaitPackets(local, switched + 500);
        for (long s = switched; s < switched + 500; s++) {
            assertEquals(1001, local.get(s).srcPort());
        }
        assertEquals(0, connection.statistics().missedTotal(), "holes left by a filter are no loss");
    }

    @Test
    void closeGoesOfflineAndPublishesNothingMore() throws Exception {
        AgentServer server = startAgent(work.resolve("agent"), 0, 10_000, UnaryOperator.identity());
        PacketStreamImpl local = new PacketStreamImpl(10_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = connect(server, local, states, UnaryOperator.identity());
        states.await(Kind.CONNECTED);
        publish(100);
        awaitPackets(local, 100);
        connection.close();
        ConnectionState.Offline offline = (ConnectionState.Offline) states.await(Kind.OFFLINE);
        assertEquals(OfflineReason.CLOSED, offline.reason());
        assertEquals(Kind.OFFLINE, connection.state().kind());
        await(() -> server.connectionCount() == 0, "the agent sees the connection closed");
        String agentKey = "127.0.0.1:" + server.port();
        await(() -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .noneMatch(name -> name.startsWith("osprey-client " + agentKey)
                        || name.equals("osprey-connection " + agentKey)),
                "the connection's network and event threads end");
        publish(100);
        assertEquals(100, local.nextSequence(), "nothing published after close returned");
        connection.close(); // idempotent
        assertThrows(IllegalStateException.class, connection::start);
    }

    @Test
    void anAgentThatIsNotThereYetIsRetriedUntilItIs() throws Exception {
        AgentServer probe = startAgent(work.resolve("agent"), 0, 1_000, UnaryOperator.identity());
        probe.stop();
        PacketStreamImpl local = new PacketStreamImpl(1_000);
        StateRecorder states = new StateRecorder();
        AgentConnection connection = new AgentConnection(ConnectionSettings
                .builder(probe.uri(), AccessToken.read(probe.tokenFile()), knownAgents()).build(), local);
        toClose.add(connection);
        connection.addListener(states);
        connection.start();
        states.await(s -> s instanceof ConnectionState.Reconnecting r && r.attempt() >= 2, "retrying");
        restartAgent(probe);
        states.await(Kind.CONNECTED);
    }

    // ------------------------------------------------------------------ the agent side

    /** Starts a real agent server for {@link #agentStream} (made when {@code ringCapacity} > 0). */
    private AgentServer startAgent(Path state, int port, int ringCapacity, UnaryOperator<ServerConfig.Builder> settings)
            throws Exception {
        if (ringCapacity > 0) {
            agentStream = new PacketStreamImpl(ringCapacity);
            nextId = 0;
        }
        AgentServer server = new AgentServer(
                settings.apply(ServerConfig.builder(state).port(port).statsInterval(Duration.ofMillis(200))).build(),
                agentStream);
        server.start();
        toClose.add(server::stop);
        return server;
    }

    /** The same agent (keystore, port, stream, stream id) started again after {@code stopped} was stopped. */
    private AgentServer restartAgent(AgentServer stopped) throws Exception {
        AgentServer restarted = new AgentServer(stopped.config().toBuilder().port(stopped.port()).build(), agentStream);
        restarted.start();
        toClose.add(restarted::stop);
        return restarted;
    }

    /** Publishes UDP packets into the agent's stream; packet i carries id i in its payload, source port 1000 + i%2. */
    private void publish(int count) {
        for (int i = 0; i < count; i++) {
            long id = nextId++;
            agentStream.publish(TestPackets.udp(1000 + (int) (id % 2), 53, id, BASE_TIMESTAMP + id));
        }
    }

    // ------------------------------------------------------------------ the client side

    private KnownAgents knownAgents() {
        return new KnownAgents(work.resolve("client/known_agents"));
    }

    private AgentConnection connect(AgentServer server, PacketStreamImpl local, StateRecorder states,
            UnaryOperator<ConnectionSettings.Builder> settings) throws Exception {
        ConnectionSettings connectionSettings = settings
                .apply(ConnectionSettings.builder(server.uri(), AccessToken.read(server.tokenFile()), knownAgents()))
                .build();
        AgentConnection connection = new AgentConnection(connectionSettings, local);
        toClose.add(connection);
        connection.addListener(states);
        connection.start();
        return connection;
    }

    /** Connects, receives {@code packets} new packets, then stops the agent and waits for the first RECONNECTING. */
    private AgentConnection receiveThenLoseTheAgent(AgentServer server, PacketStreamImpl local, StateRecorder states,
            int packets) throws Exception {
        AgentConnection connection = connect(server, local, states, UnaryOperator.identity());
        states.await(Kind.CONNECTED);
        publish(packets);
        awaitPackets(local, packets);
        server.stop();
        states.await(Kind.RECONNECTING);
        return connection;
    }

    /** The local packets [localFirst, localFirst + count) are the agent's, in the same order, byte for byte. */
    private void assertSameAsAgent(PacketStreamImpl local, long agentFirst, int count) {
        long localFirst = local.oldestSequence();
        for (int i = 0; i < count; i++) {
            PacketSummary mine = local.get(localFirst + i);
            PacketSummary theirs = agentStream.get(agentFirst + i);
            assertNotNull(mine, "local packet " + (localFirst + i));
            assertArrayEquals(theirs.frame(), mine.frame(), "frame of agent packet " + (agentFirst + i));
            assertEquals(theirs.timestampNanos(), mine.timestampNanos());
            assertEquals(theirs.wireLength(), mine.wireLength());
            assertEquals(theirs.linkType(), mine.linkType());
            assertEquals(theirs.srcPort(), mine.srcPort(), "decoded into a summary");
            assertEquals(theirs.protocol(), mine.protocol());
        }
    }

    private static long payloadId(PacketSummary packet) {
        byte[] frame = packet.frame();
        long id = 0;
        for (int i = frame.length - 8; i < frame.length; i++) {
            id = id << 8 | (frame[i] & 0xff);
        }
        return id;
    }

    private static void awaitPackets(PacketStreamImpl local, long count) {
        await(() -> local.nextSequence() >= count, count + " packets in the local stream (have "
                + local.nextSequence() + ")");
        assertEquals(count, local.nextSequence(), "no more packets than expected");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + HANG_GUARD_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("hang guard: still waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    /**
     * A real TCP relay between client and agent that can cut every connection through it at once (both sockets
     * closed, no WebSocket close): what a network failure looks like to the client while the agent runs on.
     */
    private static final class CuttableProxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final int target;
        /** Connections made before the latest {@link #freeze()} forward nothing any more. */
        private volatile int generation;

        CuttableProxy(int target) throws IOException {
            this.target = target;
            Thread.ofPlatform().daemon().name("test proxy").start(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket agent = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(agent);
                    int born = generation;
                    Thread.ofPlatform().daemon().start(() -> pump(client, agent, born));
                    Thread.ofPlatform().daemon().start(() -> pump(agent, client, born));
                } catch (IOException e) {
                    // closed, or the agent is not there: the client sees its connection fail
                }
            }
        }

        private void pump(Socket from, Socket to, int born) {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    if (born == generation) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // cut
            }
        }

        /** Existing connections stay open but carry nothing more (a dead link no one closed); new ones work. */
        void freeze() {
            generation++;
        }

        void cut() throws IOException {
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
        }

        @Override
        public void close() throws IOException {
            listener.close();
            cut();
        }
    }

    /** Records every state and agent error a connection reports. */
    private static final class StateRecorder implements ConnectionListener {
        final List<ConnectionState> all = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> alerts = new CopyOnWriteArrayList<>();
        private int consumed;

        @Override
        public void alertReceived(String alertJson) {
            alerts.add(alertJson);
        }

        @Override
        public void stateChanged(ConnectionState state) {
            all.add(state);
        }

        @Override
        public void agentError(String code, String message, Integer position, boolean fatal) {
            errors.add(code + ": " + message);
        }

        List<Kind> kinds() {
            return all.stream().map(ConnectionState::kind).toList();
        }

        ConnectionState await(Kind kind) {
            return await(state -> state.kind() == kind, kind.toString());
        }

        /** The first state after the ones already awaited that satisfies {@code test}. */
        ConnectionState await(Predicate<ConnectionState> test, String what) {
            ConnectionState[] found = new ConnectionState[1];
            AgentConnectionTest.await(() -> {
                for (int i = consumed; i < all.size(); i++) {
                    if (test.test(all.get(i))) {
                        found[0] = all.get(i);
                        consumed = i + 1;
                        return true;
                    }
                }
                return false;
            }, what + " (states so far: " + all + ")");
            return found[0];
        }
    }
}
