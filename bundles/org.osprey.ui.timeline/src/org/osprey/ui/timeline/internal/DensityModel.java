package org.osprey.ui.timeline.internal;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;

/**
 * How many packets the stream holds at each moment of packet time: the data behind the timeline, without any widget.
 * <p>
 * Packets are counted in <em>fine buckets</em> of {@value #FINE_BUCKET_NANOS} ns of packet time (the smallest bucket
 * the view ever shows: a one-second view is about a thousand pixels wide). Only buckets that hold packets exist, in
 * ascending time order, in parallel arrays, so a packet costs one comparison and one increment when its time falls in
 * the newest bucket (almost always), and the memory is bounded by the ring's packets, not by its time span. A bucket
 * keeps its count and its first and last sequence numbers: when count equals {@code last - first + 1} the bucket holds
 * exactly that range of sequence numbers, which is how a click selects a moment's packets without a scan. Packet time
 * may step backwards (merged interfaces, clock steps): such a packet goes into its own, older bucket, and a selection
 * over a bucket whose range is not contiguous looks the candidates up in the stream.
 * <p>
 * Views ask for counts of coarser buckets (any multiple of the fine width) over a time range, optionally only of the
 * packets before a sequence number (what Pause froze). Packets the ring has evicted are not counted: a fine bucket
 * partly evicted counts its remaining sequence range (exact when contiguous).
 * <p>
 * Threading: {@link #catchUp} runs on a feeding thread (never the UI thread), queries on the UI thread; one lock guards
 * the buckets, held for one batch of packets or one query.
 */
public final class DensityModel {

    /** Width of the finest bucket: one millisecond of packet time. */
    public static final long FINE_BUCKET_NANOS = 1_000_000L;

    /** What {@link #newestNanos()} and {@link #oldestNanos()} say when no packet is held. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /** What a timestamp lookup returns for a packet no longer (or not yet) held. */
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    private static final int INITIAL_BUCKETS = 1024;
    private static final int READ_BATCH = 4096;

    /** What was counted at a moment: packets, and the smallest and largest of their sequence numbers. */
    public record Moment(int count, long firstSequence, long lastSequence) {

        static final Moment EMPTY = new Moment(0, -1, -1);

        /** Whether every sequence number from first to last belongs to this moment. */
        public boolean isContiguous() {
            return count > 0 && count == lastSequence - firstSequence + 1;
        }
    }

    private final Object bucketLock = new Object();
    private final Object feedLock = new Object();
    private final PacketSummary[] readBuffer = new PacketSummary[READ_BATCH];

    // the live fine buckets are [head, tail) of these arrays, ascending by bucketIndex (= timestamp / fine width)
    private long[] bucketIndex = new long[INITIAL_BUCKETS];
    private int[] counts = new int[INITIAL_BUCKETS];
    private long[] firstSequence = new long[INITIAL_BUCKETS];
    private long[] lastSequence = new long[INITIAL_BUCKETS];
    private int head;
    private int tail;

    /** The next sequence number to take: smaller ones were counted already, or cleared. */
    private long nextSequence;
    /** Sequence numbers below this were evicted by the ring and are not counted any more. */
    private long oldestSequence;
    private long newestNanos = NO_TIME;
    private long packetsTaken;

    /** @param nextSequence the first sequence number to count (e.g. the stream's oldest) */
    public DensityModel(long nextSequence) {
        this.nextSequence = nextSequence;
        this.oldestSequence = nextSequence;
    }

    /**
     * Counts what the stream's ring holds beyond what was counted already, and forgets what it evicted. Any thread but
     * the UI thread; concurrent callers take turns.
     */
    public void catchUp(PacketStream stream) {
        synchronized (feedLock) {
            while (true) {
                int read = stream.read(nextSequence(), readBuffer);
                synchronized (bucketLock) {
                    for (int i = 0; i < read; i++) {
                        add(readBuffer[i].sequence(), readBuffer[i].timestampNanos());
                    }
                    retainFrom(stream.oldestSequence());
                }
                Arrays.fill(readBuffer, 0, read, null); // keep no evicted packet alive
                if (read < readBuffer.length) {
                    return;
                }
            }
        }
    }

    /**
     * Counts one packet. Sequence numbers must come in ascending order; one already counted (or older than the last
     * {@link #clear}) is ignored.
     */
    public void add(long sequence, long timestampNanos) {
        synchronized (bucketLock) {
            if (sequence < nextSequence) {
                return;
            }
            nextSequence = sequence + 1;
            packetsTaken++;
            newestNanos = newestNanos == NO_TIME ? timestampNanos : Math.max(newestNanos, timestampNanos);
            long index = Math.floorDiv(timestampNanos, FINE_BUCKET_NANOS);
            int last = tail - 1;
            if (last >= head && bucketIndex[last] == index) {
                counts[last]++;
                lastSequence[last] = sequence;
            } else if (last < head || bucketIndex[last] < index) {
                insert(tail, index, sequence);
            } else {
                // packet time went backwards: an older bucket
                int found = Arrays.binarySearch(bucketIndex, head, tail, index);
                if (found >= 0) {
                    counts[found]++;
                    lastSequence[found] = sequence; // sequences only grow: the newest is the largest
                } else {
                    insert(-found - 1, index, sequence);
                }
            }
        }
    }

    /** Forgets the packets with sequence numbers below {@code oldest} (the ring evicted them). */
    public void retainFrom(long oldest) {
        synchronized (bucketLock) {
            if (oldest <= oldestSequence) {
                return;
            }
            oldestSequence = oldest;
            while (head < tail && lastSequence[head] < oldest) {
                head++;
            }
            if (head == tail) {
                head = tail = 0;
                newestNanos = NO_TIME;
            }
        }
    }

    /** Forgets everything: the stream was cleared and numbers packets on from {@code nextSequenceAfterClear}. */
    public void clear(long nextSequenceAfterClear) {
        synchronized (bucketLock) {
            head = tail = 0;
            nextSequence = Math.max(nextSequence, nextSequenceAfterClear);
            oldestSequence = Math.max(oldestSequence, nextSequenceAfterClear);
            newestNanos = NO_TIME;
            packetsTaken = 0;
        }
    }

    /** The next sequence number the model will count. */
    public long nextSequence() {
        synchronized (bucketLock) {
            return nextSequence;
        }
    }

    /** Packets counted since creation or the last {@link #clear}, evicted ones included. */
    public long packetsTaken() {
        synchronized (bucketLock) {
            return packetsTaken;
        }
    }

    public boolean isEmpty() {
        synchronized (bucketLock) {
            return head == tail;
        }
    }

    /** The newest packet time counted, or {@link #NO_TIME}. */
    public long newestNanos() {
        synchronized (bucketLock) {
            return newestNanos;
        }
    }

    /** The start of the oldest fine bucket held, or {@link #NO_TIME}. */
    public long oldestNanos() {
        synchronized (bucketLock) {
            return head == tail ? NO_TIME : bucketIndex[head] * FINE_BUCKET_NANOS;
        }
    }

    /**
     * Fills {@code into[i]} with the packets whose time falls in {@code [fromNanos + i * widthNanos, fromNanos +
     * (i + 1) * widthNanos)} and whose sequence number is below {@code sequenceLimit}.
     *
     * @param fromNanos  a multiple of {@link #FINE_BUCKET_NANOS}
     * @param widthNanos a positive multiple of {@link #FINE_BUCKET_NANOS}
     */
    public void density(long fromNanos, long widthNanos, int[] into, long sequenceLimit) {
        checkAligned(fromNanos, widthNanos);
        Arrays.fill(into, 0);
        long finePerBucket = widthNanos / FINE_BUCKET_NANOS;
        long firstIndex = fromNanos / FINE_BUCKET_NANOS;
        long endIndex = firstIndex + finePerBucket * into.length;
        synchronized (bucketLock) {
            for (int i = lowerBound(firstIndex); i < tail && bucketIndex[i] < endIndex; i++) {
                into[(int) ((bucketIndex[i] - firstIndex) / finePerBucket)] += countBefore(i, sequenceLimit);
            }
        }
    }

    /** What was counted in {@code [fromNanos, toNanos)} (both multiples of the fine width) below the sequence limit. */
    public Moment moment(long fromNanos, long toNanos, long sequenceLimit) {
        checkAligned(fromNanos, toNanos - fromNanos);
        long firstIndex = fromNanos / FINE_BUCKET_NANOS;
        long endIndex = toNanos / FINE_BUCKET_NANOS;
        int count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        synchronized (bucketLock) {
            for (int i = lowerBound(firstIndex); i < tail && bucketIndex[i] < endIndex; i++) {
                int held = countBefore(i, sequenceLimit);
                if (held > 0) {
                    count += held;
                    first = Math.min(first, Math.max(firstSequence[i], oldestSequence));
                    last = Math.max(last, Math.min(lastSequence[i], sequenceLimit - 1));
                }
            }
        }
        return count == 0 ? Moment.EMPTY : new Moment(count, first, last);
    }

    /**
     * The sequence numbers, ascending, of the packets in {@code [fromNanos, toNanos)} below the sequence limit: the
     * packets of a moment the person clicked.
     *
     * @param timestampOf the packet time of a sequence number, or {@link #UNKNOWN_TIME} when that packet is gone; asked
     *                    only when packet time went backwards inside the moment's sequence range
     */
    public long[] sequencesIn(long fromNanos, long toNanos, long sequenceLimit, LongUnaryOperator timestampOf) {
        Moment moment = moment(fromNanos, toNanos, sequenceLimit);
        if (moment.count() == 0) {
            return new long[0];
        }
        if (moment.isContiguous()) {
            return LongStream.rangeClosed(moment.firstSequence(), moment.lastSequence()).toArray();
        }
        return LongStream.rangeClosed(moment.firstSequence(), moment.lastSequence()).filter(sequence -> {
            long time = timestampOf.applyAsLong(sequence);
            return time != UNKNOWN_TIME && time >= fromNanos && time < toNanos;
        }).toArray();
    }

    /** How many fine buckets are held (for tests and memory figures). */
    public int fineBucketCount() {
        synchronized (bucketLock) {
            return tail - head;
        }
    }

    /** Packets of fine bucket {@code i} with sequence numbers in [oldestSequence, limit). */
    private int countBefore(int i, long limit) {
        long first = firstSequence[i];
        long last = lastSequence[i];
        if (last < oldestSequence || first >= limit) {
            return 0;
        }
        if (first >= oldestSequence && last < limit) {
            return counts[i];
        }
        long kept = Math.min(last, limit - 1) - Math.max(first, oldestSequence) + 1;
        if (counts[i] == last - first + 1) {
            return (int) kept; // contiguous: exact
        }
        // packet time went backwards inside this bucket's range: share out in proportion (rare, and only at the edges)
        return (int) Math.max(1, counts[i] * kept / (last - first + 1));
    }

    /** The first live bucket with an index at or after {@code index}. */
    private int lowerBound(long index) {
        int found = Arrays.binarySearch(bucketIndex, head, tail, index);
        return found >= 0 ? found : -found - 1;
    }

    private void insert(int at, long index, long sequence) {
        if (tail == bucketIndex.length) {
            int shift = makeRoom();
            at -= shift;
        }
        if (at < tail) {
            int moved = tail - at;
            System.arraycopy(bucketIndex, at, bucketIndex, at + 1, moved);
            System.arraycopy(counts, at, counts, at + 1, moved);
            System.arraycopy(firstSequence, at, firstSequence, at + 1, moved);
            System.arraycopy(lastSequence, at, lastSequence, at + 1, moved);
        }
        bucketIndex[at] = index;
        counts[at] = 1;
        firstSequence[at] = sequence;
        lastSequence[at] = sequence;
        tail++;
    }

    /** Moves the live buckets to the front, growing the arrays when they are more than half full; returns the shift. */
    private int makeRoom() {
        int live = tail - head;
        int capacity = live * 2 > bucketIndex.length ? bucketIndex.length * 2 : bucketIndex.length;
        bucketIndex = moveToFront(bucketIndex, capacity);
        counts = moveToFront(counts, capacity);
        firstSequence = moveToFront(firstSequence, capacity);
        lastSequence = moveToFront(lastSequence, capacity);
        int shift = head;
        head = 0;
        tail = live;
        return shift;
    }

    private long[] moveToFront(long[] array, int capacity) {
        long[] target = capacity == array.length ? array : new long[capacity];
        System.arraycopy(array, head, target, 0, tail - head);
        return target;
    }

    private int[] moveToFront(int[] array, int capacity) {
        int[] target = capacity == array.length ? array : new int[capacity];
        System.arraycopy(array, head, target, 0, tail - head);
        return target;
    }

    private static void checkAligned(long fromNanos, long widthNanos) {
        if (widthNanos <= 0 || widthNanos % FINE_BUCKET_NANOS != 0 || fromNanos % FINE_BUCKET_NANOS != 0) {
            throw new IllegalArgumentException("buckets must be aligned to " + FINE_BUCKET_NANOS + " ns: from "
                    + fromNanos + ", width " + widthNanos);
        }
    }
}
