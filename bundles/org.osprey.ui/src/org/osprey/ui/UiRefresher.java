package org.osprey.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.ILog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;

/**
 * The one UI refresh clock of the application: a single timer on the Display thread, at most
 * {@value #MAX_TICKS_PER_SECOND} ticks a second, that refreshes each registered view only when it was marked dirty
 * since the previous tick.
 * <p>
 * Views never redraw per packet: whatever thread learns that a view's data changed calls
 * {@link Registration#markDirty()} (a single volatile write: cheap, never blocks, allocates nothing), and any number of
 * marks between two ticks coalesce into one {@link Runnable#run() refresh} on the UI thread.
 * <p>
 * One instance per application: {@link UiRefresherAddon} creates it and puts it into the application context, from
 * where parts get it with {@code @Inject UiRefresher}. Registering, unregistering and disposing happen on the UI thread.
 */
public final class UiRefresher {

    /** The upper bound of the tick rate: more would cost UI time and nobody sees it. */
    public static final int MAX_TICKS_PER_SECOND = 10;

    /** System property that lowers the tick rate, in ticks per second (1 to {@value #MAX_TICKS_PER_SECOND}). */
    public static final String RATE_PROPERTY = "osprey.ui.refreshHz";

    private final Display display;
    private int tickMillis;
    private final List<Registration> registrations = new ArrayList<>();
    private final Runnable tick = this::tick;
    private long ticks;
    private long longestTickNanos;
    private boolean disposed;

    /**
     * Starts ticking on the given display's thread; call from that thread.
     *
     * @param ticksPerSecond the tick rate, clamped to 1..{@value #MAX_TICKS_PER_SECOND}
     */
    public UiRefresher(Display display, int ticksPerSecond) {
        this.display = display;
        int rate = Math.clamp(ticksPerSecond, 1, MAX_TICKS_PER_SECOND);
        this.tickMillis = 1000 / rate;
        checkUiThread();
        display.disposeExec(this::dispose);
        display.timerExec(tickMillis, tick);
    }

    /** The tick rate asked for by the {@value #RATE_PROPERTY} system property, else {@code preferred}. */
    public static int configuredTicksPerSecond(int preferred) {
        return Integer.getInteger(RATE_PROPERTY, preferred);
    }

    /**
     * Registers a view's refresh. The returned registration starts clean: mark it dirty when there is something to show.
     *
     * @param refresh runs on the UI thread, at most once a tick, only after {@link Registration#markDirty()}
     */
    public Registration register(Runnable refresh) {
        checkUiThread();
        Registration registration = new Registration(refresh);
        if (!disposed) {
            registrations.add(registration);
        }
        return registration;
    }

    /** Changes the tick rate (clamped to 1..{@value #MAX_TICKS_PER_SECOND}); the next tick comes at the new pace. */
    public void setTicksPerSecond(int ticksPerSecond) {
        checkUiThread();
        int millis = 1000 / Math.clamp(ticksPerSecond, 1, MAX_TICKS_PER_SECOND);
        if (millis != tickMillis && !disposed) {
            tickMillis = millis;
            display.timerExec(-1, tick);
            display.timerExec(tickMillis, tick);
        }
    }

    /** Milliseconds between two ticks. */
    public int tickMillis() {
        return tickMillis;
    }

    /** How many ticks have run so far (lets a test wait for "the next tick" without measuring time). */
    public long ticks() {
        checkUiThread();
        return ticks;
    }

    /**
     * The longest time one tick has spent refreshing views so far, in nanoseconds: the worst UI stall the views caused
     * (the architecture's budget is 50 ms).
     */
    public long longestTickNanos() {
        checkUiThread();
        return longestTickNanos;
    }

    /** Forgets the longest tick so far (a benchmark's measured phase starts after its warm-up). */
    public void resetLongestTick() {
        checkUiThread();
        longestTickNanos = 0;
    }

    /** Stops the timer and forgets every registration. Called by itself when the display is disposed. */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        registrations.clear();
        if (!display.isDisposed()) {
            display.timerExec(-1, tick);
        }
    }

    private void checkUiThread() {
        if (display.getThread() != Thread.currentThread()) {
            SWT.error(SWT.ERROR_THREAD_INVALID_ACCESS);
        }
    }

    private void tick() {
        if (disposed || display.isDisposed()) {
            return;
        }
        ticks++;
        long start = System.nanoTime();
        // over a copy: a refresh may register or unregister views
        Registration[] current = registrations.toArray(new Registration[0]);
        for (Registration registration : current) {
            if (registration.registered && registration.dirty.getAndSet(false)) {
                try {
                    registration.refresh.run();
                } catch (RuntimeException e) {
                    // one broken view must not stop the clock for every other view
                    ILog.of(UiRefresher.class).error("a view's refresh failed", e);
                }
            }
        }
        longestTickNanos = Math.max(longestTickNanos, System.nanoTime() - start);
        display.timerExec(tickMillis, tick);
    }

    /** One view's membership in the refresh clock. */
    public final class Registration {

        private final Runnable refresh;
        private final AtomicBoolean dirty = new AtomicBoolean();
        private volatile boolean registered = true;

        private Registration(Runnable refresh) {
            this.refresh = refresh;
        }

        /** Asks for one refresh at the next tick. Any thread; cheap, never blocks. */
        public void markDirty() {
            dirty.set(true);
        }

        /** Stops refreshing this view (idempotent). UI thread. */
        public void unregister() {
            registered = false;
            registrations.remove(this);
        }
    }
}
