package org.osprey.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osprey.ui.timeline.internal.DensityModel;
import org.osprey.ui.timeline.internal.TimeAxis;

/** How the visible stretch of packet time follows, zooms and pans, without a widget. */
class TimeAxisTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    @Test
    void liveAndFittingItSpansEverythingHeldUpToTheNewestPacket() {
        TimeAxis axis = new TimeAxis();
        axis.follow(100 * S, 130 * S);
        assertEquals(130 * S + 1, axis.endNanos());
        assertEquals(30 * S + 1, axis.spanNanos());
        assertEquals(100 * S, axis.startNanos());
        axis.follow(100 * S, 100 * S + 200 * MS); // less than a second held: the narrowest view
        assertEquals(TimeAxis.MIN_SPAN_NANOS, axis.spanNanos());
    }

    @Test
    void zoomingLiveKeepsTheRightEdgeOnTheNewestPacketAndStaysWithinOneSecondAndTheTimeHeld() {
        TimeAxis axis = new TimeAxis();
        axis.follow(0, 60 * S);
        axis.zoom(0.5, 0.2, 60 * S);
        assertFalse(axis.isFitting());
        assertEquals(60 * S + 1, axis.endNanos(), "live: the right edge stays");
        assertEquals(Math.round((60 * S + 1) * 0.5), axis.spanNanos());
        axis.follow(0, 70 * S); // more packets: the edge moves, the zoomed span stays
        assertEquals(70 * S + 1, axis.endNanos());
        assertEquals(Math.round((60 * S + 1) * 0.5), axis.spanNanos());
        for (int i = 0; i < 50; i++) {
            axis.zoom(0.8, 0.5, 70 * S);
        }
        assertEquals(TimeAxis.MIN_SPAN_NANOS, axis.spanNanos(), "no narrower than about a second");
        for (int i = 0; i < 50; i++) {
            axis.zoom(1.25, 0.5, 70 * S);
        }
        assertEquals(70 * S, axis.spanNanos(), "no wider than the time held");
    }

    @Test
    void frozenItZoomsAroundTheAnchorAndPans() {
        TimeAxis axis = new TimeAxis();
        axis.follow(0, 100 * S);
        axis.freeze();
        axis.follow(0, 200 * S); // packets that arrive while paused do not move it
        assertEquals(100 * S + 1, axis.endNanos());
        int width = 1000;
        long underPointer = axis.timeAt(250, width);
        axis.zoom(0.5, 0.25, 100 * S);
        assertTrue(Math.abs(axis.timeAt(250, width) - underPointer) <= axis.spanNanos() / width,
                "the moment under the pointer stays");
        long end = axis.endNanos();
        axis.pan(-5 * S);
        assertEquals(end - 5 * S, axis.endNanos());
        axis.resume();
        axis.follow(0, 200 * S);
        assertEquals(200 * S + 1, axis.endNanos(), "resumed, it follows again");
        axis.pan(-5 * S);
        assertEquals(200 * S + 1, axis.endNanos(), "a live axis does not pan");
    }

    @Test
    void bucketsAreRoundWidthsAFewPixelsWideAndMultiplesOfTheFineWidth() {
        TimeAxis axis = new TimeAxis();
        axis.follow(0, S - 1); // one second
        assertEquals(5 * MS, axis.bucketWidthNanos(1000), "1 s over 1000 px: at least 3 ms, rounded to 5 ms");
        axis.follow(0, 23 * S);
        assertEquals(100 * MS, axis.bucketWidthNanos(1200));
        axis.follow(0, 3 * 3600 * S);
        assertEquals(30 * S, axis.bucketWidthNanos(1200));
        for (long span = S; span < 400L * 24 * 3600 * S; span *= 3) {
            long width = TimeAxis.roundWidthAtLeast(span / 333.0);
            assertEquals(0, width % DensityModel.FINE_BUCKET_NANOS, "fine-aligned: " + width);
            assertTrue(width >= span / 333.0, "wide enough");
        }
    }
}
