package org.osprey.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.agent.LocalAgent;
import org.osprey.capture.AttackKind;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.NetworkInterfaceInfo;
import org.osprey.detect.Alert;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.engine.DetectionEngine;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.PacketSources;
import org.osprey.detect.eve.EveJson;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.RemoteAgent;
import org.osprey.session.Session;
import org.osprey.session.SessionListener;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.ConnectionState.OfflineReason;
import org.osprey.transport.client.ConnectionStatistics;
import org.osprey.transport.server.ServerConfig;

/**
 * The session service with real parts: the real capture service, an embedded agent serving real TLS WebSockets on
 * loopback, the client's stream filled through the real connection.
 */
class SessionServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private ServiceTracker<CaptureSources, CaptureSources> captureTracker;
    private PacketStreamImpl clientStream;
    private SessionServiceImpl sessions;
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<Session> sessionChanges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startService() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(SessionServiceTest.class).getBundleContext();
        captureTracker = new ServiceTracker<>(context, CaptureSources.class, null);
        captureTracker.open();
        CaptureSources sources = captureTracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(sources, "the capture service");
        clientStream = new PacketStreamImpl(1_000_000);
        sessions = new SessionServiceImpl(clientStream, sources, home);
        sessions.addListener(new SessionListener() {
            @Override
            public void sessionChanged(Session current) {
                sessionChanges.add(current);
            }

            @Override
            public void connectionStateChanged(Session session, ConnectionState state) {
                states.add(state);
            }
        });
    }

    @AfterEach
    void stopService() {
        sessions.stop();
        captureTracker.close();
    }

    @Test
    void demoModeStreamsGeneratedTrafficThroughTheEmbeddedAgentOverTls() throws Exception {
        Session session = sessions.startEmbedded(EmbeddedMode.DEMO);

        assertEquals(Session.Kind.EMBEDDED_DEMO, session.kind());
        assertTrue(session.isDemo());
        assertEquals("wss", session.agentUri().getScheme());
        assertEquals("127.0.0.1", session.agentUri().getHost());
        awaitTrue(() -> clientStream.statistics().packets() >= 1_000, "1,000 demo packets in the client's stream");
        ConnectionState.Connected connected = assertInstanceOf(ConnectionState.Connected.class,
                session.connectionState());
        assertEquals(((ActiveSession) session).embeddedAgent().fingerprint(), connected.fingerprint());
        assertEquals(session, sessions.current());
        assertEquals(List.of(session), sessionChanges);
        // everything from the agent's first packet on, nothing missed
        ConnectionStatistics statistics = session.statistics();
        assertEquals(0, statistics.missedTotal());
        assertTrue(statistics.packetsReceived() >= 1_000);
    }

    @Test
    void liveModeCapturesTheDefaultInterface() throws Exception {
        NetworkInterfaceInfo expected = captureTracker.getService().interfaces().stream()
                .filter(nif -> nif.up() && !nif.loopback() && !nif.addresses().isEmpty()).findFirst()
                .orElseGet(() -> fail("this test needs an interface that is up with an address"));

        Session session = sessions.startEmbedded(EmbeddedMode.LIVE);

        assertEquals(Session.Kind.EMBEDDED_LIVE, session.kind());
        assertEquals("live capture on " + expected.name() + " (embedded agent)", session.description());
        awaitTrue(() -> session.connectionState() instanceof ConnectionState.Connected, "connected");
        String captured = ((ActiveSession) session).embeddedAgent().source().description();
        assertTrue(captured.contains(expected.name()), captured);
    }

    @Test
    void reconnectsAfterTheAgentWasAwayAndResumesWithoutAMissingPacket() throws Exception {
        ActiveSession session = (ActiveSession) sessions.startEmbedded(EmbeddedMode.DEMO);
        awaitTrue(() -> clientStream.statistics().packets() >= 500, "the first packets");

        session.embeddedAgent().server().stop(); // the generator goes on filling the agent's ring
        awaitTrue(() -> states.stream().anyMatch(ConnectionState.Reconnecting.class::isInstance), "reconnecting");
        long receivedWhileAway = clientStream.statistics().packets();
        Thread.sleep(1_500); // the agent captures ~1,500 packets nobody receives
        session.embeddedAgent().server().start();

        awaitTrue(() -> session.connectionState() instanceof ConnectionState.Connected
                && session.statistics().connections() >= 2, "connected again");
        session.embeddedAgent().source().stop(); // so that the counts can be compared at rest
        long agentNext = session.embeddedAgent().stream().nextSequence();
        awaitTrue(() -> session.statistics().lastAgentSequence() == agentNext - 1, "caught up");

        ConnectionStatistics statistics = session.statistics();
        assertEquals(0, statistics.missedTotal(), "packets missed: " + statistics);
        assertEquals(0, statistics.agentRestarts());
        // agent sequence numbers start at 0: every one of them arrived exactly once
        assertEquals(statistics.lastAgentSequence() + 1, statistics.packetsReceived());
        assertEquals(statistics.packetsReceived(), clientStream.statistics().packets());
        assertTrue(statistics.packetsReceived() > receivedWhileAway + 1_000, "the backlog was filled");
    }

    @Test
    void aRemoteAgentIsReachedWithItsTokenAndItsConfirmedCertificateOnly() throws Exception {
        try (LocalAgent agent = LocalAgent.start(10_000,
                agentStream -> captureTracker.getService()
                        .generator(GeneratorOptions.withSeed(7).packetsPerSecond(200).build(), agentStream),
                ServerConfig.builder(home.resolve("remote-agent")).port(0))) {
            // first use without a confirmed fingerprint: refused, and the refusal names the agent's fingerprint
            Session unconfirmed = sessions.connect(new RemoteAgent(agent.uri(), agent.token(), null));
            awaitOffline(unconfirmed);
            ConnectionState.Offline offline = (ConnectionState.Offline) unconfirmed.connectionState();
            assertEquals(OfflineReason.CERTIFICATE_NOT_TRUSTED, offline.reason());
            assertTrue(offline.message().contains(agent.fingerprint()), offline.message());

            Session wrongToken = sessions.connect(new RemoteAgent(agent.uri(), "not-the-token", agent.fingerprint()));
            assertFalse(unconfirmed.isActive());
            awaitOffline(wrongToken);
            assertEquals(OfflineReason.UNAUTHORIZED, ((ConnectionState.Offline) wrongToken.connectionState()).reason());

            Session confirmed = sessions.connect(new RemoteAgent(agent.uri(), agent.token(), agent.fingerprint()));
            assertEquals(Session.Kind.REMOTE, confirmed.kind());
            assertEquals(agent.uri().getAuthority(), confirmed.description());
            awaitTrue(() -> clientStream.statistics().packets() >= 50, "remote packets");
            // confirmed once, remembered: the next connection needs no confirmation
            assertEquals(agent.fingerprint(), sessions.knownAgents().fingerprint(agent.uri().getAuthority()));
        }
    }

    @Test
    void alertsOfARemoteAgentsOwnDetectionReachTheAlertStoreAndAHostileOneIsIgnored() throws Exception {
        withDetectingAgent(7, (agent, engine, store) -> {
            // what `osprey agent --detect` does: every detector on the agent's stream, alerts onto the alerts channel
            try (DetectionRun run = engine.start("remote agent", PacketSources.ofStream(agent.stream(), 0),
                    alert -> agent.server().publishAlert(EveJson.line(alert)))) {
                Session remote = sessions.connect(new RemoteAgent(agent.uri(), agent.token(), agent.fingerprint()));
                awaitTrue(() -> remote.connectionState() instanceof ConnectionState.Connected, "connected");
                agent.server().publishAlert("{\"event_type\":\"flow\",\"src_ip\":\"10.0.0.1\"}"); // not an alert
                awaitTrue(() -> !store.entries().isEmpty(), "an alert of the agent's detection in the client's store");
                awaitTrue(() -> clientStream.statistics().packets() >= 1_000, "packets as well");
            }
            for (AlertStore.Entry entry : store.entries()) {
                Alert alert = entry.alert();
                assertEquals("agent " + agent.uri().getAuthority(), alert.evidence().get("raised by"), alert.toString());
                assertEquals(0, alert.sequenceCount(), "the agent's packet numbers do not mark this stream's rows");
                assertNotNull(alert.sourceAddress(), "names the attacker: " + alert);
            }
        });
    }

    /**
     * The agent detects on everything it captures and the client on what it receives (here the same packets): each
     * detection is listed once, the client's entry naming the agent that raised it too.
     */
    @Test
    void whatBothTheAgentAndTheClientDetectIsListedOnce() throws Exception {
        withDetectingAgent(11, (agent, engine, store) -> {
            Session remote = sessions.connect(new RemoteAgent(agent.uri(), agent.token(), agent.fingerprint()));
            try (DetectionRun agentSide = engine.start("remote agent", PacketSources.ofStream(agent.stream(), 0),
                    alert -> agent.server().publishAlert(EveJson.line(alert)));
                    DetectionRun clientSide = engine.start("client", PacketSources.ofStream(clientStream, 0),
                            store::add)) {
                awaitTrue(() -> remote.connectionState() instanceof ConnectionState.Connected, "connected");
                awaitTrue(() -> store.entries().stream()
                        .filter(entry -> entry.alert().evidence().containsKey(AlertStore.ALSO_RAISED_BY)).count() >= 3,
                        "alerts that both sides raised");
            }
            List<AlertStore.Entry> entries = store.entries();
            for (AlertStore.Entry entry : entries) {
                Alert alert = entry.alert();
                if (alert.evidence().containsKey(AlertStore.ALSO_RAISED_BY)) {
                    assertEquals("agent " + agent.uri().getAuthority(), alert.evidence().get(AlertStore.ALSO_RAISED_BY));
                    assertFalse(alert.evidence().containsKey("raised by"), "the client's own alert is the one kept");
                    long twins = entries.stream().filter(other -> other != entry
                            && other.alert().evidence().containsKey("raised by") && sameDetection(other.alert(), alert))
                            .count();
                    assertEquals(0, twins, () -> "listed twice: " + alert);
                }
            }
        });
    }

    private static boolean sameDetection(Alert a, Alert b) {
        return a.detectorId().equals(b.detectorId()) && a.signatureId() == b.signatureId()
                && Objects.equals(a.sourceAddress(), b.sourceAddress())
                && Objects.equals(a.destinationAddress(), b.destinationAddress())
                && Math.abs(a.timestampNanos() - b.timestampNanos()) <= AlertStore.TWIN_WINDOW_NANOS;
    }

    private interface DetectingAgentTest {
        void run(LocalAgent agent, DetectionEngine engine, AlertStore store) throws Exception;
    }

    /**
     * Runs the test with a remote agent whose generator sends every kind of attack, the detection engine and the
     * client's alert store (DS services), the store emptied and the session service's.
     */
    private void withDetectingAgent(long seed, DetectingAgentTest test) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(SessionServiceTest.class).getBundleContext();
        ServiceTracker<DetectionEngine, DetectionEngine> engines = new ServiceTracker<>(context, DetectionEngine.class,
                null);
        ServiceTracker<AlertStore, AlertStore> stores = new ServiceTracker<>(context, AlertStore.class, null);
        engines.open();
        stores.open();
        try (LocalAgent agent = LocalAgent.start(100_000,
                agentStream -> captureTracker.getService().generator(GeneratorOptions.withSeed(seed)
                        .packetsPerSecond(3_000).attacks(EnumSet.allOf(AttackKind.class)).build(), agentStream),
                ServerConfig.builder(home.resolve("remote-agent-" + seed)).port(0))) {
            DetectionEngine engine = engines.waitForService(TimeUnit.SECONDS.toMillis(10));
            AlertStore store = stores.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(engine, "the detection engine (DS)");
            assertNotNull(store, "the alert store (DS)");
            store.clear();
            sessions.setAlertStore(store);
            test.run(agent, engine, store);
        } finally {
            sessions.setAlertStore(null);
            engines.close();
            stores.close();
        }
    }

    @Test
    void stopEndsTheSessionAndKeepsThePacketsReceived() throws Exception {
        Session session = sessions.startEmbedded(EmbeddedMode.DEMO);
        awaitTrue(() -> clientStream.statistics().packets() >= 100, "packets");

        sessions.stop();

        assertNull(sessions.current());
        assertFalse(session.isActive());
        assertInstanceOf(ConnectionState.Offline.class, session.connectionState());
        long held = clientStream.statistics().packets();
        Thread.sleep(300);
        assertEquals(held, clientStream.statistics().packets(), "nothing arrives after stop");
        assertTrue(held >= 100);
        assertNull(sessionChanges.get(sessionChanges.size() - 1));
    }

    private static void awaitOffline(Session session) throws InterruptedException {
        awaitTrue(() -> session.connectionState() instanceof ConnectionState.Offline offline
                && offline.reason() != OfflineReason.NOT_STARTED, "offline after trying");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

}
