package org.osprey.capture.internal;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osprey.capture.CaptureCounters;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureState;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.stream.PacketStream;

/**
 * What every capture source shares: the state machine, the capture thread, the counters and publishing.
 * <p>
 * A subclass opens its input in {@link #open()} (on the caller's thread, so start-up errors are thrown from
 * {@link #start()}), produces packets in {@link #run()} on the capture thread until {@link #running()} turns false,
 * and releases its input in {@link #release()} on the capture thread (native handles are only touched by it).
 * <p>
 * Counters are written by the capture thread only, with opaque stores, so readers on other threads see recent
 * values without the publisher paying for a fence per packet.
 */
abstract class AbstractCaptureSource implements CaptureSource {

    private static final System.Logger LOG = System.getLogger(AbstractCaptureSource.class.getName());
    private static final VarHandle CAPTURED, BYTES, KERNEL_DROPS, INTERFACE_DROPS, DECODE_ERRORS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CAPTURED = lookup.findVarHandle(AbstractCaptureSource.class, "captured", long.class);
            BYTES = lookup.findVarHandle(AbstractCaptureSource.class, "bytes", long.class);
            KERNEL_DROPS = lookup.findVarHandle(AbstractCaptureSource.class, "kernelDrops", long.class);
            INTERFACE_DROPS = lookup.findVarHandle(AbstractCaptureSource.class, "interfaceDrops", long.class);
            DECODE_ERRORS = lookup.findVarHandle(AbstractCaptureSource.class, "decodeErrors", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How long {@link #stop()} waits for the capture thread before giving up on it. */
    private static final long STOP_WAIT_MILLIS = 5_000;

    protected final PacketStream target;
    private final CopyOnWriteArrayList<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object stateLock = new Object();
    private CaptureState state = CaptureState.CREATED; // guarded by stateLock
    private volatile CaptureException failure;
    private volatile boolean running;
    private Thread thread;

    // written by the capture thread only (opaque)
    private long captured;
    private long bytes;
    private long kernelDrops;
    private long interfaceDrops;
    private long decodeErrors;

    protected AbstractCaptureSource(PacketStream target) {
        this.target = Objects.requireNonNull(target, "target stream");
    }

    /** Opens the input; runs on the thread calling {@link #start()}. */
    protected abstract void open() throws CaptureException;

    /**
     * Produces packets until {@link #running()} is false or the input ends.
     *
     * @return true when the input ended by itself (state FINISHED), false when stopped
     * @throws CaptureException when capture fails (state FAILED)
     */
    protected abstract boolean run() throws CaptureException;

    /** Releases the input; runs on the capture thread after {@link #run()}, or on the caller when open failed half-way. */
    protected abstract void release();

    /**
     * Wakes the capture thread if it may be blocked in a read (called by {@link #stop()} after {@link #running()}
     * turned false). The default does nothing: sources that only park between packets notice the flag by themselves.
     */
    protected void wakeUp() {
    }

    @Override
    public final void start() throws CaptureException {
        Exception openFailure = null;
        synchronized (stateLock) {
            if (state != CaptureState.CREATED) {
                throw new IllegalStateException(name() + " was started before (it is " + state + ")");
            }
            try {
                open();
                running = true;
                state = CaptureState.RUNNING;
                thread = new Thread(this::captureLoop, "osprey-capture-" + name());
                thread.setDaemon(true);
            } catch (CaptureException | RuntimeException e) {
                release();
                failure = e instanceof CaptureException ce ? ce
                        : new CaptureException(CaptureException.Reason.CAPTURE_FAILED, name() + ": " + e, e);
                state = CaptureState.FAILED;
                openFailure = e;
            }
        }
        if (openFailure != null) {
            fire(CaptureState.FAILED);
            ended.countDown();
            if (openFailure instanceof RuntimeException e) {
                throw e;
            }
            throw (CaptureException) openFailure;
        }
        // listeners hear RUNNING before the thread can make any later state (a stop() meanwhile waits for it)
        fire(CaptureState.RUNNING);
        thread.start();
    }

    private void captureLoop() {
        CaptureState end;
        try {
            end = run() ? CaptureState.FINISHED : CaptureState.STOPPED;
        } catch (CaptureException e) {
            failure = e;
            end = CaptureState.FAILED;
        } catch (RuntimeException | Error e) {
            failure = new CaptureException(CaptureException.Reason.CAPTURE_FAILED,
                    name() + " stopped on an internal error: " + e, e);
            end = CaptureState.FAILED;
        } finally {
            try {
                release();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Releasing " + name() + " failed", e);
            }
        }
        if (end == CaptureState.FAILED) {
            LOG.log(Level.WARNING, failure.getMessage());
        }
        if (!running && end == CaptureState.FINISHED) {
            end = CaptureState.STOPPED;
        }
        running = false;
        synchronized (stateLock) {
            state = end;
        }
        // listeners first: whoever waits in awaitTermination may rely on what they did
        fire(end);
        ended.countDown();
    }

    @Override
    public final void stop() {
        Thread t;
        synchronized (stateLock) {
            if (state == CaptureState.CREATED) {
                state = CaptureState.STOPPED;
                ended.countDown();
                t = null;
            } else {
                t = thread;
            }
            running = false;
        }
        if (t == null) {
            fire(CaptureState.STOPPED);
            return;
        }
        if (t != Thread.currentThread()) {
            wakeUp();
            try {
                if (!ended.await(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, name() + ": capture thread did not end within " + STOP_WAIT_MILLIS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the capture thread should go on; checked between packets. */
    protected final boolean running() {
        return running;
    }

    @Override
    public final CaptureState state() {
        synchronized (stateLock) {
            return state;
        }
    }

    @Override
    public final CaptureException failure() {
        return failure;
    }

    @Override
    public final boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    @Override
    public final CaptureCounters counters() {
        return new CaptureCounters((long) CAPTURED.getOpaque(this), (long) BYTES.getOpaque(this),
                (long) KERNEL_DROPS.getOpaque(this), (long) INTERFACE_DROPS.getOpaque(this),
                (long) DECODE_ERRORS.getOpaque(this));
    }

    @Override
    public final void addStateListener(StateListener listener) {
        listeners.addIfAbsent(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public final void removeStateListener(StateListener listener) {
        listeners.remove(listener);
    }

    private void fire(CaptureState newState) {
        for (StateListener listener : listeners) {
            try {
                listener.stateChanged(this, newState);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "State listener " + listener.getClass().getName() + " failed", e);
            }
        }
    }

    @Override
    public List<Integer> linkTypes() {
        return List.of();
    }

    @Override
    public String toString() {
        return description();
    }

    // ------------------------------------------------------------------ for the capture thread

    /**
     * Decodes the summary of a frame and publishes it. Per packet this allocates only the summary (and the DNS query
     * name, if any); the frame is kept by reference and must not be changed afterwards.
     */
    protected final void publishFrame(byte[] frame, int capturedLength, int wireLength, int linkType,
            long timestampNanos) {
        PacketSummary packet = PacketSummary.ofFrame(frame, capturedLength, wireLength, linkType, 0, timestampNanos);
        SummaryDecoder.decode(packet);
        publish(packet);
    }

    /** Publishes an already decoded summary and counts it. */
    protected final void publish(PacketSummary packet) {
        if (packet.hasFlag(PacketSummary.FLAG_MALFORMED)) {
            DECODE_ERRORS.setOpaque(this, decodeErrors + 1);
        }
        target.publish(packet);
        BYTES.setOpaque(this, bytes + packet.wireLength());
        CAPTURED.setOpaque(this, captured + 1);
    }

    /** Records the kernel's drop counters (they are totals since the capture opened). */
    protected final void setDrops(long kernel, long byInterface) {
        KERNEL_DROPS.setOpaque(this, kernel);
        INTERFACE_DROPS.setOpaque(this, byInterface);
    }
}
