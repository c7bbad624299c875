package org.osprey.ui.charts.internal;

import java.util.Arrays;

import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketListener;
import org.osprey.stream.PacketStream;

/**
 * Feeds {@link TrafficStatistics} from a {@link PacketStream}, on a subscription's delivery thread: each delivered
 * batch is only the signal that packets arrived; the packets themselves are read from the stream's ring, from where
 * the feed stopped last time to the ring's current end.
 * <p>
 * Why not count the batches themselves: a subscriber queue is bounded, and a file opened at full speed publishes
 * faster than any queue of reasonable size drains (850k packets/s measured), so the queue drops packets, the last
 * ones of the file among them, and nothing would ever be delivered after those. Reading the ring loses nothing it still
 * holds (a million packets by default), and a queue that overflowed delivers at least one more batch after its last
 * drop, which wakes the feed up to read to the end. Packets the ring had already evicted are counted as
 * {@link TrafficSnapshot#notCounted() not counted}. The queue can then be small: it carries wake-ups, not data.
 * <p>
 * Counting happens on the subscription's delivery thread, except for one {@link #catchUp()} when a view opens.
 */
public final class StatisticsFeed implements PacketListener {

    /** Packets read from the ring per call: the statistics' monitor is held for one such chunk at a time. */
    private static final int CHUNK = 1024;

    private final PacketStream stream;
    private final TrafficStatistics statistics;
    private final Runnable changed;
    private final PacketSummary[] chunk = new PacketSummary[CHUNK];
    /** Volatile so that others may watch the progress. */
    private volatile long nextSequence;

    /**
     * @param firstSequence the first packet to count: the stream's {@link PacketStream#oldestSequence()} to count
     *        what the ring holds too, its {@link PacketStream#nextSequence()} to count only what comes from now on
     * @param changed told (on the delivery thread) after new packets were counted, e.g. to mark a view dirty
     */
    public StatisticsFeed(PacketStream stream, TrafficStatistics statistics, long firstSequence, Runnable changed) {
        this.stream = stream;
        this.statistics = statistics;
        this.changed = changed;
        this.nextSequence = firstSequence;
    }

    @Override
    public void onPackets(PacketSummary[] batch, int count) {
        catchUp();
    }

    /**
     * Counts what the ring holds from where the feed stopped to its current end. Called for each delivered batch, and
     * once by whoever made the feed when the ring may already hold packets nobody will signal (a view opened after a
     * file was read). Synchronized for that one extra caller; the delivery thread never waits for long.
     */
    public synchronized void catchUp() {
        long before = nextSequence;
        int read;
        while ((read = stream.read(nextSequence, chunk)) > 0) {
            long first = chunk[0].sequence();
            if (first > nextSequence) {
                statistics.addNotCounted(nextSequence, first); // the ring let them go before we came
            }
            statistics.add(chunk, read);
            nextSequence = chunk[read - 1].sequence() + 1;
            Arrays.fill(chunk, 0, read, null); // keep no packet alive after the ring let it go
            if (read < CHUNK) {
                break;
            }
        }
        if (nextSequence != before) {
            changed.run(); // a wake-up for packets an earlier call already read from the ring changes nothing
        }
    }

    /** The sequence number of the next packet the feed will count. */
    public long nextSequence() {
        return nextSequence;
    }
}
