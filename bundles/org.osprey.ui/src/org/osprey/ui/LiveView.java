package org.osprey.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.osprey.stream.PacketStream;

/**
 * Whether the views follow the stream live or are paused for inspection. Pause freezes what every view shows (table,
 * charts, timeline); capture, transport and the stream's ring buffer go on, so Resume catches up with everything the
 * ring still holds.
 * <p>
 * One per application: {@link LiveViewAddon} puts it into the application context, parts get it with
 * {@code @Inject LiveView}. UI thread only; listeners are called on the UI thread.
 */
public final class LiveView {

    /** Told when the view is paused or resumed. */
    @FunctionalInterface
    public interface Listener {
        void liveViewChanged(LiveView view);
    }

    private static final long NOT_PAUSED = -1;

    private final Display display;
    private final PacketStream stream;
    private final List<Listener> listeners = new ArrayList<>();
    private long pausedAtSequence = NOT_PAUSED;
    private volatile long displayLatencyNanos = -1;

    public LiveView(Display display, PacketStream stream) {
        this.display = display;
        this.stream = stream;
    }

    public boolean isPaused() {
        return pausedAtSequence != NOT_PAUSED;
    }

    /**
     * The stream's next sequence number at the moment of pausing: packets from this one on arrived while paused.
     *
     * @throws IllegalStateException when not paused
     */
    public long pausedAtSequence() {
        if (!isPaused()) {
            throw new IllegalStateException("not paused");
        }
        return pausedAtSequence;
    }

    /** How many packets the stream has received since the pause (0 when live). */
    public long packetsSincePause() {
        return isPaused() ? Math.max(0, stream.nextSequence() - pausedAtSequence) : 0;
    }

    public void pause() {
        checkUiThread();
        if (!isPaused()) {
            pausedAtSequence = stream.nextSequence();
            fireChanged();
        }
    }

    public void resume() {
        checkUiThread();
        if (isPaused()) {
            pausedAtSequence = NOT_PAUSED;
            fireChanged();
        }
    }

    /**
     * Back to live: resumes when paused, and tells the listeners either way, so that views that stopped following the
     * newest packets (a person scrolled back) follow them again.
     */
    public void goLive() {
        checkUiThread();
        pausedAtSequence = NOT_PAUSED;
        fireChanged();
    }

    public void togglePause() {
        if (isPaused()) {
            resume();
        } else {
            pause();
        }
    }

    /**
     * Records how long after its capture the newest packet reached the screen (the packet table calls this on each
     * tick that showed new packets while live), for the status line.
     */
    public void recordDisplayLatency(long nanos) {
        displayLatencyNanos = nanos;
    }

    /** The latest capture-to-screen latency recorded, in nanoseconds, or -1 when none was. */
    public long displayLatencyNanos() {
        return displayLatencyNanos;
    }

    public void addListener(Listener listener) {
        checkUiThread();
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        checkUiThread();
        listeners.remove(listener);
    }

    private void fireChanged() {
        for (Listener listener : listeners.toArray(new Listener[0])) {
            listener.liveViewChanged(this);
        }
    }

    private void checkUiThread() {
        if (display.getThread() != Thread.currentThread()) {
            SWT.error(SWT.ERROR_THREAD_INVALID_ACCESS);
        }
    }
}
