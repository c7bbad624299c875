package org.osprey.ui.alerts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osprey.ui.alerts.internal.ToastThrottle.Decision;

/** The toast rate limit, with the time given (no waiting): at most N toasts in any window, summaries included. */
class ToastThrottleTest {

    private static final long WINDOW = 10_000;

    @Test
    void showsUpToTheLimitThenHoldsAndSummarizesWhenASlotFreesUp() {
        ToastThrottle throttle = new ToastThrottle(3, WINDOW);
        assertEquals(Decision.SHOW, throttle.offer(1, 0));
        assertEquals(Decision.SHOW, throttle.offer(2, 100));
        assertEquals(Decision.SHOW, throttle.offer(3, 200));
        for (long id = 4; id <= 50; id++) {
            assertEquals(Decision.HELD, throttle.offer(id, 300 + id));
        }
        assertEquals(47, throttle.held());
        assertEquals(50, throttle.heldNewestId(), "a summary's click shows the newest alert it counts");
        assertEquals(0, throttle.takeSummary(9_999), "no slot before the first toast is 10 s old");
        assertEquals(WINDOW, throttle.nextSlotAt());
        assertEquals(47, throttle.takeSummary(WINDOW), "one summary for all that were held");
        assertEquals(0, throttle.held());
        assertEquals(0, throttle.takeSummary(WINDOW + 1), "nothing left to summarize");
        // the summary took the freed slot: alerts 2 and 3 still fill the window with it
        assertEquals(Decision.HELD, throttle.offer(51, WINDOW + 50));
    }

    @Test
    void whileAlertsAreHeldNewOnesWaitForTheSummaryEvenWhenASlotIsFree() {
        ToastThrottle throttle = new ToastThrottle(1, WINDOW);
        assertEquals(Decision.SHOW, throttle.offer(1, 0));
        assertEquals(Decision.HELD, throttle.offer(2, 10));
        // the slot is free again, but alert 2 was held first: 3 joins it so the summary comes before any newer toast
        assertEquals(Decision.HELD, throttle.offer(3, WINDOW + 5));
        assertEquals(2, throttle.takeSummary(WINDOW + 6));
    }

    @Test
    void aFloodNeverGivesMoreThanTheLimitInAnyWindow() {
        int limit = 4;
        ToastThrottle throttle = new ToastThrottle(limit, WINDOW);
        List<Long> toastTimes = new ArrayList<>();
        // 100 alerts a second for two minutes, the summary checked every 100 ms as the UI's timer would
        for (long now = 0; now < 120_000; now += 10) {
            if (throttle.offer(now, now) == Decision.SHOW) {
                toastTimes.add(now);
            }
            if (now % 100 == 0 && throttle.takeSummary(now) > 0) {
                toastTimes.add(now);
            }
        }
        for (int i = 0; i + limit < toastTimes.size(); i++) {
            assertTrue(toastTimes.get(i + limit) - toastTimes.get(i) >= WINDOW,
                    "toasts " + i + ".." + (i + limit) + " within one window: " + toastTimes);
        }
        assertTrue(toastTimes.size() >= 12 * limit - limit, "the limit is used, not starved: " + toastTimes.size());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ToastThrottle(0, WINDOW));
    }
}
