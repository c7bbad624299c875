package org.osprey.stream.internal;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.PacketListener;
import org.osprey.stream.Subscription;

/**
 * One subscriber: a bounded single-producer single-consumer queue filled by the publisher thread, and a daemon
 * delivery thread that drains it, applies the filter and calls the listener with batches.
 * <p>
 * The filter runs here, on the delivery thread, so the publisher pays nothing for it: the publisher only stores a
 * reference and bumps a counter per subscriber. The price is that the queue also carries packets the filter will
 * reject, and {@link #dropped()} counts packets lost before they could be tested.
 * <p>
 * Memory ordering: the publisher writes a queue slot, then {@code tail} with release semantics; the consumer reads
 * {@code tail} with acquire semantics before the slots, and hands slots back by writing {@code head} with release.
 * For sleeping, see {@link #waitForPackets()}.
 */
final class SubscriptionImpl implements Subscription {

    private static final System.Logger LOG = System.getLogger(SubscriptionImpl.class.getName());
    /** Most packets handed to the listener in one call: big enough to amortise the call, small enough to stay warm. */
    static final int MAX_BATCH = 1024;
    /** Empty polls before the delivery thread parks: a short spin saves a park/unpark pair under steady load. */
    private static final int SPINS_BEFORE_PARK = 256;
    /**
     * After draining fewer packets than this, the delivery thread pauses briefly instead of polling again at once.
     * Polling right behind the publisher would pull the queue's cache line back and forth once per packet, which
     * costs the publisher more than the packet itself; a pause of tens of microseconds lets a batch build up.
     */
    private static final int SMALL_BATCH = 64;
    private static final long BATCHING_PAUSE_NANOS = 20_000;
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    private static final VarHandle TAIL, HEAD, OFFERED, DROPPED, DELIVERED, SLEEPING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(SubscriptionImpl.class, "tail", long.class);
            HEAD = lookup.findVarHandle(SubscriptionImpl.class, "head", long.class);
            OFFERED = lookup.findVarHandle(SubscriptionImpl.class, "offered", long.class);
            DROPPED = lookup.findVarHandle(SubscriptionImpl.class, "dropped", long.class);
            DELIVERED = lookup.findVarHandle(SubscriptionImpl.class, "delivered", long.class);
            SLEEPING = lookup.findVarHandle(SubscriptionImpl.class, "sleeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PacketStreamImpl stream;
    private final PacketListener listener;
    private final int capacity;
    /** Power-of-two sized so that a slot index is a mask, not a division; never more than {@link #capacity} used. */
    private final PacketSummary[] queue;
    private final int mask;
    private final Thread thread;

    // written by the publisher thread only
    private long tail;
    private long headSeenByPublisher;
    private long offered;
    private long dropped;

    // written by the delivery thread only
    private long head;
    private long delivered;
    private long listenerFailures;

    private boolean sleeping;
    private volatile boolean closed;
    private volatile DisplayFilter filter;

    SubscriptionImpl(PacketStreamImpl stream, DisplayFilter filter, PacketListener listener, int capacity) {
        this.stream = stream;
        this.filter = filter;
        this.listener = listener;
        this.capacity = capacity;
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) {
            size <<= 1;
        }
        this.queue = new PacketSummary[size];
        this.mask = size - 1;
        this.thread = new Thread(this::deliverUntilClosed, "osprey-stream-delivery-" + THREAD_NUMBERS.incrementAndGet());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    // ------------------------------------------------------------------ publisher side (one thread)

    /** Queues the packet, or counts it as dropped when the queue is full. Never blocks, never allocates. */
    void offer(PacketSummary packet) {
        if (closed) {
            return;
        }
        OFFERED.setOpaque(this, offered + 1);
        long t = tail;
        if (t - headSeenByPublisher >= capacity) {
            headSeenByPublisher = (long) HEAD.getAcquire(this);
            if (t - headSeenByPublisher >= capacity) {
                DROPPED.setOpaque(this, dropped + 1);
                return;
            }
        }
        queue[(int) t & mask] = packet;
        TAIL.setRelease(this, t + 1);
    }

    /**
     * Called by the publisher after its volatile write of the published sequence, which orders this read after the
     * tail writes of {@link #offer}.
     */
    void wakeIfSleeping() {
        if ((boolean) SLEEPING.getVolatile(this) && SLEEPING.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
        }
    }

    // ------------------------------------------------------------------ delivery thread

    private void deliverUntilClosed() {
        PacketSummary[] batch = new PacketSummary[Math.min(capacity, MAX_BATCH)];
        long dropsReported = 0;
        int idlePolls = 0;
        while (!closed) {
            long h = head;
            long t = (long) TAIL.getAcquire(this);
            if (h == t) {
                if (++idlePolls < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    waitForPackets(h);
                    idlePolls = 0;
                }
                continue;
            }
            idlePolls = 0;
            DisplayFilter currentFilter = filter;
            long taken = Math.min(t - h, batch.length);
            int count = 0;
            while (h < t && count < batch.length) {
                int slot = (int) h & mask;
                PacketSummary packet = queue[slot];
                queue[slot] = null; // do not keep packets alive after they are delivered
                h++;
                if (currentFilter == null || currentFilter.matches(packet)) {
                    batch[count++] = packet;
                }
            }
            // Hand the slots back before calling the listener: a slow listener holds only its batch, not queue space.
            HEAD.setRelease(this, h);
            long droppedNow = (long) DROPPED.getOpaque(this);
            if (droppedNow != dropsReported) {
                long newDrops = droppedNow - dropsReported;
                dropsReported = droppedNow;
                callListener(null, 0, newDrops);
            }
            if (count > 0) {
                DELIVERED.setOpaque(this, delivered + count);
                callListener(batch, count, 0);
                Arrays.fill(batch, 0, count, null);
            }
            if (taken < SMALL_BATCH && !closed) {
                LockSupport.parkNanos(this, BATCHING_PAUSE_NANOS);
            }
        }
        Arrays.fill(queue, null);
    }

    /**
     * Parks until the publisher has queued past {@code head} or the subscription is closed.
     * <p>
     * Lost wake-ups are impossible because both sides do "write, then read the other's flag" through volatile
     * accesses: here {@code sleeping = true} then a volatile read of the stream's published sequence; the publisher
     * writes tail, then the published sequence (volatile), then reads {@code sleeping}. Either this thread sees the
     * new tail, or the publisher sees {@code sleeping} and unparks it.
     */
    private void waitForPackets(long h) {
        SLEEPING.setVolatile(this, true);
        stream.publishedSequence(); // volatile read: orders the tail read below after the sleeping write
        if ((long) TAIL.getAcquire(this) != h || closed) {
            SLEEPING.setVolatile(this, false);
            return;
        }
        LockSupport.park(this);
        SLEEPING.setVolatile(this, false);
    }

    private void callListener(PacketSummary[] batch, int count, long newDrops) {
        try {
            if (batch == null) {
                listener.onDropped(newDrops);
            } else {
                listener.onPackets(batch, count);
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // a faulty listener must not end delivery
            listenerFailures++;
            if (Long.bitCount(listenerFailures) == 1) { // 1st, 2nd, 4th, 8th...: a failing listener cannot flood the log
                LOG.log(Level.WARNING, "Packet listener " + listener.getClass().getName() + " failed on "
                        + thread.getName() + " (" + listenerFailures + " failures so far); delivery goes on", e);
            }
        }
    }

    // ------------------------------------------------------------------ Subscription

    @Override
    public long offered() {
        return (long) OFFERED.getOpaque(this);
    }

    @Override
    public long delivered() {
        return (long) DELIVERED.getOpaque(this);
    }

    @Override
    public long dropped() {
        return (long) DROPPED.getOpaque(this);
    }

    @Override
    public int queueCapacity() {
        return capacity;
    }

    @Override
    public DisplayFilter filter() {
        return filter;
    }

    @Override
    public void setFilter(DisplayFilter filter) {
        this.filter = filter;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stream.removeSubscription(this);
        LockSupport.unpark(thread);
    }

    /** The delivery thread, for tests that wait for it to end. */
    Thread deliveryThread() {
        return thread;
    }

    @Override
    public String toString() {
        return "Subscription[" + thread.getName() + ", filter=" + filter + ", offered=" + offered() + ", delivered="
                + delivered() + ", dropped=" + dropped() + "]";
    }
}
