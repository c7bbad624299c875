package org.osprey.ui.charts;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Spins the real event loop until an expected effect shows, within a bound, and takes screenshots. The part of the
 * packet view tests' UiRobot (tests/org.osprey.ui.packets.tests) that the chart tests need.
 */
final class UiRobot {

    /** Upper bound for any wait; generous because CI machines are slow, never part of what is asserted. */
    static final long WAIT_BOUND_MILLIS = 60_000;

    private final Display display;

    UiRobot(Display display) {
        this.display = display;
    }

    /** Runs every pending event and async runnable. */
    void drain() {
        while (display.readAndDispatch()) {
            // keep dispatching
        }
    }

    /** Spins the event loop until the condition holds; fails naming {@code what} when the bound passes first. */
    void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + WAIT_BOUND_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("gave up after " + WAIT_BOUND_MILLIS + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                sleepBriefly(5);
            }
        }
    }

    /** Saves what the shell shows as a PNG under {@code folder}/{@code name}.png and returns the file. */
    Path screenshot(Shell shell, Path folder, String name) {
        settle();
        Rectangle area = shell.getClientArea();
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(shell);
        try {
            gc.copyArea(image, 0, 0);
            ImageData data = image.getImageData();
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".png");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write screenshot to " + folder, e);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** Lets GTK paint what changed: it draws on its frame clock, a few event loop turns after the change. */
    private void settle() {
        for (int frame = 0; frame < 10; frame++) {
            drain();
            sleepBriefly(20);
        }
        drain();
    }

    private static void sleepBriefly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
