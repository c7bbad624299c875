package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;

/**
 * Drives real widgets the way a person does: real mouse and key events through {@link Display#post} (XTest under
 * Xvfb), then the event loop is spun until the expected effect shows, within a bound. Also takes screenshots.
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
                sleepBriefly();
            }
        }
    }

    /** Clicks a table item in its first column with the left button. */
    void click(TableItem item) {
        settle(); // a scroll just made to reveal the row must be laid out before its bounds mean anything
        Rectangle cell = item.getBounds(0);
        Point onScreen = item.getParent().toDisplay(cell.x + cell.width / 2, cell.y + cell.height / 2);
        mouseMove(onScreen.x, onScreen.y);
        settle(); // as for buttons: GTK may drop a press on a widget it has not yet seen the pointer enter
        post(mouse(SWT.MouseDown));
        post(mouse(SWT.MouseUp));
    }

    /** Clicks the middle of a control (a button, say) with the left button. */
    void click(Control control) {
        drain();
        Point size = control.getSize();
        Point onScreen = control.toDisplay(size.x / 2, size.y / 2);
        mouseMove(onScreen.x, onScreen.y);
        settle(); // a GTK button takes a press only once it has seen the pointer enter
        post(mouse(SWT.MouseDown));
        post(mouse(SWT.MouseUp));
    }

    /** Presses and releases a key, e.g. {@link SWT#ARROW_DOWN} or {@link SWT#CR}. */
    void pressKey(int keyCode, char character) {
        Event down = new Event();
        down.type = SWT.KeyDown;
        down.keyCode = keyCode;
        down.character = character;
        post(down);
        Event up = new Event();
        up.type = SWT.KeyUp;
        up.keyCode = keyCode;
        up.character = character;
        post(up);
    }

    /** Types text into the focus control, one key per character (characters of an unshifted US layout). */
    void type(String text) {
        for (char c : text.toCharArray()) {
            pressKey(0, c);
        }
    }

    private void mouseMove(int x, int y) {
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = x;
        move.y = y;
        post(move);
    }

    private static Event mouse(int type) {
        Event event = new Event();
        event.type = type;
        event.button = 1;
        return event;
    }

    private void post(Event event) {
        assertTrue(display.post(event), "Display.post refused event type " + event.type);
        drain();
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

    private static void sleepBriefly() {
        sleepBriefly(5);
    }

    private static void sleepBriefly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
