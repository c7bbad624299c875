package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osprey.app.OpenCaptureHandler;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;
import org.osprey.ui.LiveView;
import org.osprey.ui.OpenCaptureJob;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.status.ProgressStatusControl;
import org.osprey.ui.status.RunningJobs;

/**
 * The packet table as a person uses it: a real shell on a real display, the real PacketStream DS service, the real
 * UiRefresher, a real capture opened through the real Open Capture handler, real clicks and keys. What the table shows
 * is compared with what tshark says about the same file. Below the table sits the window's status line with the
 * progress of the running job, fed by the real job manager.
 */
class PacketTablePartUiTest {

    private static final String SYN_SCAN = "pcaps/scan/synscan.pcapng";

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private UiRefresher refresher;
    private PacketTablePart part;
    private RunningJobs runningJobs;
    private ProgressStatusControl progress;
    private UiRobot robot;
    private Path screenshots;

    @BeforeEach
    void openPartInShell() {
        display = Display.getDefault();
        robot = new UiRobot(display);
        shell = new Shell(display);
        shell.setText("Osprey packet table UI test");
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(shell);
        shell.setBounds(20, 20, 1200, 800);
        Composite partArea = new Composite(shell, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(partArea);
        Composite statusLine = new Composite(shell, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusLine);
        GridLayoutFactory.fillDefaults().applyTo(statusLine);

        // as in the application: OSGi services through the bundle's service context, the refresher in the context
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("packet table UI test");
        refresher = new UiRefresher(display, UiRefresher.MAX_TICKS_PER_SECOND);
        context.set(UiRefresher.class, refresher);
        context.set(LiveView.class, new LiveView(display, context.get(PacketStream.class)));
        context.set(Composite.class, partArea);
        part = ContextInjectionFactory.make(PacketTablePart.class, context);
        // as RunningJobsAddon and the status line's ToolControl do it in the application
        runningJobs = new RunningJobs(Job.getJobManager());
        runningJobs.install();
        context.set(RunningJobs.class, runningJobs);
        IEclipseContext statusContext = context.createChild("status line");
        statusContext.set(Composite.class, statusLine);
        progress = ContextInjectionFactory.make(ProgressStatusControl.class, statusContext);

        shell.open();
        shell.forceActive();
        robot.drain();
        screenshots = TestFiles.output().resolve("screenshots");
    }

    @AfterEach
    void closeShell() {
        Job.getJobManager().cancel(OpenCaptureJob.class);
        context.dispose(); // @PreDestroy of the part and the status line: unsubscribe and unregister
        runningJobs.uninstall();
        refresher.dispose();
        robot.closeAllShells();
    }

    @Test
    void showsEveryPacketOfACaptureWithTsharksTextsAndFollowsClicksAndKeys() {
        Path capture = TestFiles.corpus(SYN_SCAN);
        List<String[]> reference = Tshark.fields(capture, "frame.number", "frame.time_relative", "ip.src", "ip.dst",
                "_ws.col.Protocol", "frame.len");
        assertTrue(reference.size() > 1000, "tshark read the capture: " + reference.size() + " packets");

        OpenCaptureJob job = openThroughHandler(capture);
        Table table = part.table();
        robot.waitUntil("the replay and the table to hold " + reference.size() + " rows",
                () -> job.getState() == Job.NONE && part.rowCount() == reference.size());
        assertTrue(job.getResult().isOK(), "replay result: " + job.getResult());
        assertEquals(reference.size(), job.packetsPublished());
        assertEquals(reference.size(), part.rowCount(), "one row per packet of the file");
        assertTrue(table.getItemCount() < 100, "the SWT table holds only the rows on screen: " + table.getItemCount());

        for (int row : new int[] { 0, 4, 1000, reference.size() - 1 }) {
            assertRowMatchesTshark(row, reference.get(row));
        }
        robot.screenshot(shell, screenshots, "packet-table-loaded");

        robot.click(part.reveal(4));
        robot.waitUntil("row 4 to be selected by the click", () -> part.selectedRow() == 4);
        robot.waitUntil("the details of row 4", () -> part.details().packet() == part.packetAt(4));
        assertLayersShown();
        assertFrameNumberIsNo(4, "5");
        assertHexDumpStartsLikeTshark(capture, 5);
        robot.screenshot(shell, screenshots, "packet-5-selected");

        robot.pressKey(SWT.ARROW_DOWN, '\0');
        robot.waitUntil("ARROW_DOWN to select row 5", () -> part.selectedRow() == 5);
        assertEquals(5, part.topRow() + table.getSelectionIndex(), "the table shows the selection");
        robot.waitUntil("the details to follow to row 5", () -> part.details().packet() == part.packetAt(5));
        assertSame(part.packetAt(5), part.details().packet());
        assertLayersShown();
        assertFrameNumberIsNo(5, "6");
        assertHexDumpStartsLikeTshark(capture, 6);
        robot.screenshot(shell, screenshots, "packet-6-after-arrow-down");
    }

    @Test
    void theSelectionStaysOnItsPacketWhileRowsArriveAndOpeningAnotherFileStartsAfresh() throws IOException {
        Path first = TestFiles.corpus(SYN_SCAN);
        OpenCaptureJob job = openThroughHandler(first);
        robot.waitUntil("the first capture", () -> job.getState() == Job.NONE && part.rowCount() == job.packetsPublished());
        int firstCount = part.rowCount();
        robot.click(part.reveal(4));
        robot.waitUntil("row 4 to be selected", () -> part.selectedRow() == 4);
        PacketSummary selected = part.packetAt(4);

        // live packets arriving after the file: published straight into the same stream, as the transport does
        PacketStream stream = context.get(PacketStream.class);
        Path more = TestFiles.corpus("pcaps/benign/http_espn.pcapng");
        int published = 0;
        try (CaptureReader reader = CaptureFiles.open(more)) {
            for (PacketSummary packet = reader.next(); packet != null && published < 500; packet = reader.next()) {
                stream.publish(packet);
                published++;
            }
        }
        int expected = firstCount + published;
        robot.waitUntil("the new rows", () -> part.rowCount() == expected);
        assertEquals(4, part.selectedRow(), "the selection stays on its row");
        assertSame(selected, part.details().packet(), "and on its packet's details");
        assertEquals(4, part.topRow() + part.table().getSelectionIndex(), "the table still shows it selected");
        assertEquals(String.format("%,d packets", expected), part.statusText());

        // opening another file clears the stream: numbering and time start again, the old selection is gone
        long espnPackets = Tshark.packetCount(more);
        OpenCaptureJob second = openThroughHandler(more);
        robot.waitUntil("the second capture alone", () -> second.getState() == Job.NONE && part.rowCount() == espnPackets);
        assertEquals(-1, part.selectedRow(), "no selection after the stream was cleared");
        assertNull(part.details().packet(), "the details were cleared");
        TableItem firstRow = part.reveal(0);
        assertEquals("1", firstRow.getText(0));
        assertEquals("0.000000", firstRow.getText(1));
        robot.click(part.reveal(2));
        robot.waitUntil("row 2 of the second file to be selected", () -> part.selectedRow() == 2);
        assertFrameNumberIsNo(2, "3"); // numbered afresh in the details too, not by the stream's running sequence
        robot.screenshot(shell, screenshots, "second-file-opened");
    }

    @Test
    void aFileThatIsNotACaptureGetsAnErrorDialogAndTheTableKeepsItsRows() {
        Path capture = TestFiles.corpus(SYN_SCAN);
        OpenCaptureJob good = openThroughHandler(capture);
        Table table = part.table();
        robot.waitUntil("the first capture to be shown",
                () -> good.getState() == Job.NONE && part.rowCount() == good.packetsPublished());
        int rowsBefore = part.rowCount();
        assertTrue(rowsBefore > 0);

        Path notACapture = TestFiles.corpus("README.md");
        OpenCaptureJob bad = openThroughHandler(notACapture);
        Shell dialog = waitForDialog(OpenCaptureJob.ERROR_TITLE);
        String message = dialogMessage(bad);
        assertTrue(message.contains(notACapture.toString()), "the message names the file: " + message);
        assertTrue(message.contains("not a capture file"), "the message says what is wrong: " + message);
        robot.screenshot(dialog, screenshots, "not-a-capture-error-dialog");

        robot.pressKey(SWT.CR, '\r');
        robot.waitUntil("the error dialog to close on Enter", dialog::isDisposed);
        robot.drain();
        assertEquals(rowsBefore, part.rowCount(), "a bad file loses nothing that was shown");
        assertEquals(String.format("%,d packets", rowsBefore), part.statusText());
    }

    @Test
    void aCaptureCutShortKeepsEveryPacketBeforeTheDamageAndSaysSo() throws IOException {
        Path whole = TestFiles.corpus(SYN_SCAN);
        byte[] bytes = Files.readAllBytes(whole);
        Path folder = Files.createDirectories(TestFiles.output().resolve("cut-captures"));
        Path cut = folder.resolve("synscan-cut.pcapng");
        // cut in the middle of the file: almost surely in the middle of a block, like an interrupted download
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2 + 7));
        int readableByTshark = Tshark.fields(cut, "frame.number").size();
        assertTrue(readableByTshark > 0 && readableByTshark < Tshark.fields(whole, "frame.number").size(),
                "tshark reads a part of the cut file: " + readableByTshark);

        OpenCaptureJob job = openThroughHandler(cut);
        Shell dialog = waitForDialog(OpenCaptureJob.DAMAGED_TITLE);
        String message = dialogMessage(job);
        assertTrue(message.contains(cut.toString()), "the message names the file: " + message);
        assertTrue(message.contains(readableByTshark + " packets before the damage"), message);
        robot.waitUntil("the packets before the damage to be shown",
                () -> part.rowCount() == readableByTshark);
        robot.screenshot(shell, screenshots, "cut-capture-table");
        robot.pressKey(SWT.CR, '\r');
        robot.waitUntil("the warning dialog to close on Enter", dialog::isDisposed);
    }

    @Test
    void theStatusLineShowsTheReplayWhileItRunsAndItsCancelButtonStopsItKeepingWhatWasRead() {
        Path capture = TestFiles.corpus("pcaps/bench/bigmix-350k.pcap");
        assertTrue(!progress.isShowingJob() && progress.text().isEmpty(), "the status line is empty while idle");
        // the replay reports every 1024 packets: hold it after the first report, so the status line must show it
        PausingStream pausing = new PausingStream(context.get(PacketStream.class), 1500);
        OpenCaptureJob job = openThroughHandler(capture, pausing);
        try {
            robot.waitUntil("the replay to be held mid-file", pausing::hasPaused);
            String expected = String.format("Opening bigmix-350k.pcap: %,d packets", 1024);
            robot.waitUntil("the status line to show '" + expected + "'", () -> expected.equals(progress.text()));
            assertTrue(progress.isShowingJob());
            assertTrue(progress.progressBar().isVisible(), "a progress bar");
            int worked = progress.progressBar().getSelection();
            assertTrue(worked > 0 && worked < progress.progressBar().getMaximum() / 10,
                    "the bar shows the first part of the file: " + worked + " of " + progress.progressBar().getMaximum());
            assertTrue(progress.cancelButton().isVisible() && progress.cancelButton().isEnabled(), "a Cancel button");
            robot.screenshot(shell, screenshots, "status-line-while-opening");

            robot.click(progress.cancelButton());
            robot.waitUntil("the status line to say it is cancelling",
                    () -> progress.text().endsWith("cancelling\u2026") && !progress.cancelButton().isEnabled());
        } finally {
            pausing.resume();
        }
        robot.waitUntil("the cancelled replay to end", () -> job.getState() == Job.NONE);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), "" + job.getResult());
        // the job looks at the cancel flag once every 1024 packets: it stops at the next look
        assertEquals(2048, job.packetsPublished());
        robot.waitUntil("the packets read before Cancel to be shown", () -> part.rowCount() == 2048);
        robot.waitUntil("the status line to empty", () -> !progress.isShowingJob() && progress.text().isEmpty());
        assertTrue(!progress.progressBar().isVisible() && !progress.cancelButton().isVisible(), "nothing left showing");
        robot.screenshot(shell, screenshots, "status-line-after-cancel");
    }

    @Test
    void aThreeHundredFiftyThousandPacketCaptureFillsTheTableAndScrollsToItsEnd() {
        Path capture = TestFiles.corpus("pcaps/bench/bigmix-350k.pcap");
        long packets = Tshark.packetCount(capture);
        Table table = part.table();
        long start = System.nanoTime();
        OpenCaptureJob job = openThroughHandler(capture);
        robot.waitUntil("all " + packets + " rows", () -> job.getState() == Job.NONE && part.rowCount() == packets);
        long loadedNanos = System.nanoTime() - start;
        assertTrue(job.getResult().isOK(), "replay result: " + job.getResult());
        assertEquals(String.format("%,d packets", packets), part.statusText());

        // a person's way through 350k rows: click the first, End, wheel, Page Up, Home
        robot.click(part.reveal(0));
        robot.waitUntil("row 0 to be selected", () -> part.selectedRow() == 0);
        long before = System.nanoTime();
        robot.pressKey(SWT.END, '\0');
        robot.waitUntil("End to select the last row", () -> part.selectedRow() == packets - 1);
        long endKeyNanos = System.nanoTime() - before;
        TableItem last = table.getItem(part.selectedRow() - part.topRow());
        assertEquals(Long.toString(packets), last.getText(0), "the last row is the file's last packet");
        assertEquals(part.packetAt((int) packets - 1), part.details().packet(), "the details follow End");
        robot.screenshot(shell, screenshots, "bigmix-350k-end");

        robot.pressKey(SWT.PAGE_UP, '\0');
        robot.waitUntil("Page Up to move the selection up a page", () -> part.selectedRow() < packets - 1);
        assertTrue(part.selectedRow() >= part.topRow(), "the selection stays on screen");

        robot.pressKey(SWT.HOME, '\0');
        robot.waitUntil("Home to select the first row", () -> part.selectedRow() == 0 && part.topRow() == 0);
        // the scroll bar: GTK's reaction to a posted click in its trough depends on hover timing, so the slider is
        // moved the way its own drag does it (value, then a Selection event) to check what the part makes of it
        Slider slider = part.slider();
        slider.setSelection(200_000);
        slider.notifyListeners(SWT.Selection, new Event());
        robot.drain();
        assertEquals(200_000, part.topRow(), "the slider scrolls the window");
        assertEquals("200001", table.getItem(0).getText(0), "the first row on screen follows the slider");
        assertEquals(0, part.selectedRow(), "scrolling does not move the selection");

        // measurements for the record (not asserted: timing depends on the machine)
        System.out.printf("[ui-test] %d packets: all rows in %d ms; longest refresh tick %.1f ms; End key to last"
                + " row selected and shown %.1f ms%n", packets, loadedNanos / 1_000_000,
                refresher.longestTickNanos() / 1e6, endKeyNanos / 1e6);
    }

    /** Runs the real handler the way the command framework does, with the file as the command's path parameter. */
    private OpenCaptureJob openThroughHandler(Path capture) {
        return openThroughHandler(capture, context.get(PacketStream.class));
    }

    private OpenCaptureJob openThroughHandler(Path capture, PacketStream stream) {
        OpenCaptureHandler handler = ContextInjectionFactory.make(OpenCaptureHandler.class, context);
        IEclipseContext execution = context.createChild("execute Open Capture");
        execution.set(IServiceConstants.ACTIVE_SHELL, shell);
        execution.set(PacketStream.class, stream);
        execution.set(OpenCaptureHandler.PATH_PARAMETER, capture.toString());
        Object job = ContextInjectionFactory.invoke(handler, Execute.class, execution);
        execution.dispose();
        assertNotNull(job, "the handler scheduled a replay");
        return (OpenCaptureJob) job;
    }

    private Shell waitForDialog(String title) {
        Shell[] found = new Shell[1];
        robot.waitUntil("a dialog titled '" + title + "'", () -> {
            for (Shell candidate : shell.getShells()) {
                if (title.equals(candidate.getText()) && candidate.isVisible()) {
                    found[0] = candidate;
                    return true;
                }
            }
            return false;
        });
        found[0].forceActive();
        robot.waitUntil("the dialog to have focus", () -> display.getActiveShell() == found[0]);
        return found[0];
    }

    /** The message the job reported; the dialog shows exactly this text. */
    private static String dialogMessage(OpenCaptureJob job) {
        assertNotNull(job.getResult(), "the job has ended");
        return job.getResult().getMessage();
    }

    private void assertRowMatchesTshark(int row, String[] tshark) {
        TableItem item = part.reveal(row);
        robot.drain();
        String where = "row " + row + " (tshark frame " + tshark[0] + ")";
        assertEquals(tshark[0], item.getText(0), "No. of " + where);
        String seconds = new BigDecimal(tshark[1]).setScale(6, RoundingMode.DOWN).toPlainString();
        assertEquals(seconds, item.getText(1), "Time of " + where);
        assertEquals(tshark[2], item.getText(2), "Source of " + where);
        assertEquals(tshark[3], item.getText(3), "Destination of " + where);
        assertEquals(tshark[4], item.getText(4), "Protocol of " + where);
        assertEquals(tshark[5], item.getText(5), "Length of " + where);
    }

    private void assertLayersShown() {
        List<String> roots = new ArrayList<>();
        for (TreeItem item : part.details().tree().getItems()) {
            roots.add(item.getText());
        }
        assertTrue(roots.stream().anyMatch(label -> label.startsWith("Frame")), "a Frame node: " + roots);
        assertTrue(roots.stream().anyMatch(label -> label.contains("Ethernet")), "an Ethernet layer: " + roots);
        assertTrue(roots.stream().anyMatch(label -> label.contains("IPv4") || label.contains("Internet Protocol Version 4")),
                "an IPv4 layer: " + roots);
        assertTrue(roots.stream().anyMatch(label -> label.contains("TCP") || label.contains("Transmission Control")),
                "a TCP layer: " + roots);
    }

    /** The detail tree's "Frame N" and "Frame Number: N" are the row's No. (and what tshark numbers it). */
    private void assertFrameNumberIsNo(int row, String expectedNo) {
        robot.waitUntil("the details of row " + row, () -> part.details().packet() == part.packetAt(row));
        String no = part.reveal(row).getText(0);
        assertEquals(expectedNo, no, "No. of row " + row);
        TreeItem frame = part.details().tree().getItem(0);
        assertTrue(frame.getText().startsWith("Frame " + no + ":"), "Frame N equals No. " + no + ": " + frame.getText());
        List<String> fields = new ArrayList<>();
        for (TreeItem field : frame.getItems()) {
            fields.add(field.getText());
        }
        assertTrue(fields.contains("Frame Number: " + no), "Frame Number equals No. " + no + ": " + fields);
    }

    private void assertHexDumpStartsLikeTshark(Path capture, int frameNumber) {
        String dump = part.details().hexDump().getText();
        assertTrue(dump.startsWith("0000  "), "hex dump starts at offset 0: " + dump);
        List<String> shown = Tshark.hexTokens(dump.substring(0, dump.indexOf('\n')));
        assertEquals(Tshark.firstHexLine(capture, frameNumber), shown, "first 16 bytes of frame " + frameNumber);
    }
}
