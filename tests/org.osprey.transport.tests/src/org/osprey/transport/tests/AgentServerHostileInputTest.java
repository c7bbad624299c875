package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;

/**
 * Malformed, oversized and flooding clients: each gets its error (and a close where it must), while a well-behaved
 * client connected to the same agent keeps receiving every packet.
 */
class AgentServerHostileInputTest {

    @TempDir
    static Path state;
    private static ServerFixture agent;
    private WssTestPeer bystander;
    private long bystanderFrom;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new ServerFixture(state, 100_000);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        agent.close();
    }

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = agent.subscribed(Encoding.BINARY, null, null, Channel.PACKETS);
        bystanderFrom = agent.stream.nextSequence();
    }

    @AfterEach
    void bystanderIsStillServed() throws Exception {
        agent.publish(100);
        int expected = (int) (agent.stream.nextSequence() - bystanderFrom);
        List<PacketRecord> records = AgentServerStreamingTest.receive(bystander, expected);
        assertEquals(bystanderFrom, records.get(0).sequence(), "every packet published during the test");
        bystander.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "not json                  | ~hello there~                                   | bad-message",
            "json array                | ~[1,2,3]~                                        | bad-message",
            "truncated                 | ~{\"type\":\"ping\",\"id\":~                     | bad-message",
            "missing field             | ~{\"type\":\"ping\"}~                            | bad-message",
            "wrong field type          | ~{\"type\":\"ping\",\"id\":\"x\"}~               | bad-message",
            "unknown type              | ~{\"type\":\"selfDestruct\"}~                    | unknown-type",
            "agent's message           | ~{\"type\":\"pong\",\"id\":1}~                   | bad-message",
            "unknown channel           | ~{\"type\":\"subscribe\",\"channels\":[\"tv\"]}~ | bad-message",
            "negative resume           | ~{\"type\":\"subscribe\",\"channels\":[],\"resumeFrom\":-5}~ | bad-message",
            "second hello              | ~{\"type\":\"hello\",\"versions\":[1],\"token\":\"x\"}~ | bad-message" })
    void badMessagesAfterHelloGetAnErrorAndTheConnectionStays(String name, String text, String code) throws Exception {
        WssTestPeer peer = agent.authenticated(Encoding.JSON);
        peer.send(text);
        Message.Error error = peer.expect(Message.Error.class);
        assertEquals(code, error.code(), error.message());
        assertFalse(error.fatal());
        peer.send(new Message.Ping(42));
        assertEquals(42, peer.expect(Message.Pong.class).id());
        peer.close();
    }

    @Test
    void badMessageBeforeHelloIsFatal() throws Exception {
        WssTestPeer peer = agent.connect();
        peer.send("{{{{");
        AgentServerSecurityTest.assertFatal(peer, "bad-message");
    }

    @Test
    void badFilterIsReportedWithItsPositionAndTheOldFilterStays() throws Exception {
        WssTestPeer peer = agent.subscribed(Encoding.JSON, "udp.srcport == 1001", null, Channel.PACKETS);
        peer.send(new Message.SetFilter("udp.srcport == 1000 && tcp.prot == 80"));
        Message.Error error = peer.expect(Message.Error.class);
        assertEquals("bad-filter", error.code());
        assertEquals(23, error.position(), error.message());
        assertFalse(error.fatal());
        long next = agent.stream.nextSequence();
        agent.publish(20);
        List<PacketRecord> records = AgentServerStreamingTest.receive(peer, 10);
        assertTrue(records.stream().allMatch(r -> r.sequence() % 2 == 1), "the previous filter is still in force");
        assertTrue(records.get(0).sequence() >= next);

        peer.send(new Message.Subscribe(List.of(Channel.PACKETS), "((", null));
        Message.Error subscribeError = peer.expect(Message.Error.class);
        assertEquals("bad-filter", subscribeError.code());
        peer.close();
    }

    @Test
    void anOversizedMessageClosesOnlyThatConnection() throws Exception {
        WssTestPeer peer = agent.authenticated(Encoding.JSON);
        peer.send("{\"type\":\"ping\",\"id\":1,\"pad\":\"" + "x".repeat(Message.MAX_CLIENT_MESSAGE_BYTES) + "\"}");
        assertEquals(1009, peer.awaitClose().status());
    }

    @Test
    void aFloodOfControlMessagesIsRateLimitedThenClosed() throws Exception {
        WssTestPeer peer = agent.authenticated(Encoding.JSON);
        // 150 at once (the burst of 50 and then refusals), then one at a time until the agent gives up: so that the
        // agent has read everything when it closes (unread data would make the kernel reset the connection)
        int answered = 0;
        int pongs = 0;
        int limited = 0;
        for (int i = 0; i < 150; i++) {
            peer.send(new Message.Ping(i));
        }
        boolean fatal = false;
        while (!fatal) {
            if (answered >= 150) {
                peer.send(new Message.Ping(answered));
            }
            Object next = peer.next(WssTestPeer.TIMEOUT);
            answered++;
            if (next instanceof Message.Pong) {
                pongs++;
            } else if (next instanceof Message.Error error) {
                assertEquals("rate-limited", error.code());
                limited++;
                fatal = error.fatal();
            } else {
                throw new AssertionError("after " + pongs + " pongs and " + limited + " refusals: " + next);
            }
        }
        assertTrue(pongs >= 50 && pongs < 150, pongs + " pongs: the burst is served, the flood is not");
        assertEquals(100, limited, "closed at the 100th refusal");
        assertEquals(1008, peer.awaitClose().status());
    }
}
