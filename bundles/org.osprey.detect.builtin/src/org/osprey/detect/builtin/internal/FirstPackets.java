package org.osprey.detect.builtin.internal;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;

/**
 * Per entry of a {@link KeyTable}, the sequence numbers of the first few packets that counted, so that an alert can
 * point at how it began as well as at the packet that crossed its threshold.
 */
public final class FirstPackets {

    private final int perEntry;
    private final long[] sequences;
    private final int[] counts;

    public FirstPackets(int entries, int perEntry) {
        this.perEntry = perEntry;
        this.sequences = new long[entries * perEntry];
        this.counts = new int[entries];
    }

    public void clear(int entry) {
        counts[entry] = 0;
    }

    /** Keeps the sequence if the entry holds fewer than its share. */
    public void add(int entry, long sequence) {
        if (counts[entry] < perEntry) {
            sequences[entry * perEntry + counts[entry]++] = sequence;
        }
    }

    /**
     * Adds the entry's sequences to an alert, first first, then the packet that completed the finding (once, also
     * when it is among the first: a low threshold).
     */
    public void addTo(int entry, Alert.Builder alert, PacketSummary crossing) {
        for (int i = 0; i < counts[entry]; i++) {
            long sequence = sequences[entry * perEntry + i];
            if (sequence != crossing.sequence()) {
                alert.sequence(sequence);
            }
        }
        alert.packet(crossing);
    }
}
