package org.osprey.testing.ui;

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
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Drives real widgets the way a person does, then spins the event loop until the expected effect shows, within a
 * bound; also takes screenshots.
 * <p>
 * Two kinds of input, both real events of the X server (Xvfb in the build):
 * <ul>
 * <li>{@link Display#post} (XTest underneath): pointer moves, clicks on buttons, table and tree items, and keys;</li>
 * <li>xdotool (XTest directly) for what GTK 3's Display.post cannot do: wheel events (it cannot post them at all),
 * clicks at a point of a Canvas (the button events it posts carry no root coordinates, so a Canvas sees every press at
 * the screen's left edge) and keys after a drag (they did not reach the focus control).</li>
 * </ul>
 */
public final class UiRobot {

    /** Upper bound for any wait; generous because CI machines are slow, never part of what is asserted. */
    public static final long WAIT_BOUND_MILLIS = 60_000;

    private final Display display;

    public UiRobot(Display display) {
        this.display = display;
    }

    /** Runs every pending event and async runnable. */
    public void drain() {
        while (display.readAndDispatch()) {
            // keep dispatching
        }
    }

    /** Spins the event loop until the condition holds; fails naming {@code what} when the bound passes first. */
    /** Disposes every shell of the display (the test's, and any dialog a test left open), then drains events. */
    public void closeAllShells() {
        for (Shell open : display.getShells()) {
            open.dispose();
        }
        drain();
    }

    public void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, condition, () -> "");
    }

    /** As {@link #waitUntil(String, BooleanSupplier)}, the failure also telling the state {@code state} describes. */
    public void waitUntil(String what, BooleanSupplier condition, Supplier<String> state) {
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

    // ------------------------------------------------------------------ Display.post input

    /** Clicks a table item in its first column with the left button. */
    public void click(TableItem item) {
        settle(); // a scroll just made to reveal the row must be laid out before its bounds mean anything
        Rectangle cell = item.getBounds(0);
        clickOnScreen(item.getParent().toDisplay(cell.x + cell.width / 2, cell.y + cell.height / 2));
    }

    /** Clicks a tree item (a page in a preference dialog's tree, say) with the left button. */
    public void click(TreeItem item) {
        settle();
        Rectangle cell = item.getBounds();
        clickOnScreen(item.getParent().toDisplay(cell.x + cell.width / 2, cell.y + cell.height / 2));
    }

    /** Clicks the middle of a control (a button, say) with the left button. */
    public void click(Control control) {
        drain();
        Point size = control.getSize();
        clickOnScreen(control.toDisplay(size.x / 2, size.y / 2));
    }

    private void clickOnScreen(Point onScreen) {
        mouseMove(onScreen.x, onScreen.y);
        settle(); // GTK takes a press only once it has seen the pointer enter the widget
        post(mouse(SWT.MouseDown));
        post(mouse(SWT.MouseUp));
    }

    /** Presses and releases a key, e.g. {@link SWT#ARROW_DOWN} or {@link SWT#CR}, or a character with keyCode 0. */
    public void pressKey(int keyCode, char character) {
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

    /** Types {@code text} key by key into the focus control (lower case, digits, unshifted punctuation). */
    public void type(String text) {
        for (char c : text.toCharArray()) {
            pressKey(0, c);
        }
    }

    /**
     * Clicks into a text field, selects everything in it with Ctrl+A and types {@code text} key by key. Lower-case
     * letters, digits and unshifted punctuation only: XTest sends the key, not the shift that an upper-case needs.
     */
    public void replaceText(Control field, String text) {
        click(field);
        Event ctrlDown = new Event();
        ctrlDown.type = SWT.KeyDown;
        ctrlDown.keyCode = SWT.CTRL;
        post(ctrlDown);
        pressKey(0, 'a');
        Event ctrlUp = new Event();
        ctrlUp.type = SWT.KeyUp;
        ctrlUp.keyCode = SWT.CTRL;
        post(ctrlUp);
        type(text);
    }

    /** Moves the pointer to a point of a control (control coordinates) and lets the control see it. */
    public void moveTo(Control control, int x, int y) {
        Point onScreen = control.toDisplay(x, y);
        mouseMove(onScreen.x, onScreen.y);
        settle(); // GTK may drop a press on a widget it has not yet seen the pointer enter
    }

    // ------------------------------------------------------------------ XTest input through xdotool

    /** Left click at a point of a control (a Canvas, say). */
    public void clickAt(Control control, int x, int y) {
        moveTo(control, x, y);
        xdotool("click", "1");
        settle();
    }

    /** Turns the mouse wheel over a point of a control: positive notches away from the person (up). */
    public void wheelAt(Control control, int x, int y, int notches) {
        moveTo(control, x, y);
        for (int i = 0; i < Math.abs(notches); i++) {
            xdotool("click", notches > 0 ? "4" : "5");
            settle();
        }
    }

    /** Presses the left button at one point of a control, moves in steps to another and releases there. */
    public void drag(Control control, int fromX, int fromY, int toX, int toY) {
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

    /** Presses and releases a key by its X keysym name, e.g. "Left". */
    public void key(String keysym) {
        xdotool("key", keysym);
        settle();
    }

    /** Types a character into the control that has the focus, straight through XTest. */
    public void typeThroughXTest(char character) {
        xdotool("type", "--delay", "0", "--", String.valueOf(character));
        settle();
    }

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

    // ------------------------------------------------------------------ screenshots and the event loop

    /** Saves what the shell shows as a PNG under {@code folder}/{@code name}.png and returns the file. */
    public Path screenshot(Shell shell, Path folder, String name) {
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
    public void settle() {
        for (int frame = 0; frame < 10; frame++) {
            drain();
            sleepBriefly(20);
        }
        drain();
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

    private static void sleepBriefly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
