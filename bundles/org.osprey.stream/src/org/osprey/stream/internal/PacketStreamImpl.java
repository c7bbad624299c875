package org.osprey.stream.internal;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.PacketListener;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.stream.StreamStatistics;
import org.osprey.stream.Subscription;

/**
 * The {@link PacketStream}: a ring buffer of the newest packets plus per-subscriber queues.
 * <p>
 * <b>Threads.</b> {@link #publish} must be called by one thread at a time (the capture or receive thread). Everything
 * else may be called from any thread. The publisher never blocks and allocates nothing: it stores the packet in the
 * ring, stores a reference in each subscriber's queue (or counts a drop), and writes the volatile
 * {@code published} sequence, which makes all of that visible to readers at once.
 * <p>
 * <b>Ring.</b> A preallocated array of {@code ring.capacity} references; sequence {@code s} lives in slot
 * {@code s % capacity}, so the newest packet overwrites the oldest. Slots are written with release and read with
 * acquire semantics; a reader checks that each packet it took still carries the sequence it expected, which
 * detects a slot overwritten while it was copying.
 * <p>
 * <b>Configuration.</b> Component property {@code ring.capacity} (default {@value #DEFAULT_RING_CAPACITY}). A new
 * capacity given through {@code @Modified} is applied by the publisher thread at its next publish (so the ring never
 * has two writers); it keeps the newest packets that fit.
 */
@Component(service = PacketStream.class, property = "ring.capacity:Integer=" + PacketStreamImpl.DEFAULT_RING_CAPACITY)
public final class PacketStreamImpl implements PacketStream {

    public static final String RING_CAPACITY_PROPERTY = "ring.capacity";
    public static final int DEFAULT_RING_CAPACITY = 1_000_000;
    /** Rates are measured over at least this much time when statistics are read often enough. */
    static final long RATE_WINDOW_NANOS = 1_000_000_000L;
    private static final long MIN_SAMPLE_SPACING_NANOS = 100_000_000L;
    private static final int RATE_SAMPLES = 64;

    private static final System.Logger LOG = System.getLogger(PacketStreamImpl.class.getName());
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(PacketSummary[].class);
    private static final VarHandle BYTES, EVICTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BYTES = lookup.findVarHandle(PacketStreamImpl.class, "bytes", long.class);
            EVICTED = lookup.findVarHandle(PacketStreamImpl.class, "evicted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The ring's storage; replaced (by the publisher) only when the capacity changes. */
    private static final class Ring {
        final PacketSummary[] slots;
        final int capacity;
        /** Sequences before this one were never stored in this ring (it was created later). */
        final long firstSequence;

        Ring(int capacity, long firstSequence) {
            this.slots = new PacketSummary[capacity];
            this.capacity = capacity;
            this.firstSequence = firstSequence;
        }

        int slotOf(long sequence) {
            return (int) (sequence % capacity);
        }
    }

    private volatile Ring ring;
    private volatile int requestedCapacity;

    // written by the publisher thread only
    private long nextSequence;
    private int writeSlot;
    private long bytes;
    private long evicted;
    /** The next sequence number, written last in publish: readers see everything published before it. */
    private volatile long published;

    private volatile long clearedBefore;
    private volatile SubscriptionImpl[] subscribers = new SubscriptionImpl[0];
    private final Object subscribersLock = new Object();
    private long closedSubscriberDrops; // guarded by subscribersLock
    private final CopyOnWriteArrayList<StreamListener> streamListeners = new CopyOnWriteArrayList<>();

    private final long[] sampleTimes = new long[RATE_SAMPLES];
    private final long[] samplePackets = new long[RATE_SAMPLES];
    private final long[] sampleBytes = new long[RATE_SAMPLES];
    private int sampleCount;
    private int newestSample = -1;

    /** For Declarative Services, which then calls {@link #activate}. */
    public PacketStreamImpl() {
        this(DEFAULT_RING_CAPACITY);
    }

    /** For use without OSGi (tests, benchmarks, tools). */
    public PacketStreamImpl(int ringCapacity) {
        checkCapacity(ringCapacity);
        ring = new Ring(ringCapacity, 0);
        requestedCapacity = ringCapacity;
        takeRateSample(System.nanoTime());
    }

    @Activate
    void activate(Map<String, Object> properties) {
        int capacity = ringCapacity(properties);
        if (capacity != ring.capacity) {
            ring = new Ring(capacity, nextSequence);
        }
        requestedCapacity = capacity;
    }

    @Modified
    void modified(Map<String, Object> properties) {
        requestedCapacity = ringCapacity(properties);
    }

    @Deactivate
    void deactivate() {
        for (SubscriptionImpl subscription : subscribers) {
            subscription.close();
        }
        streamListeners.clear();
    }

    private static int ringCapacity(Map<String, Object> properties) {
        Object value = properties.get(RING_CAPACITY_PROPERTY);
        if (value == null) {
            return DEFAULT_RING_CAPACITY;
        }
        long capacity;
        if (value instanceof Number number) {
            capacity = number.longValue();
        } else {
            try {
                capacity = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(RING_CAPACITY_PROPERTY + " must be a whole number, not '" + value + "'");
            }
        }
        if (capacity < 1 || capacity > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(RING_CAPACITY_PROPERTY + " must be between 1 and "
                    + (Integer.MAX_VALUE - 8) + ", not " + capacity);
        }
        return (int) capacity;
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ring capacity must be at least 1, not " + capacity);
        }
    }

    // ------------------------------------------------------------------ publishing (one thread)

    @Override
    public long publish(PacketSummary packet) {
        Objects.requireNonNull(packet, "packet");
        Ring r = ring;
        if (requestedCapacity != r.capacity) {
            r = resize(r, requestedCapacity);
        }
        long sequence = nextSequence;
        packet.setSequence(sequence);
        // numbers restart at 1 after clear(); clearedBefore is the first sequence published since then
        packet.setNumber(sequence - clearedBefore + 1);
        int slot = writeSlot;
        if (SLOTS.getOpaque(r.slots, slot) != null) {
            EVICTED.setOpaque(this, evicted + 1);
        }
        SLOTS.setRelease(r.slots, slot, packet);
        writeSlot = slot + 1 == r.capacity ? 0 : slot + 1;
        BYTES.setOpaque(this, bytes + packet.wireLength());
        nextSequence = sequence + 1;
        SubscriptionImpl[] subs = subscribers;
        for (int i = 0; i < subs.length; i++) {
            subs[i].offer(packet);
        }
        published = sequence + 1;
        for (int i = 0; i < subs.length; i++) {
            subs[i].wakeIfSleeping();
        }
        return sequence;
    }

    /** Moves the newest packets into a ring of the new capacity; runs on the publisher thread. */
    private Ring resize(Ring old, int capacity) {
        long end = nextSequence;
        long from = Math.max(Math.max(end - old.capacity, end - capacity), Math.max(old.firstSequence, clearedBefore));
        from = Math.max(from, 0);
        Ring resized = new Ring(capacity, from);
        for (long s = from; s < end; s++) {
            SLOTS.setRelease(resized.slots, resized.slotOf(s), SLOTS.getAcquire(old.slots, old.slotOf(s)));
        }
        long lost = Math.max(0, Math.min(end - Math.max(old.firstSequence, clearedBefore), old.capacity) - (end - from));
        EVICTED.setOpaque(this, evicted + lost);
        writeSlot = resized.slotOf(end);
        ring = resized;
        LOG.log(Level.INFO, "Packet ring capacity changed from " + old.capacity + " to " + capacity);
        return resized;
    }

    /** The volatile published sequence, also read by delivery threads to order their sleep (see SubscriptionImpl). */
    long publishedSequence() {
        return published;
    }

    // ------------------------------------------------------------------ subscribing

    @Override
    public Subscription subscribe(DisplayFilter filter, PacketListener listener, int queueCapacity) {
        Objects.requireNonNull(listener, "listener");
        if (queueCapacity < 1 || queueCapacity > 1 << 30) {
            throw new IllegalArgumentException("queue capacity must be between 1 and 2^30, not " + queueCapacity);
        }
        SubscriptionImpl subscription = new SubscriptionImpl(this, filter, listener, queueCapacity);
        synchronized (subscribersLock) {
            SubscriptionImpl[] grown = Arrays.copyOf(subscribers, subscribers.length + 1);
            grown[grown.length - 1] = subscription;
            subscribers = grown;
        }
        subscription.start();
        return subscription;
    }

    void removeSubscription(SubscriptionImpl subscription) {
        synchronized (subscribersLock) {
            SubscriptionImpl[] current = subscribers;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == subscription) {
                    SubscriptionImpl[] shrunk = new SubscriptionImpl[current.length - 1];
                    System.arraycopy(current, 0, shrunk, 0, i);
                    System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                    subscribers = shrunk;
                    closedSubscriberDrops += subscription.dropped();
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------ reading

    @Override
    public int read(long fromSequence, PacketSummary[] dst) {
        while (true) {
            long end = published;
            Ring r = ring;
            long start = Math.max(fromSequence, oldestHeld(end, r));
            int copied = 0;
            boolean overtaken = false;
            for (long s = start; s < end && copied < dst.length; s++) {
                PacketSummary packet = (PacketSummary) SLOTS.getAcquire(r.slots, r.slotOf(s));
                if (packet == null || packet.sequence() != s) {
                    overtaken = true;
                    break;
                }
                dst[copied++] = packet;
            }
            // What was copied is contiguous and valid even if the publisher overtook us afterwards: packets are
            // immutable once published. Only when nothing was copied is it worth starting again from the new oldest.
            if (!overtaken || copied > 0) {
                return copied;
            }
        }
    }

    @Override
    public PacketSummary get(long sequence) {
        long end = published;
        Ring r = ring;
        if (sequence < oldestHeld(end, r) || sequence >= end) {
            return null;
        }
        PacketSummary packet = (PacketSummary) SLOTS.getAcquire(r.slots, r.slotOf(sequence));
        return packet != null && packet.sequence() == sequence ? packet : null;
    }

    private long oldestHeld(long end, Ring r) {
        return Math.max(Math.max(end - r.capacity, r.firstSequence), Math.max(clearedBefore, 0));
    }

    @Override
    public long oldestSequence() {
        return oldestHeld(published, ring);
    }

    @Override
    public long nextSequence() {
        return published;
    }

    @Override
    public int ringCapacity() {
        return ring.capacity;
    }

    /** How many packets the ring holds now. */
    public int ringSize() {
        long end = published;
        return (int) (end - oldestHeld(end, ring));
    }

    // ------------------------------------------------------------------ clearing and listeners

    @Override
    public void clear() {
        long end;
        synchronized (this) {
            end = published;
            clearedBefore = Math.max(clearedBefore, end);
            // Let go of the packets so memory is freed; a compare-and-set never removes a packet the publisher
            // stored meanwhile.
            Ring r = ring;
            for (long s = Math.max(end - r.capacity, r.firstSequence); s < end; s++) {
                int slot = r.slotOf(s);
                PacketSummary packet = (PacketSummary) SLOTS.getAcquire(r.slots, slot);
                if (packet != null && packet.sequence() < end) {
                    SLOTS.compareAndSet(r.slots, slot, packet, null);
                }
            }
        }
        for (StreamListener listener : streamListeners) {
            try {
                listener.cleared(end);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Stream listener " + listener.getClass().getName() + " failed on clear", e);
            }
        }
    }

    @Override
    public void addStreamListener(StreamListener listener) {
        streamListeners.addIfAbsent(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeStreamListener(StreamListener listener) {
        streamListeners.remove(listener);
    }

    // ------------------------------------------------------------------ statistics

    @Override
    public synchronized StreamStatistics statistics() {
        long now = System.nanoTime();
        long packets = published;
        long byteCount = (long) BYTES.getOpaque(this);
        if (now - sampleTimes[newestSample] >= MIN_SAMPLE_SPACING_NANOS) {
            takeRateSample(now);
        }
        // Rate against the newest sample at least a window old, else against the oldest there is.
        int base = (newestSample - sampleCount + 1 + RATE_SAMPLES) % RATE_SAMPLES;
        for (int k = 0; k < sampleCount; k++) {
            int i = (newestSample - k + RATE_SAMPLES) % RATE_SAMPLES;
            if (now - sampleTimes[i] >= RATE_WINDOW_NANOS) {
                base = i;
                break;
            }
        }
        long elapsed = now - sampleTimes[base];
        double seconds = elapsed / 1e9;
        double packetRate = elapsed > 0 ? (packets - samplePackets[base]) / seconds : 0;
        double byteRate = elapsed > 0 ? (byteCount - sampleBytes[base]) / seconds : 0;
        long queueDrops;
        SubscriptionImpl[] subs;
        synchronized (subscribersLock) {
            queueDrops = closedSubscriberDrops;
            subs = subscribers;
        }
        for (SubscriptionImpl subscription : subs) {
            queueDrops += subscription.dropped();
        }
        Ring r = ring;
        return new StreamStatistics(packets, byteCount, packetRate, byteRate, elapsed / 1_000_000, 
                (int) (packets - oldestHeld(packets, r)), (long) EVICTED.getOpaque(this), queueDrops, subs.length);
    }

    /** Keeps (time, packets, bytes) in a circular history so rates need no timer thread. */
    private void takeRateSample(long now) {
        newestSample = (newestSample + 1) % RATE_SAMPLES;
        sampleTimes[newestSample] = now;
        samplePackets[newestSample] = published;
        sampleBytes[newestSample] = (long) BYTES.getOpaque(this);
        sampleCount = Math.min(sampleCount + 1, RATE_SAMPLES);
    }
}
