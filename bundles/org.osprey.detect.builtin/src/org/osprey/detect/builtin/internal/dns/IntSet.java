package org.osprey.detect.builtin.internal.dns;

import java.util.Arrays;

/**
 * A set of ints (open addressing, linear probing) that stops growing at a limit: enough to tell whether a domain saw
 * at least N distinct subdomains, with memory bounded by N.
 */
final class IntSet {

    private static final int EMPTY = 0;

    private int[] slots = new int[16];
    private boolean hasZero;
    private int size;

    /** Adds {@code value} unless the set already holds {@code limit} values; returns whether it was added. */
    boolean add(int value, int limit) {
        if (size >= limit) {
            return false;
        }
        if (value == EMPTY) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = mix(value) & mask;; i = (i + 1) & mask) {
            if (slots[i] == value) {
                return false;
            }
            if (slots[i] == EMPTY) {
                slots[i] = value;
                size++;
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    void clear() {
        if (slots.length > 16) {
            slots = new int[16];
        } else {
            Arrays.fill(slots, EMPTY);
        }
        hasZero = false;
        size = 0;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        int mask = slots.length - 1;
        for (int value : old) {
            if (value != EMPTY) {
                int i = mix(value) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = value;
            }
        }
    }

    private static int mix(int value) {
        int h = value * 0x9E3779B9;
        return h ^ h >>> 16;
    }
}
