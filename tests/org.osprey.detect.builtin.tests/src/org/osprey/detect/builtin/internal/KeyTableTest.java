package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KeyTableTest {

    @Test
    void behavesLikeAMapUnderRandomAddsAndRemoves() {
        KeyTable table = new KeyTable(1000);
        Map<Long, Integer> expected = new HashMap<>(); // key -> entry number
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            long key = random.nextInt(2000); // collisions and reuse of slots are frequent
            if (random.nextInt(3) == 0) {
                Integer entry = expected.remove(key);
                if (entry != null) {
                    table.remove(entry);
                }
            } else if (random.nextInt(50) == 0) {
                table.removeTouchedBefore(step - 300); // expiry mixed in: keep the map in step with it
                expected.values().removeIf(entry -> !table.inUse(entry));
            } else if (expected.size() < 1000 || expected.containsKey(key)) {
                int entry = table.findOrAdd(key, ~key, step);
                assertEquals(!expected.containsKey(key), table.added());
                Integer before = expected.put(key, entry);
                if (before != null) {
                    assertEquals(before, entry, "an entry keeps its number");
                }
            }
            if (step % 1000 == 0) {
                for (long k = 0; k < 2000; k++) {
                    assertEquals(expected.getOrDefault(k, -1), table.find(k, ~k), "key " + k);
                }
                assertEquals(expected.size(), table.size());
            }
        }
    }

    @Test
    void aFullTableEvictsWhatWasTouchedLongestAgo() {
        KeyTable table = new KeyTable(64);
        for (long key = 0; key < 64; key++) {
            table.findOrAdd(key, 0, key); // key k touched at time k
        }
        table.findOrAdd(7, 0, 100); // an old key touched again
        table.findOrAdd(1000, 0, 101); // full: makes room

        assertTrue(table.find(1000, 0) >= 0);
        assertEquals(-1, table.find(0, 0), "the oldest evicted");
        assertEquals(1, table.evicted(), "one entry evicted for one added");
        for (long key = 1; key < 64; key++) {
            assertTrue(table.find(key, 0) >= 0, "key " + key + " kept");
        }
        assertEquals(64, table.size());

        table.findOrAdd(1001, 0, 102); // full again: key 1 is now the oldest, key 7 (touched at 100) is not
        assertEquals(-1, table.find(1, 0));
        assertTrue(table.find(7, 0) >= 0, "touched lately, kept");
    }

    @Test
    void expiryFollowsTouchOrderAndCostsOnlyWhatItRemoves() {
        KeyTable table = new KeyTable(1024);
        for (long key = 0; key < 1000; key++) {
            table.findOrAdd(key, 0, key);
        }
        table.touch(table.find(10, 0), 2000); // touched again: now the most recent
        table.findOrAdd(20, 0, 2001);

        assertEquals(0, table.removeTouchedBefore(0));
        assertEquals(500 - 2, table.removeTouchedBefore(500), "keys 0..499 but the two touched again");
        assertTrue(table.find(10, 0) >= 0);
        assertTrue(table.find(20, 0) >= 0);
        assertEquals(-1, table.find(499, 0));
        assertTrue(table.find(500, 0) >= 0);
        assertEquals(500, table.removeTouchedBefore(1500));
        assertEquals(2, table.size());
        table.clear();
        assertEquals(0, table.removeTouchedBefore(Long.MAX_VALUE));
        table.findOrAdd(5, 5, 1);
        assertEquals(1, table.removeTouchedBefore(2), "the touch order starts afresh after clear");
    }

    @Test
    void expiredEntriesAreRemovedAndTheirNumbersReused() {
        KeyTable table = new KeyTable(16);
        int old = table.findOrAdd(1, 1, 10);
        table.findOrAdd(2, 2, 50);

        assertEquals(1, table.removeTouchedBefore(20));
        assertEquals(-1, table.find(1, 1));
        assertFalse(table.inUse(old));
        assertTrue(table.find(2, 2) >= 0);
        assertEquals(old, table.findOrAdd(3, 3, 60), "the freed number is handed out again");
        assertTrue(table.added());
    }

    @Test
    void ip4NetworksAreNamedAsAnAnalystWould() {
        assertEquals("10.0.0.0/24", HostIds.ip4Network(0x0a000001, 0x0a00001e, 24), "narrower than /24: the /24");
        assertEquals("10.0.0.0/23", HostIds.ip4Network(0x0a000001, 0x0a0001fe, 24));
        assertEquals("0.0.0.0/0", HostIds.ip4Network(0x01000000, 0xc0000000, 24));
    }

    @Test
    void ipv6HostIdsNeverEqualIpv4OnesAndLeaveTheFreeBit() {
        long id = HostIds.ip6(0x2001_0db8_0000_0000L, 1);
        assertFalse(HostIds.isIp4(id));
        assertEquals(0, id & HostIds.FREE_BIT);
        assertTrue(HostIds.isIp4(HostIds.ip4(-1)));
    }
}
