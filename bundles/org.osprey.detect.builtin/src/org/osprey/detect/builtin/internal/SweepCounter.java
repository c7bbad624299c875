package org.osprey.detect.builtin.internal;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;

/**
 * Counts, per source, the distinct targets it reached within a window of packet time, and says when the count reaches
 * a threshold: the core of a sweep detector (ICMP echo to many hosts, ARP who-has for many addresses). The window
 * starts at a source's first counted target and ends {@code window} later; a target counts again in the next window.
 * Bounded by two {@link KeyTable}s; allocates nothing per packet.
 */
public final class SweepCounter {

    /** Sequence numbers kept per source of the first packets that counted, for the alert's evidence. */
    public static final int FIRST_PACKETS = 3;

    private final KeyTable sources;
    private final KeyTable pairs;
    private final long[] windowStart;
    private final int[] count;
    private final boolean[] alerted;
    private final FirstPackets firstPackets;
    private final Ip4Ranges targetRanges;
    private final boolean[] sawIp6;

    /**
     * @param sourceCapacity the most sources tracked at once
     * @param pairCapacity   the most (source, target) pairs remembered at once
     */
    public SweepCounter(int sourceCapacity, int pairCapacity) {
        sources = new KeyTable(sourceCapacity);
        pairs = new KeyTable(pairCapacity);
        windowStart = new long[sourceCapacity];
        count = new int[sourceCapacity];
        alerted = new boolean[sourceCapacity];
        firstPackets = new FirstPackets(sourceCapacity, FIRST_PACKETS);
        targetRanges = new Ip4Ranges(sourceCapacity);
        sawIp6 = new boolean[sourceCapacity];
    }

    /**
     * Counts {@code target} for {@code source} if it is new in the source's window.
     *
     * @param target    a {@link HostIds host id}
     * @param sequence  the packet's sequence number, kept as evidence if it is among the first
     * @return the source's entry when this packet made the count reach {@code threshold} (once per window), else -1
     */
    public int count(long source, long target, long sequence, long now, long window, int threshold) {
        int entry = sources.findOrAdd(source, 0, now);
        if (sources.added() || now - windowStart[entry] > window) {
            windowStart[entry] = now;
            count[entry] = 0;
            alerted[entry] = false;
            firstPackets.clear(entry);
            targetRanges.clear(entry);
            sawIp6[entry] = false;
        }
        int pair = pairs.find(source, target);
        if (pair >= 0 && pairs.touched(pair) >= windowStart[entry]) {
            pairs.touch(pair, now);
            return -1;
        }
        pairs.findOrAdd(source, target, now);
        count[entry]++;
        targetRanges.add(entry, target);
        sawIp6[entry] |= !HostIds.isIp4(target);
        firstPackets.add(entry, sequence);
        if (count[entry] >= threshold && !alerted[entry]) {
            alerted[entry] = true;
            return entry;
        }
        return -1;
    }

    /** Distinct targets counted in the entry's current window. */
    public int targets(int entry) {
        return count[entry];
    }

    public long windowStart(int entry) {
        return windowStart[entry];
    }

    /** Whether every target counted in the window was IPv4 (then {@link #ip4Network} names them). */
    public boolean ip4Only(int entry) {
        return !sawIp6[entry];
    }

    /** The network of the IPv4 targets counted in the window, at least a /24 (see {@link HostIds#ip4Network}). */
    public String ip4Network(int entry) {
        return targetRanges.network(entry);
    }

    /** Adds the sequences of the window's first counted packets, then the crossing one, to an alert. */
    public void addPackets(int entry, Alert.Builder alert, PacketSummary crossing) {
        firstPackets.addTo(entry, alert, crossing);
    }

    /** Forgets sources and pairs not seen for longer than {@code window}. */
    public void expire(long now, long window) {
        sources.removeTouchedBefore(now - window);
        pairs.removeTouchedBefore(now - window);
    }
}
