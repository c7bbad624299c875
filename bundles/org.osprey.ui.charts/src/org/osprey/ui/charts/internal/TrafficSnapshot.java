package org.osprey.ui.charts.internal;

import java.util.Map;

/**
 * What the charts show at one tick: a consistent copy of {@link TrafficStatistics}, taken in one step. Immutable by
 * convention: the arrays are fresh copies nobody else holds; do not modify them.
 *
 * @param windowEndSecond the packet-time second (seconds since the epoch, from packet timestamps) of the window's
 *        newest bucket, or {@link TrafficStatistics#NO_PACKETS} before the first packet
 * @param packetsPerSecond packets per one-second bucket, oldest first, the last being {@code windowEndSecond};
 *        {@link TrafficStatistics#WINDOW_SECONDS} entries
 * @param bytesPerSecond wire bytes per bucket, like {@code packetsPerSecond}
 * @param packets packets counted since the last clear
 * @param bytes their wire bytes
 * @param protocolPackets packets per protocol label ({@code PacketSummary.protocol().label()}), most first, only
 *        labels that occurred
 * @param topTalkers the IP hosts with the most bytes sent plus received, most first, at most
 *        {@link TrafficStatistics#TOP}
 * @param topPorts the TCP/UDP service ports with the most packets, most first, at most {@link TrafficStatistics#TOP}
 * @param otherHostPackets packets of hosts beyond the host table's bound (not in the talker ranking)
 * @param notCounted packets the statistics never saw: the stream's ring had evicted them before they were read
 */
public record TrafficSnapshot(long windowEndSecond, long[] packetsPerSecond, long[] bytesPerSecond, long packets,
        long bytes, Map<String, Long> protocolPackets, Ranked[] topTalkers, Ranked[] topPorts, long otherHostPackets,
        long notCounted) {

    /** Nothing counted: what the charts show at start and after Clear. */
    public static final TrafficSnapshot EMPTY = new TrafficSnapshot(TrafficStatistics.NO_PACKETS,
            new long[TrafficStatistics.WINDOW_SECONDS], new long[TrafficStatistics.WINDOW_SECONDS], 0, 0, Map.of(),
            new Ranked[0], new Ranked[0], 0, 0);

    /** Packets in the whole window. */
    public long windowPackets() {
        long sum = 0;
        for (long count : packetsPerSecond) {
            sum += count;
        }
        return sum;
    }
}
