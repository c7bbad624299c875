package org.osprey.ui.timeline;

import java.util.stream.IntStream;

/** Counts and selections computed straight from a list of packet times, independently of the timeline's code. */
final class Reference {

    private Reference() {
    }

    /** Packets per bucket: bucket i is [first + i * width, first + (i + 1) * width). */
    static int[] counts(long[] times, long first, long width, int buckets) {
        int[] counts = new int[buckets];
        for (long time : times) {
            if (time >= first && time < first + width * buckets) {
                counts[(int) ((time - first) / width)]++;
            }
        }
        return counts;
    }

    /** Sequence numbers (the first packet being {@code firstSequence}) of the packets with times in [from, to). */
    static long[] sequencesBetween(long[] times, long firstSequence, long from, long to) {
        return IntStream.range(0, times.length).filter(i -> times[i] >= from && times[i] < to)
                .mapToLong(i -> firstSequence + i).toArray();
    }

    static long sum(int[] counts) {
        long sum = 0;
        for (int count : counts) {
            sum += count;
        }
        return sum;
    }
}
