package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;
import org.osprey.transport.server.CaptureCounters;

/** Packets from the agent's stream to subscribed clients over real TLS on loopback. */
class AgentServerStreamingTest {

    @TempDir
    Path state;
    private ServerFixture agent;

    @BeforeEach
    void start() throws Exception {
        agent = new ServerFixture(state, 100_000);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void everyPacketArrivesIntactInOrderWithItsSequence(Encoding encoding) throws Exception {
        WssTestPeer peer = agent.subscribed(encoding, null, null, Channel.PACKETS);
        agent.publish(5_000);
        List<PacketRecord> received = receive(peer, 5_000);
        for (int i = 0; i < received.size(); i++) {
            PacketRecord record = received.get(i);
            assertEquals(i, record.sequence());
            assertEquals(1_700_000_000_000_000_000L + i, record.timestampNanos());
            assertEquals(1, record.linkType());
            assertArrayEquals(TestPackets.udpFrame(1000 + i % 2, 53, i), record.frame());
            assertEquals(record.frame().length, record.wireLength());
        }
    }

    @Test
    void welcomeDescribesTheStreamAndBinaryIsPreferredWhenOfferedFirst() throws Exception {
        agent.publish(10);
        WssTestPeer peer = agent.connect();
        peer.send(new Message.Hello(List.of(1, 7), agent.token, List.of(Encoding.BINARY, Encoding.JSON), "t"));
        Message.Welcome welcome = peer.expect(Message.Welcome.class);
        assertEquals(1, welcome.version());
        assertEquals(Encoding.BINARY, welcome.encoding());
        assertEquals(0, welcome.oldestSeq());
        assertEquals(10, welcome.nextSeq());
        assertEquals(agent.server.config().streamId(), welcome.streamId());
        assertTrue(welcome.capabilities().containsAll(List.of("filter", "resume", "binary")));
    }

    @Test
    void subscribeFilterAndSetFilterNarrowTheStreamLive() throws Exception {
        WssTestPeer peer = agent.subscribed(Encoding.JSON, "udp.srcport == 1000", null, Channel.PACKETS);
        agent.publish(100); // ids 0..99: even ids come from port 1000
        List<PacketRecord> even = receive(peer, 50);
        assertTrue(even.stream().allMatch(r -> r.sequence() % 2 == 0), "only packets from port 1000");

        peer.send(new Message.SetFilter("udp.srcport == 1001"));
        peer.send(new Message.Ping(1));
        peer.expect(Message.Pong.class);
        agent.publish(100); // ids 100..199
        List<PacketRecord> odd = receive(peer, 50);
        assertEquals(101, odd.get(0).sequence());
        assertTrue(odd.stream().allMatch(r -> r.sequence() % 2 == 1), "only packets from port 1001 after setFilter");

        peer.send(new Message.SetFilter(""));
        peer.send(new Message.Ping(2));
        peer.expect(Message.Pong.class);
        agent.publish(10);
        List<PacketRecord> all = receive(peer, 10);
        assertEquals(200, all.get(0).sequence());
        assertEquals(209, all.get(9).sequence());
    }

    @Test
    void statsArriveWhenSubscribedAndCountThePackets() throws Exception {
        WssTestPeer peer = agent.subscribed(Encoding.JSON, null, null, Channel.STATS);
        agent.publish(1234);
        Message.Stats stats;
        do {
            stats = peer.expect(Message.Stats.class);
        } while (stats.packets() < 1234);
        assertEquals(1234, stats.packets());
        assertEquals(0, stats.drops().client());
        assertEquals(0, stats.drops().ring());
    }

    @Test
    void statsCarryTheCaptureSideDrops(@TempDir Path other) throws Exception {
        CaptureCounters capture = new CaptureCounters() {
            @Override
            public long kernelDrops() {
                return 17;
            }

            @Override
            public long agentQueueDrops() {
                return 4;
            }
        };
        try (ServerFixture counted = new ServerFixture(other, 100, b -> b, capture)) {
            WssTestPeer peer = counted.subscribed(Encoding.JSON, null, null, Channel.STATS);
            Message.Stats stats = peer.expect(Message.Stats.class);
            assertEquals(new Message.Drops(17, 4, 0, 0), stats.drops());
        }
    }

    @Test
    void clientsAreServedIndependently() throws Exception {
        WssTestPeer json = agent.subscribed(Encoding.JSON, null, null, Channel.PACKETS);
        WssTestPeer binary = agent.subscribed(Encoding.BINARY, "udp.srcport == 1001", null, Channel.PACKETS);
        agent.publish(2_000);
        assertEquals(2_000, receive(json, 2_000).size());
        List<PacketRecord> odd = receive(binary, 1_000);
        assertEquals(1_999, odd.get(odd.size() - 1).sequence());
    }

    @Test
    void binaryFramesFromAClientAreRefusedWithoutClosing() throws Exception {
        WssTestPeer peer = agent.authenticated(Encoding.BINARY);
        peer.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
        Message.Error error = peer.expect(Message.Error.class);
        assertEquals("bad-message", error.code());
        assertEquals(false, error.fatal());
        peer.send(new Message.Ping(3));
        assertEquals(3, peer.expect(Message.Pong.class).id());
    }

    /** Receives exactly {@code count} packets (fails on gaps, errors or a timeout), checking increasing seqs. */
    static List<PacketRecord> receive(WssTestPeer peer, int count) throws InterruptedException {
        List<PacketRecord> records = new ArrayList<>(count);
        long last = -1;
        while (records.size() < count) {
            Message.Packets batch = peer.expect(Message.Packets.class, Message.Stats.class);
            assertEquals(batch.first(), batch.records().get(0).sequence());
            for (PacketRecord record : batch.records()) {
                assertTrue(record.sequence() > last, "seq " + record.sequence() + " after " + last);
                last = record.sequence();
                records.add(record);
            }
        }
        assertEquals(count, records.size(), "no more packets than published");
        return records;
    }
}
