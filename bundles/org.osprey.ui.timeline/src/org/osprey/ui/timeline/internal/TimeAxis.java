package org.osprey.ui.timeline.internal;

/**
 * Which stretch of packet time the timeline shows, and how it moves: the visible span ends at {@link #endNanos()}
 * (exclusive) and is {@link #spanNanos()} long.
 * <p>
 * While {@link #isFollowing() following} (live), the right edge is the newest packet's time, and until the person
 * zooms the span is the whole time the ring holds ({@link #isFitting() fitting}). Zooming while live keeps the right
 * edge on the newest packet (the live edge is the anchor); zooming while frozen keeps the moment under the pointer
 * where it is. Panning moves a frozen axis only. The span stays between {@link #MIN_SPAN_NANOS} and the time the ring
 * holds.
 * <p>
 * Display buckets come from a fixed ladder of round widths ({@link #bucketWidthNanos}) and are aligned to multiples of
 * their width in absolute time, so bars keep their boundaries while the axis scrolls. UI thread only; no widgets.
 */
public final class TimeAxis {

    /** The narrowest view: about one second. */
    public static final long MIN_SPAN_NANOS = 1_000_000_000L;

    /** A display bucket is at least this many pixels wide, so that bars stay visible and clickable. */
    public static final int MIN_BUCKET_PIXELS = 3;

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;
    private static final long D = 24 * H;

    /** Round widths for buckets and axis ticks, all multiples of {@link DensityModel#FINE_BUCKET_NANOS}. */
    private static final long[] ROUND_WIDTHS = { MS, 2 * MS, 5 * MS, 10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS,
            500 * MS, S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, H,
            2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 14 * D, 30 * D, 91 * D, 365 * D };

    private long spanNanos = MIN_SPAN_NANOS;
    private long endNanos = MIN_SPAN_NANOS;
    private boolean following = true;
    private boolean fitting = true;

    /** The first moment shown. */
    public long startNanos() {
        return endNanos - spanNanos;
    }

    /** The end of what is shown (exclusive). */
    public long endNanos() {
        return endNanos;
    }

    public long spanNanos() {
        return spanNanos;
    }

    /** Whether the right edge follows the newest packet (live). */
    public boolean isFollowing() {
        return following;
    }

    /** Whether the span follows the time the ring holds (until the person zooms). */
    public boolean isFitting() {
        return fitting;
    }

    /**
     * Moves a following axis to the newest packet; a fitting one also spans everything held. Does nothing when frozen.
     *
     * @param oldestNanos the oldest packet time held
     * @param newestNanos the newest packet time held
     */
    public void follow(long oldestNanos, long newestNanos) {
        if (!following) {
            return;
        }
        endNanos = newestNanos + 1;
        if (fitting) {
            spanNanos = Math.max(MIN_SPAN_NANOS, endNanos - oldestNanos);
        }
    }

    /** Stops following (Pause): the axis stays where it is until {@link #resume()}. */
    public void freeze() {
        following = false;
    }

    /** Follows the newest packet again (Resume). */
    public void resume() {
        following = true;
    }

    /** Spans everything held again, from the next {@link #follow} on. */
    public void fit() {
        fitting = true;
        following = true;
    }

    /** Back to the state of a new axis (the stream was cleared), keeping whether it follows. */
    public void reset() {
        spanNanos = MIN_SPAN_NANOS;
        endNanos = MIN_SPAN_NANOS;
        fitting = true;
    }

    /**
     * Zooms by {@code factor} (below 1 zooms in).
     *
     * @param anchorFraction where the moment that stays put is, 0 at the left edge to 1 at the right (ignored while
     *                       following: the right edge stays on the newest packet)
     * @param heldSpanNanos  the time the ring holds: the widest span allowed (never below {@link #MIN_SPAN_NANOS})
     */
    public void zoom(double factor, double anchorFraction, long heldSpanNanos) {
        fitting = false;
        long widest = Math.max(MIN_SPAN_NANOS, heldSpanNanos);
        long newSpan = Math.clamp(Math.round(spanNanos * factor), MIN_SPAN_NANOS, Math.max(widest, MIN_SPAN_NANOS));
        if (!following) {
            double fraction = Math.clamp(anchorFraction, 0.0, 1.0);
            long anchor = startNanos() + Math.round(spanNanos * fraction);
            endNanos = anchor + Math.round(newSpan * (1 - fraction));
        }
        spanNanos = newSpan;
    }

    /** Moves a frozen axis later by {@code deltaNanos} (earlier when negative); a following axis does not pan. */
    public void pan(long deltaNanos) {
        if (!following) {
            endNanos += deltaNanos;
        }
    }

    /** Packet time at pixel {@code x} of a plot {@code width} pixels wide. */
    public long timeAt(int x, int width) {
        return startNanos() + Math.round((double) spanNanos * x / Math.max(1, width));
    }

    /** Pixel of packet time {@code nanos} on a plot {@code width} pixels wide (may be outside 0..width). */
    public int xOf(long nanos, int width) {
        return (int) Math.floor((double) (nanos - startNanos()) * width / spanNanos);
    }

    /** The display bucket width for a plot {@code width} pixels wide: the roundest at least a few pixels wide. */
    public long bucketWidthNanos(int width) {
        return roundWidthAtLeast((double) spanNanos * MIN_BUCKET_PIXELS / Math.max(1, width));
    }

    /** The smallest round width (1, 2, 5 ms ... 15 s, 30 s, 1 min ... days) of at least {@code nanos}. */
    public static long roundWidthAtLeast(double nanos) {
        for (long width : ROUND_WIDTHS) {
            if (width >= nanos) {
                return width;
            }
        }
        long largest = ROUND_WIDTHS[ROUND_WIDTHS.length - 1];
        return (long) Math.ceil(nanos / largest) * largest;
    }
}
