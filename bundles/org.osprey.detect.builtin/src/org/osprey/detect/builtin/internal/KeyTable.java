package org.osprey.detect.builtin.internal;

import java.util.Arrays;

/**
 * A bounded hash table from a key of two {@code long}s to a stable entry number, for detectors that keep per-host or
 * per-probe state in parallel primitive arrays indexed by that number: no object per entry and nothing allocated per
 * packet (open addressing, linear probing, deletion by backward shift).
 * <p>
 * Every entry remembers when it was last touched, in packet time, and the entries are kept in the order they were
 * touched (a list threaded through two index arrays). So the owner's {@link #removeTouchedBefore}, called as packet
 * time advances, costs what it removes rather than a pass over the table, and a table that is full makes room by
 * itself by evicting the entry touched longest ago: memory stays flat however much traffic a live run sees. An owner
 * learns that {@link #findOrAdd} gave it a new (or reused) entry number from {@link #added()} and then resets its own
 * arrays at that number.
 * <p>
 * Not thread-safe: an inspector uses it from one thread.
 */
public final class KeyTable {

    private final int capacity;
    private final int mask;
    /**
     * Per slot: the key's 32-bit hash in the high half (so a probe of another key rarely reads the key arrays) and
     * entry number + 1 in the low half; 0 for an empty slot.
     */
    private final long[] slots;
    private final long[] firstKeys;
    private final long[] secondKeys;
    private final long[] touched;
    private final boolean[] inUse;
    private final int[] freeEntries;
    /** The touch order: the entry touched just before and just after each entry, -1 at either end. */
    private final int[] touchedBefore;
    private final int[] touchedAfter;
    private int leastRecent = -1;
    private int mostRecent = -1;
    private int freeCount;
    private boolean added;
    private long evicted;

    /** @param capacity the most entries held at once */
    public KeyTable(int capacity) {
        if (capacity < 8) {
            throw new IllegalArgumentException("capacity " + capacity + " is below 8");
        }
        this.capacity = capacity;
        int slotCount = Integer.highestOneBit(capacity * 2 - 1) << 1; // load factor at most 1/2
        this.mask = slotCount - 1;
        this.slots = new long[slotCount];
        this.firstKeys = new long[capacity];
        this.secondKeys = new long[capacity];
        this.touched = new long[capacity];
        this.inUse = new boolean[capacity];
        this.freeEntries = new int[capacity];
        this.touchedBefore = new int[capacity];
        this.touchedAfter = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeEntries[i] = capacity - 1 - i; // hand out low numbers first
        }
        this.freeCount = capacity;
    }

    /** The entry number of the key, or -1. Does not touch it. */
    public int find(long first, long second) {
        int hash = hash(first, second);
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            long held = slots[slot];
            if (held == 0) {
                return -1;
            }
            int entry = (int) held - 1;
            if ((int) (held >>> 32) == hash && firstKeys[entry] == first && secondKeys[entry] == second) {
                return entry;
            }
        }
    }

    /**
     * The entry number of the key, added when absent (evicting old entries if the table is full); either way touched
     * at {@code now}. {@link #added()} then says whether the entry is new.
     */
    public int findOrAdd(long first, long second, long now) {
        int hash = hash(first, second);
        int slot = hash & mask;
        for (;; slot = (slot + 1) & mask) {
            long held = slots[slot];
            if (held == 0) {
                break;
            }
            int entry = (int) held - 1;
            if ((int) (held >>> 32) == hash && firstKeys[entry] == first && secondKeys[entry] == second) {
                touch(entry, now);
                added = false;
                return entry;
            }
        }
        if (freeCount == 0) {
            makeRoom();
            slot = hash & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
        }
        int entry = freeEntries[--freeCount];
        firstKeys[entry] = first;
        secondKeys[entry] = second;
        touched[entry] = now;
        inUse[entry] = true;
        linkMostRecent(entry);
        slots[slot] = (long) hash << 32 | (entry + 1);
        added = true;
        return entry;
    }

    /** Whether the last {@link #findOrAdd} added its entry. */
    public boolean added() {
        return added;
    }

    /** Marks the entry as used at {@code now}. */
    public void touch(int entry, long now) {
        touched[entry] = now;
        if (entry != mostRecent) {
            unlink(entry);
            linkMostRecent(entry);
        }
    }

    public long touched(int entry) {
        return touched[entry];
    }

    public long firstKey(int entry) {
        return firstKeys[entry];
    }

    public long secondKey(int entry) {
        return secondKeys[entry];
    }

    /** Whether the entry number holds a key now (for owners that walk every entry). */
    public boolean inUse(int entry) {
        return inUse[entry];
    }

    public int size() {
        return capacity - freeCount;
    }

    public int capacity() {
        return capacity;
    }

    /** Entries evicted to make room since the table was made (not counting expiry). */
    public long evicted() {
        return evicted;
    }

    /**
     * Removes the entries last touched before {@code cutoff}, least recently touched first; returns how many. Packets
     * slightly out of order can touch an entry with a time earlier than the one touched before it: such an entry goes
     * with the first removal that reaches it in touch order.
     */
    public int removeTouchedBefore(long cutoff) {
        int removed = 0;
        while (leastRecent >= 0 && touched[leastRecent] < cutoff) {
            remove(leastRecent);
            removed++;
        }
        return removed;
    }

    /** Removes one entry; its number may be handed out again. */
    public void remove(int entry) {
        if (!inUse[entry]) {
            return;
        }
        int slot = hash(firstKeys[entry], secondKeys[entry]) & mask;
        while ((int) slots[slot] != entry + 1) {
            slot = (slot + 1) & mask;
        }
        // Backward shift: move later entries of the probe sequence into the hole unless they sit at or after home.
        int hole = slot;
        slots[hole] = 0;
        for (int next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int movedHome = (int) (slots[next] >>> 32) & mask;
            boolean staysPut = hole <= next ? hole < movedHome && movedHome <= next
                    : hole < movedHome || movedHome <= next;
            if (!staysPut) {
                slots[hole] = slots[next];
                slots[next] = 0;
                hole = next;
            }
        }
        inUse[entry] = false;
        unlink(entry);
        freeEntries[freeCount++] = entry;
    }

    /** Empties the table. */
    public void clear() {
        Arrays.fill(slots, 0);
        Arrays.fill(inUse, false);
        for (int i = 0; i < capacity; i++) {
            freeEntries[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        leastRecent = -1;
        mostRecent = -1;
    }

    /** Evicts the entry touched longest ago. */
    private void makeRoom() {
        remove(leastRecent);
        evicted++;
    }

    private void linkMostRecent(int entry) {
        touchedBefore[entry] = mostRecent;
        touchedAfter[entry] = -1;
        if (mostRecent >= 0) {
            touchedAfter[mostRecent] = entry;
        } else {
            leastRecent = entry;
        }
        mostRecent = entry;
    }

    private void unlink(int entry) {
        int before = touchedBefore[entry];
        int after = touchedAfter[entry];
        if (before >= 0) {
            touchedAfter[before] = after;
        } else {
            leastRecent = after;
        }
        if (after >= 0) {
            touchedBefore[after] = before;
        } else {
            mostRecent = before;
        }
    }

    private static int hash(long first, long second) {
        long h = first * 0x9E3779B97F4A7C15L + Long.rotateLeft(second, 29) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) h;
    }
}
