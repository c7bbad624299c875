package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.CaptureCounters;
import org.osprey.transport.server.ServerConfig;

/**
 * A real agent server on an ephemeral loopback port, serving a real packet stream; the test thread is the stream's
 * only publisher.
 */
final class ServerFixture implements AutoCloseable {

    final PacketStreamImpl stream;
    final AgentServer server;
    final String token;
    private final List<WssTestPeer> peers = new ArrayList<>();
    private long nextId;

    ServerFixture(Path stateDirectory, int ringCapacity) throws Exception {
        this(stateDirectory, ringCapacity, UnaryOperator.identity());
    }

    ServerFixture(Path stateDirectory, int ringCapacity, UnaryOperator<ServerConfig.Builder> settings) throws Exception {
        this(stateDirectory, ringCapacity, settings, CaptureCounters.NONE);
    }

    ServerFixture(Path stateDirectory, int ringCapacity, UnaryOperator<ServerConfig.Builder> settings,
            CaptureCounters captureCounters) throws Exception {
        stream = new PacketStreamImpl(ringCapacity);
        server = new AgentServer(settings.apply(ServerConfig.builder(stateDirectory).port(0)).build(), stream,
                captureCounters);
        server.start();
        token = AccessToken.read(server.tokenFile());
    }

    /** A connected peer that has not said anything yet. */
    WssTestPeer connect() throws Exception {
        return connect(true);
    }

    /** @param alwaysReading false for a peer that can stop reading */
    WssTestPeer connect(boolean alwaysReading) throws Exception {
        WssTestPeer peer = WssTestPeer.connect(alwaysReading, server.uri(), server.certificate());
        peers.add(peer);
        return peer;
    }

    /** A peer past hello/welcome with the given encoding. */
    WssTestPeer authenticated(Encoding encoding) throws Exception {
        return authenticated(encoding, true);
    }

    WssTestPeer authenticated(Encoding encoding, boolean alwaysReading) throws Exception {
        WssTestPeer peer = connect(alwaysReading);
        peer.send(new Message.Hello(List.of(1), token, List.of(encoding), "server-test"));
        Message.Welcome welcome = peer.expect(Message.Welcome.class);
        assertEquals(encoding, welcome.encoding());
        return peer;
    }

    /** A peer subscribed to packets (and stats when asked) from now on, with an optional filter. */
    WssTestPeer subscribed(Encoding encoding, String filter, Long resumeFrom, Channel... channels) throws Exception {
        return subscribed(true, encoding, filter, resumeFrom, channels);
    }

    WssTestPeer subscribed(boolean alwaysReading, Encoding encoding, String filter, Long resumeFrom, Channel... channels)
            throws Exception {
        WssTestPeer peer = authenticated(encoding, alwaysReading);
        peer.send(new Message.Subscribe(List.of(channels), filter, resumeFrom));
        // a ping round trip proves the subscribe was applied before the test publishes
        peer.send(new Message.Ping(-1));
        peer.expect(Message.Pong.class, Message.Stats.class);
        return peer;
    }

    /**
     * Publishes {@code count} UDP packets; packet {@code i} of the whole test goes from port 1000 + (i % 2) to 53 and
     * carries i in its payload.
     */
    void publish(int count) {
        for (int i = 0; i < count; i++) {
            long id = nextId++;
            stream.publish(TestPackets.udp(1000 + (int) (id % 2), 53, id, 1_700_000_000_000_000_000L + id));
        }
    }

    @Override
    public void close() throws Exception {
        for (WssTestPeer peer : peers) {
            peer.close();
        }
        server.stop();
    }
}
