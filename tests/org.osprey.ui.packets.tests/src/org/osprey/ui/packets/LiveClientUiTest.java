package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.capture.CaptureSources;
import org.osprey.core.PacketSummary;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.SessionService;
import org.osprey.session.internal.ActiveSession;
import org.osprey.session.internal.SessionServiceImpl;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;
import org.osprey.transport.client.ConnectionStatistics;
import org.osprey.ui.LiveView;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.session.SessionStatusControl;

/**
 * The live client as an analyst uses it: the traffic generator streams through a real embedded agent over real TLS
 * WebSockets into the client's real PacketStream service; the packet table and the status line are the product's
 * parts on a real display, driven with real key presses. Screenshots of each step are saved.
 */
class LiveClientUiTest {

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private UiRefresher refresher;
    private LiveView liveView;
    private PacketStream stream;
    private SessionServiceImpl sessions;
    private ServiceTracker<CaptureSources, CaptureSources> captureTracker;
    private PacketTablePart table;
    private SessionStatusControl status;
    private UiRobot robot;
    private Path screenshots;
    private Path home;

    @BeforeEach
    void openClient() throws Exception {
        display = Display.getDefault();
        robot = new UiRobot(display);
        BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        captureTracker = new ServiceTracker<>(bundleContext, CaptureSources.class, null);
        captureTracker.open();
        CaptureSources sources = captureTracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(sources, "the capture service");

        context = EclipseContextFactory.getServiceContext(bundleContext).createChild("live client UI test");
        stream = context.get(PacketStream.class);
        stream.clear();
        home = Files.createTempDirectory("osprey-live-ui");
        sessions = new SessionServiceImpl(stream, sources, home);
        refresher = new UiRefresher(display, UiRefresher.MAX_TICKS_PER_SECOND);
        liveView = new LiveView(display, stream);
        context.set(UiRefresher.class, refresher);
        context.set(LiveView.class, liveView);
        context.set(SessionService.class, sessions);

        shell = new Shell(display);
        shell.setText("Osprey live client UI test");
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(shell);
        shell.setBounds(20, 20, 1300, 800);
        Composite partArea = new Composite(shell, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(partArea);
        Composite statusLine = new Composite(shell, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusLine);
        GridLayoutFactory.fillDefaults().applyTo(statusLine);
        IEclipseContext partContext = context.createChild("packet table");
        partContext.set(Composite.class, partArea);
        table = ContextInjectionFactory.make(PacketTablePart.class, partContext);
        IEclipseContext statusContext = context.createChild("status line");
        statusContext.set(Composite.class, statusLine);
        status = ContextInjectionFactory.make(SessionStatusControl.class, statusContext);
        shell.open();
        shell.forceActive();
        robot.drain();
        screenshots = TestFiles.output().resolve("screenshots");
    }

    @AfterEach
    void closeClient() throws IOException {
        sessions.stop();
        context.dispose();
        refresher.dispose();
        robot.closeAllShells();
        captureTracker.close();
        stream.clear();
    }

    @Test
    void demoTrafficFlowsLiveAndPauseResumeClearAndTheFilterWorkOnIt() throws Exception {
        sessions.startEmbedded(EmbeddedMode.DEMO);
        robot.waitUntil("200 live rows", () -> table.rowCount() >= 200);
        robot.waitUntil("the status line to say DEMO and connected",
                () -> status.statusText().startsWith("DEMO") && status.statusText().contains("| connected |"));
        // auto-scroll: the newest row is on screen, in the table's last item
        robot.waitUntil("the window to show the newest row", () -> table.isFollowing()
                && table.topRow() + table.table().getItemCount() == table.rowCount());
        TableItem lastItem = table.table().getItem(table.table().getItemCount() - 1);
        assertEquals(Long.toString(table.packetAt(table.rowCount() - 1).number()), lastItem.getText(0));
        robot.waitUntil("the status line to show the rate and the capture-to-screen latency",
                () -> status.statusText().matches(".*\\| [1-9][0-9,]* pkt/s \\| latency [0-9.]+ ms \\|.*"));
        robot.screenshot(shell, screenshots, "live-demo-following");

        // a click on a row stops the auto-scroll (the person inspects); Space pauses: the rows stay, the badge counts
        // what arrives meanwhile
        robot.click(table.table().getItem(table.table().getItemCount() - 1));
        robot.waitUntil("the click to stop the auto-scroll", () -> !table.isFollowing() && table.selectedRow() >= 0);
        robot.pressKey(0, ' ');
        robot.waitUntil("paused", liveView::isPaused);
        int frozenRows = table.rowCount();
        long frozenLast = table.packetAt(frozenRows - 1).sequence();
        robot.waitUntil("300 packets to arrive while paused", () -> liveView.packetsSincePause() >= 300
                && table.pausedBadgeText().contains(String.format("%,d packets", liveView.packetsSincePause())));
        assertEquals(frozenRows, table.rowCount(), "the paused view does not change");
        assertEquals(frozenLast, table.packetAt(frozenRows - 1).sequence());
        assertTrue(status.statusText().contains("PAUSED (+"), status.statusText());
        robot.screenshot(shell, screenshots, "live-demo-paused");

        // Space again resumes and catches up with everything that came meanwhile
        robot.pressKey(0, ' ');
        robot.waitUntil("resumed and caught up", () -> !liveView.isPaused() && table.rowCount() >= frozenRows + 300
                && table.isFollowing());
        assertEquals("", table.pausedBadgeText());
        for (int row = 1; row < table.rowCount(); row++) {
            assertEquals(table.packetAt(row - 1).number() + 1, table.packetAt(row).number(), "no row missing");
        }

        // the display filter narrows the rows to DNS
        table.filterText().setFocus();
        robot.type("udp.port == 53");
        robot.pressKey(SWT.CR, '\r');
        robot.waitUntil("DNS rows only", () -> table.statusText().contains("shown (filter: ") && table.rowCount() > 0);
        for (int row = 0; row < table.rowCount(); row++) {
            PacketSummary packet = table.packetAt(row);
            assertTrue(packet.srcPort() == 53 || packet.dstPort() == 53, "row " + row + ": " + packet.info());
        }
        int dnsRows = table.rowCount();
        robot.waitUntil("more DNS rows live", () -> table.rowCount() > dnsRows);
        robot.screenshot(shell, screenshots, "live-demo-filter-dns");

        // a broken filter says where it is wrong and keeps the rows
        robot.pressKey(SWT.END, '\0');
        robot.type(" &&");
        robot.pressKey(SWT.CR, '\r');
        robot.waitUntil("the filter's error", () -> !table.filterProblem().isEmpty());
        assertTrue(table.filterProblem().endsWith(" at 17"), table.filterProblem()); // the end of "udp.port == 53 &&"
        assertTrue(table.rowCount() >= dnsRows, "the rows stay");
        robot.screenshot(shell, screenshots, "live-demo-filter-error");

        // Clear empties the view and the buffer; the capture goes on from number 1
        table.filterText().setText("");
        robot.pressKey(SWT.CR, '\r');
        new PacketCommands.Clear().execute(stream);
        robot.waitUntil("the table to restart from packet 1", () -> table.rowCount() > 0
                && table.packetAt(0).number() == 1 && table.rowCount() < 2_000);
        assertEquals(1, table.packetAt(0).number());
        robot.screenshot(shell, screenshots, "live-demo-after-clear");
    }

    @Test
    void theStatusLineFollowsAReconnectionAndNoPacketIsMissingAfterIt() throws Exception {
        ActiveSession session = (ActiveSession) sessions.startEmbedded(EmbeddedMode.DEMO);
        robot.waitUntil("rows", () -> table.rowCount() >= 100);

        session.embeddedAgent().server().stop(); // the agent goes away; its generator keeps capturing into its ring
        robot.waitUntil("the indicator to say reconnecting", () -> status.statusText().contains("reconnecting in"));
        robot.screenshot(shell, screenshots, "reconnecting");
        robot.waitUntil("a second to pass", sleep(1_000));
        session.embeddedAgent().server().start();
        robot.waitUntil("the indicator to say connected again", () -> status.statusText().contains("| connected |")
                && session.statistics().connections() >= 2);

        session.embeddedAgent().source().stop();
        long agentNext = session.embeddedAgent().stream().nextSequence();
        robot.waitUntil("every packet the agent captured as a row", () -> table.rowCount() == agentNext);
        ConnectionStatistics statistics = session.statistics();
        assertEquals(0, statistics.missedTotal(), "" + statistics);
        for (int row = 0; row < table.rowCount(); row++) {
            assertEquals(row + 1, table.packetAt(row).number(), "numbered without a hole");
        }
        robot.screenshot(shell, screenshots, "reconnected");
        assertFalse(status.statusText().contains("reconnecting"));
    }

    private static java.util.function.BooleanSupplier sleep(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        return () -> System.nanoTime() >= until;
    }
}
