package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.transport.protocol.BinaryCodec;
import org.osprey.transport.protocol.BinaryPacketBatch;
import org.osprey.transport.protocol.ErrorCode;
import org.osprey.transport.protocol.PacketRecord;
import org.osprey.transport.protocol.ProtocolException;

class BinaryCodecTest {

    @Test
    void batchWrittenByTheAgentDecodesToTheSamePackets() throws ProtocolException {
        BinaryPacketBatch batch = new BinaryPacketBatch(100);
        List<PacketSummary> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            PacketSummary packet = TestPackets.udp(1000 + i, 53, i, 1_700_000_000_000_000_000L + i);
            packet.setSequence(40 + 2 * i);
            sent.add(packet);
            assertTrue(batch.add(packet));
        }
        List<PacketRecord> received = decode(batch.finish());
        assertEquals(10, received.size());
        for (int i = 0; i < 10; i++) {
            PacketSummary expected = sent.get(i);
            PacketRecord record = received.get(i);
            assertEquals(expected.sequence(), record.sequence());
            assertEquals(expected.timestampNanos(), record.timestampNanos());
            assertEquals(expected.wireLength(), record.wireLength());
            assertEquals(expected.linkType(), record.linkType());
            assertArrayEquals(expected.frame(), record.frame());
        }
    }

    @Test
    void batchStopsAtItsRecordLimitAndStartsAgainAfterReset() throws ProtocolException {
        BinaryPacketBatch batch = new BinaryPacketBatch(3);
        for (int i = 0; i < 3; i++) {
            PacketSummary packet = TestPackets.udp(1, 2, i, i);
            packet.setSequence(i);
            assertTrue(batch.add(packet));
        }
        PacketSummary fourth = TestPackets.udp(1, 2, 3, 3);
        fourth.setSequence(3);
        assertEquals(false, batch.add(fourth));
        assertEquals(3, decode(batch.finish()).size());
        batch.reset();
        assertTrue(batch.add(fourth));
        List<PacketRecord> second = decode(batch.finish());
        assertEquals(1, second.size());
        assertEquals(3, second.get(0).sequence());
    }

    @Test
    void batchGrowsForLargeFramesAndStopsAtItsSize() throws ProtocolException {
        BinaryPacketBatch batch = new BinaryPacketBatch(1024);
        List<byte[]> frames = new ArrayList<>();
        int added = 0;
        for (int i = 0; i < 5; i++) {
            byte[] frame = new byte[200_000];
            new Random(i).nextBytes(frame);
            PacketSummary packet = PacketSummary.ofFrame(frame, frame.length, frame.length, 1, 0, i);
            packet.setSequence(i);
            if (!batch.add(packet)) {
                break;
            }
            frames.add(frame);
            added++;
        }
        assertEquals(2, added, "two 200 kB frames fit under the 512 KiB batch size, a third does not");
        List<PacketRecord> decoded = decode(batch.finish());
        assertEquals(2, decoded.size());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(frames.get(i), decoded.get(i).frame());
        }
    }

    @Test
    void encodeOfRecordsRoundTrips() throws ProtocolException {
        List<PacketRecord> records = List.of(new PacketRecord(5, 10, 60, 1, new byte[] { 1, 2, 3 }),
                new PacketRecord(9, 11, 0, 228, new byte[0]));
        List<PacketRecord> decoded = decode(BinaryCodec.encode(records));
        assertEquals(2, decoded.size());
        assertEquals(228, decoded.get(1).linkType());
        assertArrayEquals(new byte[] { 1, 2, 3 }, decoded.get(0).frame());
    }

    @Test
    void malformedBatchesAreRejectedBeforeAnyPacketIsHandedOut() {
        ByteBuffer good = BinaryCodec.encode(List.of(new PacketRecord(1, 1, 3, 1, new byte[] { 1, 2, 3 }),
                new PacketRecord(2, 1, 3, 1, new byte[] { 4, 5, 6 })));
        assertRejected(ByteBuffer.allocate(5), "shorter than");
        assertRejected(withInt(good, 0, 0x12345678), "magic");
        assertRejected(withInt(good, 8, 3), "claims 3 records");
        assertRejected(withInt(good, 8, -1), "claims");
        assertRejected(withInt(good, 12 + 20, 1 << 20), "out of range");
        assertRejected(withInt(good, 12 + 20, 100), "runs past the end");
        assertRejected(withInt(good, 12 + 20, -5), "out of range");
        assertRejected(withLong(good, 12 + 31, 1), "does not increase");
        ByteBuffer trailing = ByteBuffer.allocate(good.remaining() + 2).put(good.duplicate()).clear();
        assertRejected(trailing, "after its last record");
        ByteBuffer otherVersion = copy(good);
        otherVersion.put(4, (byte) 2);
        ProtocolException e = assertThrows(ProtocolException.class, () -> BinaryCodec.decode(otherVersion, fail()));
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, e.code());
    }

    /** Seeded random mutations of a valid batch: each decode ends in packets or a ProtocolException, nothing else. */
    @Test
    void randomlyCorruptedBatchesNeverThrowAnythingElse() {
        List<PacketRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(new PacketRecord(i * 3L, i, 42, 1, TestPackets.udpFrame(i, i + 1, i)));
        }
        ByteBuffer good = BinaryCodec.encode(records);
        Random random = new Random(20261201);
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            ByteBuffer mutated = copy(good);
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated.put(random.nextInt(mutated.limit()), (byte) random.nextInt(256));
            }
            if (random.nextInt(4) == 0) {
                mutated.limit(random.nextInt(mutated.limit() + 1));
            }
            try {
                BinaryCodec.decode(mutated, (s, t, w, l, frame) -> {
                });
            } catch (ProtocolException e) {
                rejected++;
            }
        }
        assertTrue(rejected > 1000, "most mutations break the structure, " + rejected + " were rejected");
    }

    private static void assertRejected(ByteBuffer batch, String messagePart) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> BinaryCodec.decode(batch, fail()));
        assertEquals(ErrorCode.BAD_MESSAGE, e.code());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static org.osprey.transport.protocol.PacketRecordHandler fail() {
        return (s, t, w, l, frame) -> {
            throw new AssertionError("a packet was handed out from a bad batch");
        };
    }

    private static List<PacketRecord> decode(ByteBuffer batch) throws ProtocolException {
        List<PacketRecord> records = new ArrayList<>();
        BinaryCodec.decode(batch, (seq, ts, wire, link, frame) -> records.add(new PacketRecord(seq, ts, wire, link, frame)));
        return records;
    }

    private static ByteBuffer copy(ByteBuffer buffer) {
        return ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate()).flip();
    }

    private static ByteBuffer withInt(ByteBuffer buffer, int at, int value) {
        ByteBuffer copy = copy(buffer);
        copy.putInt(at, value);
        return copy;
    }

    private static ByteBuffer withLong(ByteBuffer buffer, int at, long value) {
        ByteBuffer copy = copy(buffer);
        copy.putLong(at, value);
        return copy;
    }
}
