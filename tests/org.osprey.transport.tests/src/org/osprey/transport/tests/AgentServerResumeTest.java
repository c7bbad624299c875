package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.GapReason;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;

/** Resuming from a sequence number, eviction gaps, and a slow client that loses only its own packets. */
class AgentServerResumeTest {

    @TempDir
    Path state;
    private ServerFixture agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aReconnectingClientGetsEverythingItMissedWhileTheRingHoldsIt() throws Exception {
        agent = new ServerFixture(state, 10_000);
        WssTestPeer first = agent.subscribed(Encoding.BINARY, null, null, Channel.PACKETS);
        agent.publish(500);
        List<PacketRecord> before = AgentServerStreamingTest.receive(first, 500);
        long last = before.get(before.size() - 1).sequence();
        first.close();

        agent.publish(700); // published while nobody is connected

        WssTestPeer again = agent.subscribed(Encoding.BINARY, null, last + 1, Channel.PACKETS);
        agent.publish(300);
        List<PacketRecord> after = AgentServerStreamingTest.receive(again, 1_000);
        for (int i = 0; i < after.size(); i++) {
            assertEquals(500 + i, after.get(i).sequence(), "no sequence number missing after resume");
        }
    }

    @Test
    void resumingFromBeforeTheRingGetsAnEvictedGapThenTheRest() throws Exception {
        agent = new ServerFixture(state, 1_000);
        agent.publish(3_000); // the ring holds 2000..2999
        WssTestPeer peer = agent.authenticated(Encoding.JSON);
        peer.send(new Message.Subscribe(List.of(Channel.PACKETS, Channel.STATS), null, 1_500L));
        Message.Gap gap = peer.expect(Message.Gap.class, Message.Stats.class);
        assertEquals(new Message.Gap(1_500, 2_000, GapReason.EVICTED), gap);
        List<PacketRecord> rest = AgentServerStreamingTest.receive(peer, 1_000);
        assertEquals(2_000, rest.get(0).sequence());
        assertEquals(2_999, rest.get(999).sequence());
        Message.Stats stats;
        do {
            stats = peer.expect(Message.Stats.class);
        } while (stats.drops().client() == 0);
        assertEquals(500, stats.drops().client(), "the gap counts as this client's loss");
        assertEquals(2_000, stats.drops().ring());
    }

    @Test
    void resumingFromTheFutureStartsAtTheNextPacket() throws Exception {
        agent = new ServerFixture(state, 1_000);
        agent.publish(10);
        WssTestPeer peer = agent.subscribed(Encoding.JSON, null, 1_000_000L, Channel.PACKETS);
        agent.publish(5);
        assertEquals(10, AgentServerStreamingTest.receive(peer, 5).get(0).sequence());
    }

    @Test
    void aSlowClientLosesOnlyItsOwnPacketsAndIsToldHowMany() throws Exception {
        int total = 400_000;
        agent = new ServerFixture(state, 1_000_000, b -> b.maxClientLag(20_000));
        WssTestPeer fast = agent.subscribed(Encoding.BINARY, null, null, Channel.PACKETS);
        WssTestPeer slow = agent.subscribed(false, Encoding.BINARY, null, null, Channel.PACKETS, Channel.STATS);
        slow.stopReading();

        // the fast client reads each chunk while the slow one reads nothing at all
        int chunk = 10_000;
        for (int published = 0; published < total; published += chunk) {
            agent.publish(chunk);
            List<PacketRecord> got = AgentServerStreamingTest.receive(fast, chunk);
            assertEquals(published, got.get(0).sequence(), "the fast client gets every packet");
        }

        slow.startReading();
        long received = 0;
        long gapped = 0;
        long expected = 0;
        while (expected < total) {
            Object next = slow.next(WssTestPeer.TIMEOUT);
            if (next == null) {
                throw new AssertionError("slow client stalled at " + expected);
            }
            if (next instanceof Message.Gap gap) {
                assertEquals(expected, gap.from(), "a gap starts where the packets stopped");
                assertEquals(GapReason.SLOW_CLIENT, gap.reason());
                gapped += gap.count();
                expected = gap.to();
            } else if (next instanceof Message.Packets packets) {
                for (PacketRecord record : packets.records()) {
                    assertEquals(expected, record.sequence(), "every missing packet is inside a gap");
                    expected++;
                    received++;
                }
            }
        }
        assertTrue(gapped > 0, "the slow client was skipped ahead");
        assertEquals(total, received + gapped);
        Message.Stats stats;
        do {
            stats = slow.expect(Message.Stats.class, Message.Packets.class);
        } while (stats.drops().client() < gapped);
        assertEquals(gapped, stats.drops().client());
    }
}
