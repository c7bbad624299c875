package org.osprey.ui.packets;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.PacketListener;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.stream.StreamStatistics;
import org.osprey.stream.Subscription;
import org.osprey.testing.ui.UiRobot;

/**
 * The real stream, with one addition: the publisher stops before its {@code pauseBefore}-th packet until the test
 * {@link #resume() resumes} it. This holds a replay in the middle of a file, so the test can look at the status line
 * while the job runs, however fast the machine reads.
 */
final class PausingStream implements PacketStream {

    private final PacketStream stream;
    private final long pauseBefore;
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch resumed = new CountDownLatch(1);
    private long published;

    PausingStream(PacketStream stream, long pauseBefore) {
        this.stream = stream;
        this.pauseBefore = pauseBefore;
    }

    /** Whether the publisher is (or was) held. */
    boolean hasPaused() {
        return paused.getCount() == 0;
    }

    void resume() {
        resumed.countDown();
    }

    @Override
    public long publish(PacketSummary packet) {
        if (++published == pauseBefore) {
            paused.countDown();
            try {
                // a hang guard only: the test resumes it
                if (!resumed.await(UiRobot.WAIT_BOUND_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the test never resumed the replay");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stream.publish(packet);
    }

    @Override
    public Subscription subscribe(DisplayFilter filter, PacketListener listener, int queueCapacity) {
        return stream.subscribe(filter, listener, queueCapacity);
    }

    @Override
    public int read(long fromSequence, PacketSummary[] dst) {
        return stream.read(fromSequence, dst);
    }

    @Override
    public PacketSummary get(long sequence) {
        return stream.get(sequence);
    }

    @Override
    public long oldestSequence() {
        return stream.oldestSequence();
    }

    @Override
    public long nextSequence() {
        return stream.nextSequence();
    }

    @Override
    public int ringCapacity() {
        return stream.ringCapacity();
    }

    @Override
    public void clear() {
        stream.clear();
    }

    @Override
    public StreamStatistics statistics() {
        return stream.statistics();
    }

    @Override
    public void addStreamListener(StreamListener listener) {
        stream.addStreamListener(listener);
    }

    @Override
    public void removeStreamListener(StreamListener listener) {
        stream.removeStreamListener(listener);
    }
}
