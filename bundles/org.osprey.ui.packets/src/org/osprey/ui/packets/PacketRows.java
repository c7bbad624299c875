package org.osprey.ui.packets;

import java.util.Arrays;

import org.osprey.core.PacketSummary;

/**
 * The packet table's own index of rows: references to the packets it shows, in sequence order, appended at the end
 * and evicted from the front when the stream's ring no longer holds them. Rows are addressed 0..size-1 from the
 * oldest. UI thread only.
 */
final class PacketRows {

    private PacketSummary[] slots = new PacketSummary[4096];
    private int head;
    private int size;

    int size() {
        return size;
    }

    PacketSummary get(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        return slots[head + row];
    }

    /** Appends {@code count} packets from {@code packets}, which must follow the last row in sequence order. */
    void addAll(PacketSummary[] packets, int count) {
        if (head + size + count > slots.length) {
            makeRoom(count);
        }
        System.arraycopy(packets, 0, slots, head + size, count);
        size += count;
    }

    /**
     * Removes the rows at the front whose sequence number is below {@code sequence}.
     *
     * @return how many rows were removed
     */
    int evictBefore(long sequence) {
        int removed = 0;
        while (removed < size && slots[head + removed].sequence() < sequence) {
            removed++;
        }
        Arrays.fill(slots, head, head + removed, null); // let the packets go
        head += removed;
        size -= removed;
        if (size == 0) {
            head = 0;
        }
        return removed;
    }

    void clear() {
        Arrays.fill(slots, head, head + size, null);
        head = 0;
        size = 0;
    }

    /** The row of the packet with this sequence number, or -1 when it is not (or no longer) a row. */
    int rowOf(long sequence) {
        int low = 0, high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midSequence = slots[head + mid].sequence();
            if (midSequence < sequence) {
                low = mid + 1;
            } else if (midSequence > sequence) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void makeRoom(int extra) {
        int needed = size + extra;
        if (needed <= slots.length / 2) {
            // the front was evicted: slide the rows back instead of growing
            System.arraycopy(slots, head, slots, 0, size);
            Arrays.fill(slots, size, head + size, null);
        } else {
            PacketSummary[] bigger = new PacketSummary[Math.max(needed, slots.length + (slots.length >> 1))];
            System.arraycopy(slots, head, bigger, 0, size);
            slots = bigger;
        }
        head = 0;
    }
}
