package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.testing.ui.UiRobot;
import org.osprey.ui.UiRefresher;

/** The one refresh clock on a real Display: dirty marks from any thread coalesce into one refresh per tick. */
class UiRefresherTest {

    private Display display;
    private UiRobot robot;
    private UiRefresher refresher;
    private final AtomicInteger refreshes = new AtomicInteger();

    @BeforeEach
    void start() {
        display = Display.getDefault();
        robot = new UiRobot(display);
        refresher = new UiRefresher(display, UiRefresher.MAX_TICKS_PER_SECOND);
    }

    @AfterEach
    void stop() {
        refresher.dispose();
    }

    @Test
    void aThousandMarksFromABackgroundThreadWithinOneTickCauseOneRefresh() throws InterruptedException {
        UiRefresher.Registration registration = refresher.register(refreshes::incrementAndGet);
        waitTicks(2);
        assertEquals(0, refreshes.get(), "a view nobody marked dirty is not refreshed");

        long tickBeforeMarks = refresher.ticks();
        Thread marker = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                registration.markDirty();
            }
        }, "dirty marker");
        marker.start();
        marker.join(); // the UI thread dispatches nothing meanwhile, so no tick can run during the marks
        assertEquals(tickBeforeMarks, refresher.ticks(), "all marks fell between the same two ticks");

        waitTicks(3);
        assertEquals(1, refreshes.get(), "1000 marks, one refresh");
    }

    @Test
    void marksInDifferentTicksRefreshOncePerTickAndUnregisteredViewsNoMore() {
        UiRefresher.Registration registration = refresher.register(refreshes::incrementAndGet);
        registration.markDirty();
        waitTicks(1);
        registration.markDirty();
        registration.markDirty();
        waitTicks(1);
        assertEquals(2, refreshes.get(), "one refresh for each tick that followed marks");

        registration.unregister();
        registration.markDirty();
        waitTicks(2);
        assertEquals(2, refreshes.get(), "no refresh after unregister");
    }

    @Test
    void theRateIsClampedToAtMostTenTicksASecond() {
        UiRefresher fast = new UiRefresher(display, 1000);
        try {
            assertEquals(1000 / UiRefresher.MAX_TICKS_PER_SECOND, fast.tickMillis());
        } finally {
            fast.dispose();
        }
        UiRefresher slow = new UiRefresher(display, 2);
        try {
            assertEquals(500, slow.tickMillis());
        } finally {
            slow.dispose();
        }
    }

    private void waitTicks(int count) {
        long target = refresher.ticks() + count;
        robot.waitUntil(count + " refresher ticks", () -> refresher.ticks() >= target);
    }
}
