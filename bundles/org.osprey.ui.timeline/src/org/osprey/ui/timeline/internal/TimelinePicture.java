package org.osprey.ui.timeline.internal;

import java.util.Arrays;
import java.util.List;

import org.osprey.ui.timeline.TimelineMarker;

/**
 * What the timeline shows at one refresh: the visible range, the display buckets and their counts, the marks. Made on
 * the UI thread by the part, drawn by {@link TimelinePainter}, compared with the previous one to redraw only on change.
 *
 * @param startNanos        first moment shown
 * @param endNanos          end of what is shown (exclusive)
 * @param firstBucketNanos  start of the first display bucket (at or before {@code startNanos})
 * @param bucketWidthNanos  width of every display bucket
 * @param counts            packets per display bucket
 * @param markers           marks between start and end
 * @param paused            whether the view is frozen
 * @param empty             whether the stream holds no packet at all
 */
public record TimelinePicture(long startNanos, long endNanos, long firstBucketNanos, long bucketWidthNanos,
        int[] counts, List<TimelineMarker> markers, boolean paused, boolean empty) {

    public long spanNanos() {
        return endNanos - startNanos;
    }

    public long bucketStartNanos(int bucket) {
        return firstBucketNanos + bucket * bucketWidthNanos;
    }

    /** The display bucket holding packet time {@code nanos}, or -1 outside. */
    public int bucketAt(long nanos) {
        if (nanos < firstBucketNanos) {
            return -1;
        }
        long bucket = (nanos - firstBucketNanos) / bucketWidthNanos;
        return bucket < counts.length ? (int) bucket : -1;
    }

    public int maxCount() {
        int max = 0;
        for (int count : counts) {
            max = Math.max(max, count);
        }
        return max;
    }

    public long total() {
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimelinePicture picture && startNanos == picture.startNanos
                && endNanos == picture.endNanos && firstBucketNanos == picture.firstBucketNanos
                && bucketWidthNanos == picture.bucketWidthNanos && Arrays.equals(counts, picture.counts)
                && markers.equals(picture.markers) && paused == picture.paused && empty == picture.empty;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startNanos) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "TimelinePicture[" + startNanos + ".." + endNanos + ", " + counts.length + " buckets of "
                + bucketWidthNanos + " ns, " + total() + " packets, " + markers.size() + " marks"
                + (paused ? ", paused" : "") + "]";
    }
}
