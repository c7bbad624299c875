package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;

/** The table's own row index: appending, evicting from the front as the ring does, finding a packet's row. */
class PacketRowsTest {

    @Test
    void evictsFromTheFrontAndKeepsFindingRowsBySequenceThroughGrowthAndCompaction() {
        PacketRows rows = new PacketRows();
        long nextSequence = 100;
        PacketSummary[] batch = new PacketSummary[3000];
        // a ring of 5000: append 3000 per round, evict what the ring would have overwritten
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = packet(nextSequence++);
            }
            rows.addAll(batch, batch.length);
            long oldestHeld = Math.max(100, nextSequence - 5000);
            int evicted = rows.evictBefore(oldestHeld);
            assertEquals(Math.min(5000, nextSequence - 100), rows.size(), "round " + round);
            assertEquals(oldestHeld, rows.get(0).sequence(), "round " + round);
            assertEquals(nextSequence - 1, rows.get(rows.size() - 1).sequence(), "round " + round);
            if (round > 1) {
                assertEquals(3000, evicted, "round " + round);
            }
        }
        assertEquals(1234, rows.rowOf(rows.get(1234).sequence()));
        assertEquals(-1, rows.rowOf(99), "a sequence never held");
        assertEquals(-1, rows.rowOf(rows.get(0).sequence() - 1), "an evicted sequence");
        assertEquals(-1, rows.rowOf(nextSequence), "a sequence not yet held");
    }

    @Test
    void evictingPastTheLastRowEmptiesTheIndexAsAClearedStreamDoes() {
        PacketRows rows = new PacketRows();
        PacketSummary first = packet(7);
        rows.addAll(new PacketSummary[] { first, packet(8) }, 2);
        assertSame(first, rows.get(0));
        assertEquals(2, rows.evictBefore(1_000));
        assertEquals(0, rows.size());
        rows.addAll(new PacketSummary[] { packet(1_000) }, 1);
        assertEquals(0, rows.rowOf(1_000));
    }

    private static PacketSummary packet(long sequence) {
        PacketSummary packet = PacketSummary.ofFrame(new byte[14], 14, 14, 1, 0, sequence * 1_000);
        packet.setSequence(sequence);
        return packet;
    }
}
