package org.osprey.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;
import org.osprey.ui.tests.Wireshark;

/**
 * The export dialog as a person uses it: real clicks on the scope radio buttons, the file name typed, Export clicked,
 * Replace confirmed; the file written is read back with tshark and compared with the packets of the chosen scope.
 */
class ExportPacketsDialogUiTest {

    private Display display;
    private Shell shell;
    private UiRobot robot;
    private Path screenshots;
    private Path exports;

    /** A packet table's three lists, as the table part gives them. */
    private record Lists(List<PacketSummary> all, List<PacketSummary> displayed, List<PacketSummary> selected)
            implements PacketExportSource {
    }

    @BeforeEach
    void openShell() throws IOException {
        display = Display.getDefault();
        robot = new UiRobot(display);
        shell = new Shell(display);
        shell.setText("Osprey export UI test");
        shell.setBounds(20, 20, 900, 600);
        shell.open();
        robot.drain();
        screenshots = TestFiles.output().resolve("screenshots");
        exports = Files.createDirectories(TestFiles.output().resolve("exports"));
    }

    @AfterEach
    void closeShells() {
        Job.getJobManager().cancel(ExportPacketsJob.class);
        robot.closeAllShells();
    }

    @Test
    void exportsTheSelectedPacketsToTheTypedFileAndConfirmsReplacingIt() throws Exception {
        List<PacketSummary> all = ExportPacketsJobTest.read(TestFiles.corpus("pcaps/scan/synscan.pcapng"));
        List<PacketSummary> displayed = all.subList(0, 1500);
        List<PacketSummary> selected = List.of(all.get(4), all.get(7), all.get(1000));
        Lists source = new Lists(all, displayed, selected);
        Path target = exports.resolve("selected.pcapng");
        Files.deleteIfExists(target);

        ExportPacketsDialog dialog = open(source);
        assertEquals("All packets (2,011 packets)", dialog.scopeButton(ExportScope.ALL).getText());
        assertEquals("Displayed (1,500 packets)", dialog.scopeButton(ExportScope.DISPLAYED).getText());
        assertEquals("Selected (3 packets)", dialog.scopeButton(ExportScope.SELECTED).getText());
        assertTrue(dialog.scopeButton(ExportScope.DISPLAYED).getSelection(), "Displayed is the first choice");

        robot.click(dialog.scopeButton(ExportScope.SELECTED));
        robot.waitUntil("Selected to be chosen", () -> dialog.scope() == ExportScope.SELECTED);
        robot.replaceText(dialog.fileText(), target.toString());
        robot.waitUntil("the typed file name", () -> dialog.fileText().getText().equals(target.toString()));
        robot.screenshot(dialog.getShell(), screenshots, "export-dialog-selected");
        robot.click(dialog.exportButton());
        robot.waitUntil("the dialog to close", () -> dialog.getShell() == null);
        assertEquals(Window.OK, dialog.getReturnCode());
        assertEquals(target, dialog.file());
        exportAndCheck(dialog, selected);

        // again into the same file: the dialog asks before replacing it
        ExportPacketsDialog again = open(source);
        robot.click(again.scopeButton(ExportScope.DISPLAYED));
        robot.replaceText(again.fileText(), target.toString());
        // the question runs its own event loop inside the click: answer it from a timer that runs in that loop
        AtomicReference<Throwable> failure = new AtomicReference<>();
        boolean[] asked = new boolean[1];
        whenShellOpens(ExportPacketsDialog.REPLACE_TITLE, question -> {
            asked[0] = true;
            try {
                robot.screenshot(question, screenshots, "export-replace-question");
                robot.click(button(question, "&Replace"));
            } catch (Throwable t) {
                failure.set(t);
                question.close(); // never leave the test hanging in the question's loop
            }
        });
        robot.click(again.exportButton());
        robot.waitUntil("the question to be answered", () -> asked[0]);
        if (failure.get() != null) {
            throw new AssertionError("answering the Replace question", failure.get());
        }
        robot.waitUntil("the dialog to close after Replace", () -> again.getShell() == null);
        assertEquals(Window.OK, again.getReturnCode());
        exportAndCheck(again, displayed);
    }

    @Test
    void aScopeWithoutPacketsIsDisabledAndSaysWhy() {
        List<PacketSummary> none = List.of();
        ExportPacketsDialog dialog = open(new Lists(none, none, none));
        for (ExportScope scope : ExportScope.values()) {
            assertFalse(dialog.scopeButton(scope).getEnabled(), scope + " disabled");
        }
        assertEquals("Selected (none: no packet is selected)", dialog.scopeButton(ExportScope.SELECTED).getText());
        assertEquals("All packets (none: the client holds no packets)", dialog.scopeButton(ExportScope.ALL).getText());
        assertFalse(dialog.exportButton().getEnabled(), "nothing to export");
        assertEquals("There are no packets to export.", dialog.getErrorMessage());
        robot.screenshot(dialog.getShell(), screenshots, "export-dialog-nothing");
        dialog.close();
    }

    @Test
    void aFailedExportIsExplainedInADialog() throws Exception {
        List<PacketSummary> packets = ExportPacketsJobTest.read(TestFiles.corpus("pcaps/scan/synscan.pcapng"));
        Path missing = exports.resolve("removed-meanwhile");
        ExportPacketsJob job = new ExportPacketsJob(packets, missing.resolve("x.pcapng")).reportProblemsIn(shell);
        job.schedule();
        Shell[] error = new Shell[1];
        robot.waitUntil("the error dialog", () -> {
            for (Shell open : display.getShells()) {
                if (ExportPacketsJob.ERROR_TITLE.equals(open.getText()) && open.isVisible()) {
                    error[0] = open;
                }
            }
            return error[0] != null;
        });
        assertEquals("The folder " + missing + " does not exist.\n\nChoose an existing folder. Nothing was exported.",
                job.getResult().getMessage());
        assertTrue(texts(error[0]).contains(job.getResult().getMessage()), "the dialog shows the message: "
                + texts(error[0]));
        robot.screenshot(error[0], screenshots, "export-error-dialog");
        robot.click(button(error[0], "OK"));
        robot.waitUntil("the error dialog to close", () -> error[0].isDisposed());
    }

    /** Every label text inside a composite. */
    private static List<String> texts(Composite parent) {
        List<String> texts = new ArrayList<>();
        for (Control child : parent.getChildren()) {
            if (child instanceof Label label) {
                texts.add(label.getText());
            } else if (child instanceof Composite c) {
                texts.addAll(texts(c));
            }
        }
        return texts;
    }

    private ExportPacketsDialog open(PacketExportSource source) {
        ExportPacketsDialog dialog = new ExportPacketsDialog(shell, source);
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.getShell().forceActive();
        robot.drain();
        return dialog;
    }

    private void exportAndCheck(ExportPacketsDialog dialog, List<PacketSummary> expected) {
        ExportPacketsJob job = ExportPacketsHandler.start(dialog, shell);
        robot.waitUntil("the export to end", () -> job.getState() == Job.NONE);
        assertTrue(job.getResult().isOK(), "result: " + job.getResult());
        List<String[]> rows = Wireshark.packets(dialog.file());
        assertEquals(expected.size(), rows.size(), "tshark reads as many packets as the scope holds");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(String.valueOf(expected.get(i).wireLength()), rows.get(i)[1], "length of packet " + i);
            assertEquals(0, new BigDecimal(rows.get(i)[0]).compareTo(
                    BigDecimal.valueOf(expected.get(i).timestampNanos()).movePointLeft(9)), "time " + i);
        }
    }

    /** Runs the action once a visible shell with this title exists; polls by timer, never spinning the loop itself. */
    private void whenShellOpens(String title, Consumer<Shell> action) {
        display.timerExec(50, new Runnable() {
            @Override
            public void run() {
                for (Shell open : display.getShells()) {
                    if (title.equals(open.getText()) && open.isVisible()) {
                        action.accept(open);
                        return;
                    }
                }
                display.timerExec(50, this);
            }
        });
    }

    private static Button button(Composite parent, String text) {
        for (Control child : parent.getChildren()) {
            if (child instanceof Button b && text.equals(b.getText())) {
                return b;
            }
            if (child instanceof Composite c) {
                Button inside = button(c, text);
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }
}
