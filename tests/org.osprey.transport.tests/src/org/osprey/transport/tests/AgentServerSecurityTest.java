package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.ServerConfig;
import org.osprey.transport.tls.AgentKeystore;

/** Authentication, rate limits, TLS and the secrets on disk. */
class AgentServerSecurityTest {

    @TempDir
    Path state;
    private ServerFixture agent;

    @BeforeEach
    void start() throws Exception {
        agent = new ServerFixture(state, 1_000, b -> b.helloTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    @Test
    void helloWithoutTokenIsUnauthorizedAndClosed() throws Exception {
        WssTestPeer peer = agent.connect();
        peer.send("{\"type\":\"hello\",\"versions\":[1]}");
        assertFatal(peer, "unauthorized");
    }

    @Test
    void wrongTokenIsUnauthorizedAndClosed() throws Exception {
        WssTestPeer peer = agent.connect();
        peer.send(new Message.Hello(List.of(1), agent.token + "x", List.of(Encoding.JSON), null));
        assertFatal(peer, "unauthorized");
    }

    @Test
    void afterFiveFailuresEvenTheRightTokenIsRateLimitedWhileOthersAreServed() throws Exception {
        WssTestPeer served = agent.subscribed(Encoding.JSON, null, null, Channel.PACKETS);
        for (int i = 0; i < 5; i++) {
            WssTestPeer peer = agent.connect();
            peer.send(new Message.Hello(List.of(1), "guess-" + i, List.of(Encoding.JSON), null));
            assertFatal(peer, "unauthorized");
        }
        WssTestPeer late = agent.connect();
        late.send(new Message.Hello(List.of(1), agent.token, List.of(Encoding.JSON), null));
        assertFatal(late, "rate-limited");

        agent.publish(3);
        assertEquals(3, AgentServerStreamingTest.receive(served, 3).size(), "the authenticated client keeps its stream");
    }

    @Test
    void theRightTokenIsServed() throws Exception {
        WssTestPeer peer = agent.connect();
        peer.send(new Message.Hello(List.of(1), agent.token, List.of(Encoding.JSON), "ok"));
        assertEquals(1, peer.expect(Message.Welcome.class).version());
    }

    @Test
    void anythingBeforeHelloIsRefusedAndClosed() throws Exception {
        WssTestPeer peer = agent.connect();
        peer.send(new Message.Subscribe(List.of(Channel.PACKETS), null, null));
        assertFatal(peer, "not-authenticated");
    }

    @Test
    void silenceAfterConnectingEndsWithHelloTimeout() throws Exception {
        WssTestPeer peer = agent.connect();
        assertFatal(peer, "hello-timeout");
    }

    @Test
    void unsupportedVersionIsFatal() throws Exception {
        WssTestPeer peer = agent.connect();
        peer.send(new Message.Hello(List.of(2, 3), agent.token, List.of(Encoding.JSON), null));
        assertFatal(peer, "unsupported-version");
    }

    @Test
    void noKnownEncodingIsFatal() throws Exception {
        WssTestPeer peer = agent.connect();
        peer.send("{\"type\":\"hello\",\"versions\":[1],\"token\":\"" + agent.token + "\",\"encodings\":[\"cbor\"]}");
        assertFatal(peer, "unsupported-encoding");
    }

    @Test
    void tlsBelow13IsRefusedAtTheHandshake() {
        assertThrows(Exception.class,
                () -> WssTestPeer.connect(agent.server.uri(), agent.server.certificate(), "TLSv1.2").close());
    }

    @Test
    void aCertificateOtherThanTheAgentsIsNotTrusted(@TempDir Path other) throws Exception {
        AgentKeystore stranger = AgentKeystore.loadOrCreate(other, List.of());
        assertThrows(Exception.class, () -> WssTestPeer.connect(agent.server.uri(), stranger.certificate()).close());
    }

    @Test
    void secretsAreOwnerOnlyAndTheFingerprintIsTheSha256OfTheDerCertificate() throws Exception {
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertEquals(ownerOnly, Files.getPosixFilePermissions(agent.server.tokenFile()));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(state.resolve(AgentKeystore.KEYSTORE_FILE)));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(state.resolve(AgentKeystore.PASSWORD_FILE)));
        assertEquals(43, agent.token.length(), "256 bits in base64url without padding");
        assertTrue(agent.token.matches("[A-Za-z0-9_-]+"));

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(agent.server.certificate().getEncoded());
        assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), agent.server.fingerprint());
    }

    @Test
    void aRestartKeepsCertificateAndTokenAndANewStateDirectoryMakesNewOnes(@TempDir Path other) throws Exception {
        String fingerprint = agent.server.fingerprint();
        agent.server.stop();
        AgentServer again = new AgentServer(agent.server.config(), agent.stream);
        again.start();
        try {
            assertEquals(fingerprint, again.fingerprint());
            assertEquals(agent.token, Files.readString(again.tokenFile()).strip());
        } finally {
            again.stop();
        }
        AgentServer fresh = new AgentServer(ServerConfig.builder(other).port(0).build(), agent.stream);
        fresh.start();
        try {
            assertNotEquals(fingerprint, fresh.fingerprint());
            assertNotEquals(agent.token, Files.readString(fresh.tokenFile()).strip());
        } finally {
            fresh.stop();
        }
    }

    @Test
    void theTokenNeverAppearsInTheLog() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            WssTestPeer wrong = agent.connect();
            wrong.send(new Message.Hello(List.of(1), agent.token.substring(1), List.of(Encoding.JSON), null));
            assertFatal(wrong, "unauthorized");
            WssTestPeer right = agent.connect();
            right.send(new Message.Hello(List.of(1), agent.token, List.of(Encoding.JSON), "logged"));
            right.expect(Message.Welcome.class);
            right.close();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("wrong token"), "the failure is logged: " + log);
        assertFalse(log.contains(agent.token.substring(1)), "no token in " + log);
    }

    @Test
    void aTokenFileOthersCanReadIsReportedAtStart(@TempDir Path other) throws Exception {
        Files.writeString(other.resolve("token"), "a-token-chosen-by-the-operator\n");
        Files.setPosixFilePermissions(other.resolve("token"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        AgentServer server = new AgentServer(ServerConfig.builder(other).port(0).build(), agent.stream);
        try {
            server.start();
        } finally {
            server.stop();
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("chmod 600 " + other.resolve("token")), log);
        assertFalse(log.contains("a-token-chosen-by-the-operator"), log);
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAtTheUpgrade(@TempDir Path other) throws Exception {
        try (ServerFixture small = new ServerFixture(other, 100, b -> b.maxConnections(2))) {
            WssTestPeer first = small.authenticated(Encoding.JSON);
            small.connect();
            assertThrows(Exception.class, small::connect, "a third connection is refused");
            first.send(new Message.Ping(9));
            assertEquals(9, first.expect(Message.Pong.class).id(), "those connected are still served");
        }
    }

    @Test
    void aClientThatWritesButNeverReadsIsDisconnected(@TempDir Path other) throws Exception {
        try (ServerFixture busy = new ServerFixture(other, 1_000_000,
                b -> b.maxQueuedReplies(100).controlRate(100_000, 100_000).maxClientLag(1_000_000))) {
            WssTestPeer deaf = busy.subscribed(false, Encoding.BINARY, null, null, Channel.PACKETS);
            deaf.stopReading();
            busy.publish(400_000); // far more than the socket buffers hold: its sender waits for the client
            for (int i = 0; i < 1_000; i++) {
                deaf.send(new Message.Ping(i));
            }
            long deadline = System.nanoTime() + WssTestPeer.TIMEOUT.toNanos();
            while (busy.server.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, busy.server.connectionCount(), "the client that does not read was disconnected");
            WssTestPeer next = busy.authenticated(Encoding.JSON);
            next.send(new Message.Ping(1));
            assertEquals(1, next.expect(Message.Pong.class).id(), "others are served");
        }
    }

    @Test
    void stoppingTheAgentClosesClientsWithGoingAway() throws Exception {
        WssTestPeer peer = agent.subscribed(Encoding.BINARY, null, null, Channel.PACKETS);
        agent.server.stop();
        assertEquals(1001, peer.awaitClose().status());
        assertEquals(0, agent.server.connectionCount());
    }

    static void assertFatal(WssTestPeer peer, String code) throws Exception {
        Message.Error error = peer.expect(Message.Error.class);
        assertEquals(code, error.code(), error.message());
        assertTrue(error.fatal());
        assertEquals(1008, peer.awaitClose().status());
    }
}
