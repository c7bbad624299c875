package org.osprey.ui.charts.internal;

import org.osprey.core.Addresses;

/**
 * Packets and bytes per IP host, in an open-addressing table of primitive arrays: counting a packet allocates
 * nothing (a map keyed by address objects would allocate a key per lookup).
 * <p>
 * A host is an IPv4 address (kind 4, the address in {@code lo}) or an IPv6 address (kind 6, its 128 bits in
 * {@code hi} and {@code lo}). The table holds at most {@code maxHosts} hosts, so that a scan of a whole address range
 * cannot grow it without bound; traffic of further hosts is counted as "other hosts". Not thread-safe: the owner
 * ({@link TrafficStatistics}) serialises access.
 */
final class HostTable {

    private static final int INITIAL_SLOTS = 1024;
    private static final byte EMPTY = 0;

    private final int maxHosts;
    private byte[] kinds;
    private long[] his;
    private long[] los;
    private long[] packets;
    private long[] bytes;
    private int size;
    private long otherPackets;
    private long otherBytes;

    HostTable(int maxHosts) {
        this.maxHosts = maxHosts;
        allocate(INITIAL_SLOTS);
    }

    /** Adds one packet of {@code wireBytes} to the host; to "other hosts" when the table is full. */
    void add(int kind, long hi, long lo, int wireBytes) {
        int slot = slotOf(kind, hi, lo);
        if (kinds[slot] == EMPTY) {
            if (size == maxHosts) {
                otherPackets++;
                otherBytes += wireBytes;
                return;
            }
            if ((size + 1) * 2 > kinds.length) { // keep the load at or below one half: short probe sequences
                grow();
                slot = slotOf(kind, hi, lo);
            }
            kinds[slot] = (byte) kind;
            his[slot] = hi;
            los[slot] = lo;
            size++;
        }
        packets[slot]++;
        bytes[slot] += wireBytes;
    }

    int size() {
        return size;
    }

    long otherPackets() {
        return otherPackets;
    }

    long otherBytes() {
        return otherBytes;
    }

    /** The {@code n} hosts with the most bytes (ties: more packets first, then the lower address), most first. */
    Ranked[] top(int n) {
        int[] best = new int[Math.min(n, size)];
        int found = 0;
        for (int slot = 0; slot < kinds.length; slot++) {
            if (kinds[slot] == EMPTY) {
                continue;
            }
            if (found < best.length) {
                found++;
            } else if (bytes[slot] < bytes[best[found - 1]] || !ranksBefore(slot, best[found - 1])) {
                continue; // the common case, decided on bytes alone
            }
            int at = found - 1; // insertion into the short sorted list, dropping its last entry when full
            while (at > 0 && ranksBefore(slot, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = slot;
        }
        Ranked[] top = new Ranked[found];
        for (int i = 0; i < found; i++) {
            int slot = best[i];
            top[i] = new Ranked(label(slot), packets[slot], bytes[slot]);
        }
        return top;
    }

    void clear() {
        allocate(INITIAL_SLOTS); // shrinks back: a cleared view should not keep a scan's worth of memory
        size = 0;
        otherPackets = 0;
        otherBytes = 0;
    }

    private boolean ranksBefore(int a, int b) {
        if (bytes[a] != bytes[b]) {
            return bytes[a] > bytes[b];
        }
        if (packets[a] != packets[b]) {
            return packets[a] > packets[b];
        }
        if (kinds[a] != kinds[b]) {
            return kinds[a] < kinds[b];
        }
        int high = Long.compareUnsigned(his[a], his[b]);
        return high != 0 ? high < 0 : Long.compareUnsigned(los[a], los[b]) < 0;
    }

    private String label(int slot) {
        return kinds[slot] == 4 ? Addresses.ip4((int) los[slot]) : Addresses.ip6(his[slot], los[slot]);
    }

    /** The slot holding the host, or the empty slot where it belongs (linear probing). */
    private int slotOf(int kind, long hi, long lo) {
        int mask = kinds.length - 1;
        int slot = hash(kind, hi, lo) & mask;
        while (kinds[slot] != EMPTY && (kinds[slot] != kind || his[slot] != hi || los[slot] != lo)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int hash(int kind, long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L + lo) * 0xC2B2AE3D27D4EB4FL + kind;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    private void grow() {
        byte[] oldKinds = kinds;
        long[] oldHis = his;
        long[] oldLos = los;
        long[] oldPackets = packets;
        long[] oldBytes = bytes;
        allocate(oldKinds.length * 2);
        for (int old = 0; old < oldKinds.length; old++) {
            if (oldKinds[old] != EMPTY) {
                int slot = slotOf(oldKinds[old], oldHis[old], oldLos[old]);
                kinds[slot] = oldKinds[old];
                his[slot] = oldHis[old];
                los[slot] = oldLos[old];
                packets[slot] = oldPackets[old];
                bytes[slot] = oldBytes[old];
            }
        }
    }

    private void allocate(int slots) {
        kinds = new byte[slots];
        his = new long[slots];
        los = new long[slots];
        packets = new long[slots];
        bytes = new long[slots];
    }
}
