package org.osprey.detect.builtin.internal.scan;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.builtin.internal.FirstPackets;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.Ip4Ranges;
import org.osprey.detect.builtin.internal.KeyTable;

/**
 * Per key (a scanner and a target host for vertical scans, a scanner and a port for horizontal ones), the number of
 * distinct probes within a window that have not turned into a conversation, by {@link ScanKind}, and what an alert
 * needs: when the window began, the first probes, how many the targets refused, the range of IPv4 targets. A probe is
 * counted when it is first seen and uncounted if data later flows, so the count is of failed or pending attempts, as
 * Zeek's scan.zeek counts. Bounded by a {@link KeyTable}; allocates nothing per packet.
 */
final class ScanCounters {

    static final int FIRST_PACKETS = 3;
    private static final int KINDS = ScanKind.ALL.length;

    private final KeyTable table;
    private final long[] windowStart;
    private final int[] count;
    private final int[] refused;
    private final int[] kindCounts;
    private final boolean[] alerted;
    private final FirstPackets firstPackets;
    private final Ip4Ranges targetRanges;

    ScanCounters(int capacity) {
        table = new KeyTable(capacity);
        windowStart = new long[capacity];
        count = new int[capacity];
        refused = new int[capacity];
        kindCounts = new int[capacity * KINDS];
        alerted = new boolean[capacity];
        firstPackets = new FirstPackets(capacity, FIRST_PACKETS);
        targetRanges = new Ip4Ranges(capacity);
    }

    /**
     * Counts a new probe.
     *
     * @param target the probed host's id (for the range of targets of a horizontal scan)
     * @return the entry when this probe made the count reach {@code threshold} (once per window), else -1
     */
    int count(long first, long second, ScanKind kind, long target, long sequence, long now, long window,
            int threshold) {
        int entry = table.findOrAdd(first, second, now);
        if (table.added() || now - windowStart[entry] > window) {
            windowStart[entry] = now;
            count[entry] = 0;
            refused[entry] = 0;
            for (int k = 0; k < KINDS; k++) {
                kindCounts[entry * KINDS + k] = 0;
            }
            alerted[entry] = false;
            firstPackets.clear(entry);
            targetRanges.clear(entry);
        }
        count[entry]++;
        kindCounts[entry * KINDS + kind.ordinal()]++;
        targetRanges.add(entry, target);
        firstPackets.add(entry, sequence);
        if (count[entry] >= threshold && !alerted[entry]) {
            alerted[entry] = true;
            return entry;
        }
        return -1;
    }

    /** A counted probe became a conversation: it no longer counts. */
    void uncount(long first, long second, ScanKind kind) {
        int entry = table.find(first, second);
        if (entry >= 0) {
            count[entry] = Math.max(0, count[entry] - 1);
            int k = entry * KINDS + kind.ordinal();
            kindCounts[k] = Math.max(0, kindCounts[k] - 1);
        }
    }

    /** A counted probe turned out to be of another kind (a SYN that was the start of a connect probe). */
    void reclassify(long first, long second, ScanKind from, ScanKind to) {
        int entry = table.find(first, second);
        if (entry >= 0 && kindCounts[entry * KINDS + from.ordinal()] > 0) {
            kindCounts[entry * KINDS + from.ordinal()]--;
            kindCounts[entry * KINDS + to.ordinal()]++;
        }
    }

    /** The target refused a probe (RST, ICMP unreachable): evidence that the scan reached it. */
    void refused(long first, long second) {
        int entry = table.find(first, second);
        if (entry >= 0) {
            refused[entry]++;
        }
    }

    int count(int entry) {
        return count[entry];
    }

    int refused(int entry) {
        return refused[entry];
    }

    long windowStart(int entry) {
        return windowStart[entry];
    }

    /** The kind most of the entry's probes were (the first such in {@link ScanKind} order on a tie). */
    ScanKind dominantKind(int entry) {
        ScanKind best = ScanKind.SYN;
        int bestCount = -1;
        for (ScanKind kind : ScanKind.ALL) {
            int c = kindCounts[entry * KINDS + kind.ordinal()];
            if (c > bestCount) {
                best = kind;
                bestCount = c;
            }
        }
        return best;
    }

    /** Counts by kind, for example "SYN 14, connect 1" (kinds with none left out). */
    String kindSummary(int entry) {
        StringBuilder text = new StringBuilder();
        for (ScanKind kind : ScanKind.ALL) {
            int c = kindCounts[entry * KINDS + kind.ordinal()];
            if (c > 0) {
                text.append(text.isEmpty() ? "" : ", ").append(kind.label).append(' ').append(c);
            }
        }
        return text.toString();
    }

    /** The network of the entry's IPv4 targets (see {@link HostIds#ip4Network}), or null if none was IPv4. */
    String ip4Network(int entry) {
        return targetRanges.network(entry);
    }

    /** Adds the sequences of the window's first counted packets, then the crossing one, to an alert. */
    void addPackets(int entry, Alert.Builder alert, PacketSummary crossing) {
        firstPackets.addTo(entry, alert, crossing);
    }

    void expire(long cutoff) {
        table.removeTouchedBefore(cutoff);
    }
}
