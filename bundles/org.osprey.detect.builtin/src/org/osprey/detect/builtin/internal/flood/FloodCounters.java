package org.osprey.detect.builtin.internal.flood;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.builtin.internal.FirstPackets;
import org.osprey.detect.builtin.internal.KeyTable;

/**
 * Per victim (a host, or a host and port), the packets of the current interval of packet time, the distinct sources
 * that sent them (estimated by linear counting in a small bitmap, so a spoofed flood from 40,000 addresses costs no
 * more memory than one from a single host), and whether a flood is under way. An interval starts at the first packet
 * after the previous one ended; a flood ends with the first interval below the threshold, so that one flood raises one
 * alert. Bounded by a {@link KeyTable}; allocates nothing per packet.
 */
final class FloodCounters {

    static final int FIRST_PACKETS = 3;
    /** Bits of the distinct-source bitmap per victim: estimates stay within a few percent up to about 10,000. */
    static final int SOURCE_BITS = 2048;
    private static final int WORDS = SOURCE_BITS / 64;

    private final KeyTable table;
    private final long[] intervalStart;
    private final int[] packets;
    private final int[] replies;
    private final long[] sourceBits;
    private final long[] firstSource;
    private final boolean[] severalSources;
    private final boolean[] flooding;
    private final FirstPackets firstPackets;

    FloodCounters(int capacity) {
        table = new KeyTable(capacity);
        intervalStart = new long[capacity];
        packets = new int[capacity];
        replies = new int[capacity];
        sourceBits = new long[capacity * WORDS];
        firstSource = new long[capacity];
        severalSources = new boolean[capacity];
        flooding = new boolean[capacity];
        firstPackets = new FirstPackets(capacity, FIRST_PACKETS);
    }

    /**
     * Counts a packet from {@code source} to the victim; the interval rolls over first if it ended.
     *
     * @return the victim's entry
     */
    int count(long victimFirst, long victimSecond, long source, long sequence, long now, long interval,
            int threshold) {
        int entry = table.findOrAdd(victimFirst, victimSecond, now);
        if (table.added()) {
            flooding[entry] = false;
            startInterval(entry, now);
        } else if (now - intervalStart[entry] >= interval) {
            if (packets[entry] < threshold) {
                flooding[entry] = false; // the flood (if any) is over
            }
            startInterval(entry, now);
        }
        packets[entry]++;
        if (packets[entry] == 1) {
            firstSource[entry] = source;
        } else if (source != firstSource[entry]) {
            severalSources[entry] = true;
        }
        long bit = mix(source) & (SOURCE_BITS - 1);
        sourceBits[entry * WORDS + (int) (bit >>> 6)] |= 1L << bit;
        firstPackets.add(entry, sequence);
        return entry;
    }

    /** The victim's entry, or -1 when it received nothing lately. */
    int find(long victimFirst, long victimSecond) {
        return table.find(victimFirst, victimSecond);
    }

    /** Counts a sign of legitimate use in the entry's current interval (a completed handshake). */
    void countReply(int entry) {
        replies[entry]++;
    }

    int packets(int entry) {
        return packets[entry];
    }

    int replies(int entry) {
        return replies[entry];
    }

    long intervalStart(int entry) {
        return intervalStart[entry];
    }

    boolean flooding(int entry) {
        return flooding[entry];
    }

    void startFlood(int entry) {
        flooding[entry] = true;
    }

    /** Whether every packet of the interval came from one source. */
    boolean singleSource(int entry) {
        return !severalSources[entry];
    }

    /** Distinct sources in the interval, estimated: -m ln(V) for a bitmap of m bits with a fraction V still zero. */
    long distinctSources(int entry) {
        int zeros = 0;
        for (int w = 0; w < WORDS; w++) {
            zeros += Long.bitCount(~sourceBits[entry * WORDS + w]);
        }
        if (zeros == 0) {
            return Math.round(SOURCE_BITS * Math.log(SOURCE_BITS)); // saturated: at least this many
        }
        return Math.round(-SOURCE_BITS * Math.log(zeros / (double) SOURCE_BITS));
    }

    /** Adds the sequences of the interval's first packets, then the crossing one, to an alert. */
    void addPackets(int entry, Alert.Builder alert, PacketSummary crossing) {
        firstPackets.addTo(entry, alert, crossing);
    }

    void expire(long cutoff) {
        table.removeTouchedBefore(cutoff);
    }

    private void startInterval(int entry, long now) {
        intervalStart[entry] = now;
        packets[entry] = 0;
        replies[entry] = 0;
        severalSources[entry] = false;
        firstPackets.clear(entry);
        for (int w = 0; w < WORDS; w++) {
            sourceBits[entry * WORDS + w] = 0;
        }
    }

    private static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return h ^ h >>> 32;
    }
}
