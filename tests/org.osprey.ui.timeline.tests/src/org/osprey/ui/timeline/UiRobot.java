package org.osprey.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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

/**
 * Drives real widgets the way a person does, then spins the event loop until the expected effect shows, within a
 * bound; also takes screenshots. Copied from the packet table's tests (org.osprey.ui.packets.tests) and given points,
 * wheel and drag.
 * <p>
 * Pointer moves go through {@link Display#post}. Buttons, the wheel and keys go through the X server's XTest
 * extension (xdotool), as from a real mouse and keyboard: on GTK 3, Display.post cannot post wheel events at all, the
 * button events it posts carry no root coordinates, so a Canvas sees every press at the screen's left edge (a Table
 * does not care: GTK selects the row itself), and the key events it posts after a drag did not reach the focus
 * control.
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
        waitUntil(what, condition, () -> "");
    }

    /** As {@link #waitUntil(String, BooleanSupplier)}, the failure also telling the state {@code state} describes. */
    void waitUntil(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.currentTimeMillis() + WAIT_BOUND_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("gave up after " + WAIT_BOUND_MILLIS + " ms waiting for " + what + " " + state.get());
            }
            if (!display.readAndDispatch()) {
                sleepBriefly(5);
            }
        }
    }

    /** Moves the pointer to a point of a control (control coordinates) and lets the control see it. */
    void moveTo(Control control, int x, int y) {
        Point onScreen = control.toDisplay(x, y);
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = onScreen.x;
        move.y = onScreen.y;
        post(move);
        settle(); // GTK may drop a press on a widget it has not yet seen the pointer enter
    }

    /** Left click at a point of a control. */
    void clickAt(Control control, int x, int y) {
        moveTo(control, x, y);
        xdotool("click", "1");
        settle();
    }

    /**
     * Turns the mouse wheel over a point of a control: positive notches away from the person (up). SWT's
     * {@link Display#post} cannot post wheel events on GTK, so the X server gets them from xdotool (XTest buttons 4
     * and 5), as from a real mouse.
     */
    void wheelAt(Control control, int x, int y, int notches) {
        moveTo(control, x, y);
        for (int i = 0; i < Math.abs(notches); i++) {
            xdotool("click", notches > 0 ? "4" : "5");
            settle();
        }
    }

    /** Real button input through the X server (XTest): xdotool with these arguments. */
    private static void xdotool(String... arguments) {
        Path xdotool = Path.of("/usr/bin/xdotool");
        assertTrue(Files.isExecutable(xdotool), "xdotool presses the buttons: install it (package xdotool)");
        String[] command = new String[arguments.length + 1];
        command[0] = xdotool.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            assertTrue(process.waitFor() == 0, String.join(" ", command) + " failed");
        } catch (IOException e) {
            fail("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Presses the left button at one point of a control, moves in steps to another and releases there. */
    void drag(Control control, int fromX, int fromY, int toX, int toY) {
        moveTo(control, fromX, fromY);
        xdotool("mousedown", "1");
        settle();
        int steps = 8;
        for (int step = 1; step <= steps; step++) {
            Point onScreen = control.toDisplay(fromX + (toX - fromX) * step / steps,
                    fromY + (toY - fromY) * step / steps);
            Event move = new Event();
            move.type = SWT.MouseMove;
            move.x = onScreen.x;
            move.y = onScreen.y;
            post(move);
            sleepBriefly(10);
        }
        settle();
        xdotool("mouseup", "1");
        settle();
    }

    /** Presses and releases a key by its X keysym name, e.g. "Left" (through XTest, like the buttons). */
    void key(String keysym) {
        xdotool("key", keysym);
        settle();
    }

    /** Types a character on the keyboard (through XTest, like the buttons) into the control that has the focus. */
    void type(char character) {
        xdotool("type", "--delay", "0", "--", String.valueOf(character));
        settle();
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
    void settle() {
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
