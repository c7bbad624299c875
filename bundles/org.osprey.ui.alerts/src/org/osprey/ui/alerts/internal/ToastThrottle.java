package org.osprey.ui.alerts.internal;

import java.util.ArrayDeque;

/**
 * The toasts' rate limit: at most {@code limit} toasts within any {@code windowMillis}, summaries included, so that a
 * flood of alerts cannot flood the screen. Alerts beyond the limit are held (counted); once a toast slot frees up,
 * {@link #takeSummary} gives their number for one summary toast ("N more alerts"). While some are held, new alerts are
 * held too, so the summary comes before any newer single toast.
 * <p>
 * Time is passed in (wall-clock milliseconds: toasts are for a person, not about packet time), so the behaviour is
 * testable without waiting. Not thread-safe: used on the UI thread.
 */
public final class ToastThrottle {

    /** What to do with one alert. */
    public enum Decision {
        /** Show it as a toast now. */
        SHOW,
        /** Over the limit: counted for the next summary. */
        HELD
    }

    private final int limit;
    private final long windowMillis;
    /** When the toasts within the current window were shown, oldest first. */
    private final ArrayDeque<Long> shownAt = new ArrayDeque<>();
    private int held;
    private long heldNewestId = -1;

    /**
     * @param limit        toasts per window at most, 1 or more
     * @param windowMillis the window, more than 0
     */
    public ToastThrottle(int limit, long windowMillis) {
        if (limit < 1 || windowMillis <= 0) {
            throw new IllegalArgumentException("limit " + limit + " per " + windowMillis + " ms");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    /** An alert worth a toast arrived at {@code nowMillis}; {@code id} is remembered for the summary's click. */
    public Decision offer(long id, long nowMillis) {
        forgetBefore(nowMillis - windowMillis);
        if (held == 0 && shownAt.size() < limit) {
            shownAt.addLast(nowMillis);
            return Decision.SHOW;
        }
        held++;
        heldNewestId = Math.max(heldNewestId, id);
        return Decision.HELD;
    }

    /**
     * The number of held alerts for a summary toast when one may be shown now (then the count starts again), else 0.
     */
    public int takeSummary(long nowMillis) {
        forgetBefore(nowMillis - windowMillis);
        if (held == 0 || shownAt.size() >= limit) {
            return 0;
        }
        shownAt.addLast(nowMillis);
        int summarized = held;
        held = 0;
        return summarized;
    }

    /** The newest id among the alerts held since the last summary (-1 when none): a summary's click shows it. */
    public long heldNewestId() {
        return heldNewestId;
    }

    /** How many alerts are held for the next summary. */
    public int held() {
        return held;
    }

    /** When the next summary may be shown (a slot frees up), in the clock of the offers; for when {@link #held} > 0. */
    public long nextSlotAt() {
        return shownAt.isEmpty() ? 0 : shownAt.peekFirst() + windowMillis;
    }

    public int limit() {
        return limit;
    }

    public long windowMillis() {
        return windowMillis;
    }

    private void forgetBefore(long oldestKept) {
        while (!shownAt.isEmpty() && shownAt.peekFirst() <= oldestKept) {
            shownAt.removeFirst();
        }
    }
}
