package org.osprey.ui.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.Detector;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertHygiene;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.engine.AlertStore.Entry;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;
import org.osprey.ui.LiveView;
import org.osprey.ui.SeverityColors;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.alerts.internal.AlertColumn;
import org.osprey.ui.alerts.internal.AlertFilter;
import org.osprey.ui.alerts.internal.AlertMarkerFeed;
import org.osprey.ui.alerts.internal.DetectorSettingsApplier;
import org.osprey.ui.packets.PacketTablePart;
import org.osprey.ui.preferences.OspreyPreferences;
import org.osprey.ui.timeline.TimelineMarker;
import org.osprey.ui.timeline.TimelinePart;

/**
 * The alert views as an analyst uses them, on a real display: the client's real PacketStream, detection run and alert
 * store (DS services), fed with corpus captures, with detectors registered as OSGi services like drop-in bundles'.
 * The expected alerts are recounted from the capture files with the core's reader, not taken from the views.
 */
class AlertViewsUiTest {

    private static final String TCP_SYN_SCAN = "pcaps/scan/TCP_SYN_SCAN.pcap";
    private static final String SYN_SCAN = "pcaps/scan/synscan.pcapng";
    /** Scanner and target of TCP_SYN_SCAN.pcap (corpus README). */
    private static final String SCANNER = "192.168.1.10";
    private static final String TARGET = "192.168.1.25";
    private static final String BUILT_IN_BUNDLE = "org.osprey.detect.builtin";
    private static final String PORT_SCAN = "osprey.portscan";
    /** The client's alert store keeps the newest 10,000 alerts (the engine's AlertStoreImpl.DEFAULT_CAPACITY). */
    private static final int STORE_CAPACITY = 10_000;

    /** A packet as published: its stream sequence number and summary. */
    private record Published(long sequence, PacketSummary packet) {
    }

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private BundleContext bundleContext;
    private UiRefresher refresher;
    private LiveView liveView;
    private PacketStream stream;
    private AlertStore store;
    private DetectionRun run;
    private UiRobot robot;
    private Path screenshots;
    private Bundle builtIn;
    private final List<ServiceRegistration<Detector>> detectors = new ArrayList<>();
    private final OspreyPreferences preferences = new OspreyPreferences();

    @BeforeEach
    void startClient() throws InvalidSyntaxException, BundleException {
        display = Display.getDefault();
        UiEvents.enable(display);
        robot = new UiRobot(display);
        bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        context = EclipseContextFactory.getServiceContext(bundleContext).createChild("alerts UI test");
        stream = context.get(PacketStream.class);
        store = context.get(AlertStore.class);
        assertNotNull(store, "the AlertStore DS service");
        Collection<ServiceReference<DetectionRun>> runs = bundleContext.getServiceReferences(DetectionRun.class,
                DetectorSettingsApplier.CLIENT_RUN_FILTER);
        assertEquals(1, runs.size(), "one client detection run service");
        run = bundleContext.getService(runs.iterator().next());
        preferences.setDetectorSettings(TestDetectors.CONNECTION_ATTEMPTS, Map.of());
        builtIn = bundle(BUILT_IN_BUNDLE);
        // the built-in detectors only where asked for: the other tests count exactly what their own detectors raise
        builtIn.stop();
        stream.clear(); // a fresh run with fresh inspectors, an empty store
        refresher = new UiRefresher(display, UiRefresher.MAX_TICKS_PER_SECOND);
        liveView = new LiveView(display, stream);
        context.set(UiRefresher.class, refresher);
        context.set(LiveView.class, liveView);
        screenshots = TestFiles.output().resolve("screenshots");
    }

    @AfterEach
    void stopClient() throws BundleException {
        builtIn.start();
        for (ServiceRegistration<Detector> registration : detectors) {
            // the client's run remembers settings by detector id for its restarts: back to the defaults
            run.configure(bundleContext.getService(registration.getReference()).id(), Map.of());
            registration.unregister();
        }
        context.dispose();
        refresher.dispose();
        robot.closeAllShells();
        stream.clear();
        preferences.setDetectorSettings(TestDetectors.CONNECTION_ATTEMPTS, Map.of());
        preferences.setToastLimit(OspreyPreferences.DEFAULT_TOAST_LIMIT);
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void alertsOfTheLiveRunAreListedFilteredSortedSelectTheirPacketsAndMarkTheirRows() throws IOException {
        register(TestDetectors.connectionAttempts());
        SashForm sash = openShell("Osprey alerts view and packet table", 1400, 900);
        PacketTablePart table = make(PacketTablePart.class, new Composite(sash, SWT.NONE));
        AlertsPart alerts = make(AlertsPart.class, new Composite(sash, SWT.NONE));
        shell.open();
        shell.forceActive();
        robot.drain();

        List<Published> published = publish(TCP_SYN_SCAN);
        published.addAll(publish(SYN_SCAN));
        List<Published> attempts = alertedAttempts(published);
        assertTrue(attempts.size() > 1000, "both scans hold connection attempts: " + attempts.size());
        robot.waitUntil("an alert per connection attempt in the view", () -> alerts.shownEntries().size()
                == attempts.size(), () -> "store " + store.entries().size() + ", view " + alerts.shownEntries().size());
        robot.waitUntil("the packet table to hold every packet", () -> table.rowCount() == published.size());

        // one alert per attempt, naming the attempt's packet, newest first
        List<Entry> shown = alerts.shownEntries();
        long[] alertedSequences = shown.stream().mapToLong(entry -> entry.alert().sequence(0)).sorted().toArray();
        assertArrayEquals(attempts.stream().mapToLong(Published::sequence).toArray(), alertedSequences);
        for (int row = 1; row < shown.size(); row++) {
            assertTrue(shown.get(row - 1).alert().timestampNanos() >= shown.get(row).alert().timestampNanos(),
                    "newest first at row " + row);
        }
        assertEquals(String.format("%,d of %,d alerts shown, 0 acknowledged", attempts.size(), attempts.size()),
                alerts.statusText());
        assertEquals(attempts.size(), alerts.table().getItemCount(), "a virtual item per row");
        robot.screenshot(shell, screenshots, "alerts-all");

        // minimum severity HIGH: only attempts on ports below 100
        long high = attempts.stream().filter(p -> p.packet().dstPort() < TestDetectors.DEFAULT_HIGH_BELOW).count();
        assertTrue(high > 0 && high < attempts.size(), "some attempts hit low ports: " + high);
        chooseSeverity(alerts, Severity.HIGH);
        assertEquals(high, alerts.shownEntries().size());
        assertTrue(alerts.shownEntries().stream().allMatch(entry -> entry.alert().severity() == Severity.HIGH));
        chooseSeverity(alerts, Severity.INFO);

        // host: typed into the filter bar, the TCP_SYN_SCAN scanner's alerts only
        long fromScanner = attempts.stream().filter(p -> p.packet().source().equals(SCANNER)).count();
        assertTrue(fromScanner > 0 && fromScanner < attempts.size(), "two scanners: " + fromScanner);
        // set, not typed: under Xvfb neither Display.post's nor XTest's press moves the focus into GTK's search entry
        alerts.hostText().setText(SCANNER);
        robot.waitUntil("the host filter", () -> alerts.shownEntries().size() == fromScanner,
                () -> alerts.shownEntries().size() + " shown, filter " + alerts.filter() + ", host text '"
                        + alerts.hostText().getText() + "'");
        assertTrue(alerts.shownEntries().stream().allMatch(entry -> SCANNER.equals(entry.alert().sourceAddress())));
        robot.screenshot(shell, screenshots, "alerts-host-filter");

        // sort by destination (a click on the header), ascending: port order within one target
        clickHeader(alerts, AlertColumn.DESTINATION);
        assertEquals(AlertColumn.DESTINATION, alerts.sortColumn());
        assertTrue(alerts.sortAscending());
        List<String> destinations = new ArrayList<>();
        for (int row = 0; row < alerts.shownEntries().size(); row++) {
            destinations.add(alerts.cellText(row, AlertColumn.DESTINATION));
        }
        List<String> sorted = new ArrayList<>(destinations);
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(sorted, destinations);
        assertEquals(destinations.get(0), itemAt(alerts, 0).getText(AlertColumn.DESTINATION.ordinal()),
                "the table shows the sorted rows");
        clickHeader(alerts, AlertColumn.DESTINATION);
        assertFalse(alerts.sortAscending(), "a second click reverses");

        // select an alert: the packet table selects its packet, and its details show
        robot.click(itemAt(alerts, 3));
        Entry selected = alerts.shownEntries().get(3);
        robot.waitUntil("the packet table to select the alert's packet",
                () -> Arrays.equals(selected.alert().sequences(), table.selectedSequences()),
                () -> Arrays.toString(table.selectedSequences()));
        assertEquals(selected.id(), alerts.focusedId());
        Map<String, String> details = details(alerts);
        assertEquals("T1046", details.get("MITRE ATT&CK"));
        PacketSummary alertedPacket = packetOf(published, selected.alert().sequence(0));
        assertEquals(alertedPacket.communityId(), details.get("Community ID"));
        assertEquals(Integer.toString(alertedPacket.dstPort()), details.get("destination port"));
        robot.screenshot(shell, screenshots, "alert-selected-packet-table-follows");

        // the packet table marks alerted rows in the alert's severity, and only those
        int alertedRow = table.selectedRow();
        assertEquals(selected.alert().severity(), table.alertSeverityAt(alertedRow));
        assertEquals(SeverityColors.of(selected.alert().severity()), table.reveal(alertedRow).getBackground());
        int replyRow = rowOfFirstPacket(table, packet -> !TestDetectors.isConnectionAttempt(packet));
        assertNull(table.alertSeverityAt(replyRow), "a reply is named by no alert");
        assertEquals(table.table().getBackground(), table.reveal(replyRow).getBackground(), "and is not tinted");

        // Ctrl+K acknowledges: the store keeps it, the row greys
        alerts.table().setFocus();
        robot.key("ctrl+k");
        robot.waitUntil("the alert to be acknowledged", () -> storeEntry(selected.id()).acknowledged());
        int row = alerts.shownEntries().indexOf(storeEntry(selected.id()));
        assertTrue(row >= 0, "still shown");
        assertEquals(alerts.acknowledgedForeground(), itemAt(alerts, row).getForeground());
        assertTrue(alerts.statusText().contains(" alerts shown, 1 acknowledged"), alerts.statusText());
        robot.screenshot(shell, screenshots, "alert-acknowledged");
        robot.key("ctrl+k");
        robot.waitUntil("the acknowledgement taken back", () -> !storeEntry(selected.id()).acknowledged());

        // the context menu does the same (its items sent their events: GTK menus do not open under Xvfb's XTest)
        Menu menu = alerts.table().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        MenuItem acknowledge = menu.getItem(0);
        MenuItem notAcknowledged = menu.getItem(1);
        assertTrue(acknowledge.getEnabled() && !notAcknowledged.getEnabled(), "only Acknowledge applies");
        acknowledge.notifyListeners(SWT.Selection, new Event());
        assertTrue(storeEntry(selected.id()).acknowledged());
        menu.notifyListeners(SWT.Show, new Event());
        assertTrue(!acknowledge.getEnabled() && notAcknowledged.getEnabled(), "now only Not Acknowledged applies");
        notAcknowledged.notifyListeners(SWT.Selection, new Event());
        assertFalse(storeEntry(selected.id()).acknowledged());
    }

    @Test
    void theTimelineMarksEachAlertAtItsTimeInItsSeverity() throws IOException {
        register(TestDetectors.connectionAttempts());
        SashForm sash = openShell("Osprey timeline with alert marks", 1400, 400);
        TimelinePart timeline = make(TimelinePart.class, new Composite(sash, SWT.NONE));
        shell.open();
        shell.forceActive();
        robot.drain();

        List<Published> attempts = alertedAttempts(publish(TCP_SYN_SCAN));
        robot.waitUntil("a mark per alert on the timeline", () -> timeline.markers().size() == attempts.size(),
                () -> timeline.markers().size() + " marks");
        List<TimelineMarker> marks = new ArrayList<>(timeline.markers());
        marks.sort(Comparator.comparingLong(TimelineMarker::firstSequence));
        for (int i = 0; i < attempts.size(); i++) {
            PacketSummary packet = attempts.get(i).packet();
            TimelineMarker mark = marks.get(i);
            assertEquals(packet.timestampNanos(), mark.timestampNanos(), "mark " + i + " at its packet's time");
            assertArrayEquals(new long[] { attempts.get(i).sequence() }, mark.sequences());
            assertEquals(AlertMarkerFeed.markerSeverity(TestDetectors.severity(packet.dstPort(),
                    TestDetectors.DEFAULT_HIGH_BELOW)), mark.severity());
        }
        robot.screenshot(shell, screenshots, "timeline-alert-marks");
    }

    @Test
    void highAlertsGetRateLimitedToastsAndAClickShowsTheAlert() throws IOException {
        register(TestDetectors.connectionAttempts());
        preferences.setToastLimit(3);
        preferences.setToastMinimumSeverity("HIGH");
        SashForm sash = openShell("Osprey alerts view with toasts", 1200, 600);
        AlertsPart alerts = make(AlertsPart.class, new Composite(sash, SWT.NONE));
        AlertToasts toasts = ContextInjectionFactory.make(AlertToasts.class, context);
        shell.open();
        shell.forceActive();
        robot.drain();

        List<Published> attempts = alertedAttempts(publish(TCP_SYN_SCAN));
        long high = attempts.stream().filter(p -> p.packet().dstPort() < TestDetectors.DEFAULT_HIGH_BELOW).count();
        assertTrue(high > 4, "a flood of HIGH alerts: " + high);
        robot.waitUntil("every alert in the view", () -> alerts.shownEntries().size() == attempts.size());
        robot.waitUntil("three toasts, the rest held", () -> toasts.shown().size() == 3 && toasts.held() == high - 3,
                () -> toasts.shown().size() + " shown, " + toasts.held() + " held");
        for (AlertToasts.Toast toast : toasts.shown()) {
            assertEquals(Severity.HIGH, storeEntry(toast.alertId()).alert().severity(), toast.title());
            assertTrue(toast.title().startsWith("HIGH: Connection attempt to port "), toast.title());
            assertTrue(toast.text().contains("\n" + SCANNER + ":"), "names the scanner: " + toast.text());
            assertTrue(toast.text().contains(" \u2192 " + TARGET + ":"), "and the target: " + toast.text());
        }
        assertEquals(3, toasts.open().size(), "on screen");
        robot.screenshot(shell, screenshots, "toasts-three");

        // clicking a toast shows its alert in the Alerts view
        AlertToasts.Toast first = toasts.shown().get(0);
        robot.click(contentOf(first.shell()));
        robot.waitUntil("the Alerts view to show the toast's alert", () -> alerts.focusedId() == first.alertId(),
                () -> "focused " + alerts.focusedId() + ", toast closed " + first.shell().isDisposed());
        assertArrayEquals(new long[] { first.alertId() }, alerts.selectedIds());
        assertTrue(first.shell().isDisposed(), "a clicked toast closes");

        // once the window has passed, one summary toast for all the others, never more
        robot.waitUntil("the summary toast", () -> toasts.shown().size() == 4);
        AlertToasts.Toast summary = toasts.shown().get(3);
        assertTrue(summary.summary());
        assertEquals(String.format("%,d more alerts", high - 3), summary.title());
        assertEquals(0, toasts.held());
        long newestHigh = store.entries().stream().filter(entry -> entry.alert().severity() == Severity.HIGH)
                .mapToLong(Entry::id).max().orElseThrow();
        assertEquals(newestHigh, summary.alertId(), "the summary's click shows the newest alert it counts");
        robot.settle();
        assertEquals(4, toasts.shown().size(), "no toast beyond the limit");
        ContextInjectionFactory.uninject(toasts, context);
    }

    @Test
    void theDetectorsViewShowsCountersAQuarantineAndAppliesAndKeepsSettings() throws IOException {
        register(TestDetectors.connectionAttempts());
        register(TestDetectors.faulty());
        SashForm sash = openShell("Osprey detectors view", 1000, 700);
        DetectorsPart view = make(DetectorsPart.class, new Composite(sash, SWT.NONE));
        shell.open();
        shell.forceActive();
        robot.drain();

        List<Published> published = publish(TCP_SYN_SCAN);
        long attempts = published.stream().filter(p -> TestDetectors.isConnectionAttempt(p.packet())).count();
        long repeats = attempts - alertedAttempts(published).size();
        assertTrue(repeats > 0, "nmap retried some ports: " + repeats);
        // packets seen: those the detector's filter let through, the connection attempts
        robot.waitUntil("the counters of the whole capture", () -> {
            DetectorStatus status = shownStatus(view, TestDetectors.CONNECTION_ATTEMPTS);
            return status != null && status.packetsSeen() == attempts && status.alertsRaised() == attempts
                    && status.alertsSuppressed() == repeats;
        }, () -> view.shownStatuses().toString());
        robot.waitUntil("the faulty detector quarantined", () -> {
            DetectorStatus status = shownStatus(view, TestDetectors.FAULTY);
            return status != null && status.state() == DetectorStatus.State.QUARANTINED;
        });
        TableItem faultyItem = itemOf(view, TestDetectors.FAULTY);
        assertEquals("quarantined", faultyItem.getText(1));
        assertTrue(faultyItem.getText(6).contains(TestDetectors.FAULT_MESSAGE), "reason: " + faultyItem.getText(6));
        TableItem goodItem = itemOf(view, TestDetectors.CONNECTION_ATTEMPTS);
        assertEquals("active", goodItem.getText(1));
        assertEquals(String.format("%,d", attempts), goodItem.getText(2));
        assertEquals(String.format("%,d", attempts), goodItem.getText(3));
        assertEquals(String.format("%,d", repeats), goodItem.getText(4));
        robot.screenshot(shell, screenshots, "detectors-quarantined");

        // settings: typed, applied live, kept for the next start
        robot.click(goodItem);
        robot.waitUntil("its settings", () -> view.valueField(TestDetectors.HIGH_BELOW).getText().equals("100"));
        robot.replaceText(view.valueField(TestDetectors.HIGH_BELOW), "200");
        robot.click(view.applyButton());
        robot.waitUntil("the run to use the new value", () -> status(TestDetectors.CONNECTION_ATTEMPTS).settings()
                .value(TestDetectors.HIGH_BELOW) == 200);
        assertEquals(Map.of(TestDetectors.HIGH_BELOW, 200.0),
                preferences.detectorSettings(TestDetectors.CONNECTION_ATTEMPTS));
        assertEquals("", view.settingsProblem());

        // a value out of range is explained and changes nothing
        robot.replaceText(view.valueField(TestDetectors.HIGH_BELOW), "70000");
        robot.click(view.applyButton());
        assertTrue(view.settingsProblem().contains("between 1 and 65536"), view.settingsProblem());
        assertEquals(200, status(TestDetectors.CONNECTION_ATTEMPTS).settings().value(TestDetectors.HIGH_BELOW));
        robot.screenshot(shell, screenshots, "detectors-settings-out-of-range");

        // a cleared stream starts a new run with defaults; the stored value is applied to it again
        stream.clear();
        robot.waitUntil("the stored value on the new run", () -> {
            DetectorStatus status = status(TestDetectors.CONNECTION_ATTEMPTS);
            return status != null && status.packetsSeen() == 0
                    && status.settings().value(TestDetectors.HIGH_BELOW) == 200;
        });

        // Reinstate lets the quarantined detector run again (it fails again on its next packet)
        publish(TCP_SYN_SCAN);
        robot.waitUntil("the faulty detector quarantined in the new run",
                () -> status(TestDetectors.FAULTY).state() == DetectorStatus.State.QUARANTINED);
        robot.waitUntil("the view to show it",
                () -> "quarantined".equals(itemOf(view, TestDetectors.FAULTY).getText(1)));
        robot.click(itemOf(view, TestDetectors.FAULTY));
        robot.waitUntil("Reinstate enabled", () -> view.reinstateButton().isEnabled());
        robot.click(view.reinstateButton());
        robot.waitUntil("the detector active again", () -> status(TestDetectors.FAULTY).state()
                == DetectorStatus.State.ACTIVE);
        robot.waitUntil("the view to show it active", () -> "active".equals(itemOf(view, TestDetectors.FAULTY)
                .getText(1)));
    }

    @Test
    void theBuiltInPortScanDetectorsAlertNamesTheScannerAndSelectsItsPacketsAndMark() throws Exception {
        builtIn.start();
        stream.clear(); // a new run, which takes the built-in detectors
        robot.waitUntil("the built-in detectors to join the run", () -> status(PORT_SCAN) != null
                && status(PORT_SCAN).state() == DetectorStatus.State.ACTIVE);
        SashForm sash = openShell("Osprey alerts of the built-in detectors", 1400, 1000);
        PacketTablePart table = make(PacketTablePart.class, new Composite(sash, SWT.NONE));
        AlertsPart alerts = make(AlertsPart.class, new Composite(sash, SWT.NONE));
        TimelinePart timeline = make(TimelinePart.class, new Composite(sash, SWT.NONE));
        sash.setWeights(40, 40, 20);
        shell.open();
        shell.forceActive();
        robot.drain();

        List<Published> published = publish(TCP_SYN_SCAN);
        // the corpus README's ground truth: a port scan by 192.168.1.10 of 192.168.1.25
        robot.waitUntil("the port scan alert in the view", () -> portScanAlert(alerts) != null,
                () -> alerts.shownEntries().stream().map(entry -> entry.alert().toString()).toList().toString());
        Entry scan = portScanAlert(alerts);
        assertTrue(scan.alert().severity().isAtLeast(Severity.MEDIUM), scan.alert().toString());
        assertTrue(scan.alert().sequenceCount() > 0, "it names packets of the scan");

        // the detector filter narrows the list to it
        List<String> choices = Arrays.asList(alerts.detectorChoice().getItems());
        assertTrue(choices.contains(PORT_SCAN), "the detector filter offers it: " + choices);
        alerts.detectorChoice().select(choices.indexOf(PORT_SCAN));
        alerts.detectorChoice().notifyListeners(SWT.Selection, new Event());
        robot.drain();
        assertTrue(alerts.shownEntries().stream().allMatch(entry -> PORT_SCAN.equals(entry.alert().detectorId())));
        int row = alerts.shownEntries().indexOf(scan);
        assertTrue(row >= 0);

        robot.click(itemAt(alerts, row));
        long[] named = scan.alert().sequences();
        robot.waitUntil("the packet table to select the scan's packets",
                () -> Arrays.equals(named, table.selectedSequences()),
                () -> Arrays.toString(table.selectedSequences()));
        for (long sequence : named) {
            PacketSummary packet = packetOf(published, sequence);
            assertTrue(packet.source().equals(SCANNER) || packet.destination().equals(SCANNER),
                    "packet " + sequence + " is the scanner's: " + packet.source() + " > " + packet.destination());
        }
        assertEquals(scan.alert().severity(), table.alertSeverityAt(table.selectedRow()));
        robot.waitUntil("the scan's mark on the timeline", () -> timeline.markers().stream()
                .anyMatch(mark -> mark.timestampNanos() == scan.alert().timestampNanos()
                        && Arrays.equals(mark.sequences(), named)));
        robot.screenshot(shell, screenshots, "builtin-port-scan-alert");
    }

    /**
     * A flood: every packet of the 350k-packet benchmark capture raises an alert (repeats not suppressed), so the
     * store fills to its bound and lets the oldest go; the view lists what the store holds and prints what a refresh
     * costs the UI thread (a figure, not a pass condition).
     */
    @Test
    void aFloodOfAlertsIsListedAsTheBoundedStoreHoldsIt() throws IOException {
        register(TestDetectors.everyPacket());
        run.configure(TestDetectors.EVERY_PACKET, Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0));
        SashForm sash = openShell("Osprey alerts view under a flood", 1200, 600);
        Composite area = new Composite(sash, SWT.NONE);
        AlertsPart alerts = make(AlertsPart.class, area);
        shell.open();
        robot.drain();

        // hidden (a tab behind another), the view does not follow the flood
        area.setVisible(false);
        List<Published> published = publish("pcaps/bench/bigmix-350k.pcap");
        robot.waitUntil("the run to take the whole capture",
                () -> run.packetsInspected() + run.packetsMissed() >= published.size(),
                () -> run.packetsInspected() + " inspected");
        long tick = refresher.ticks();
        robot.waitUntil("a few refresher ticks", () -> refresher.ticks() > tick + 3);
        assertEquals(0, alerts.shownEntries().size(), "a hidden view skips its refreshes");
        area.setVisible(true); // shown again: its first paint asks for the refresh it missed
        robot.waitUntil("the view to list what the store holds", () -> {
            List<Entry> held = store.entries();
            return !held.isEmpty() && alerts.shownEntries().size() == held.size()
                    && alerts.shownEntries().get(0).id() == held.get(held.size() - 1).id();
        });
        DetectorStatus status = status(TestDetectors.EVERY_PACKET);
        long through = status.alertsRaised() - status.alertsSuppressed();
        assertEquals(published.size(), through, () -> "an alert for every packet: " + status + ", run inspected "
                + run.packetsInspected() + ", missed " + run.packetsMissed());
        int held = store.entries().size();
        assertEquals(Math.min(through, STORE_CAPACITY), held, "the store holds the newest alerts up to its bound");
        assertEquals(held, alerts.table().getItemCount());
        System.out.printf("alerts view, hidden during the flood: %,d alerts raised on %,d packets, %,d held and"
                + " listed; the refresh when shown %.1f ms%n", through, published.size(), held,
                alerts.longestRefreshNanos() / 1e6);

        // shown, the view follows the flood at the refresher's pace: what a refresh costs the UI thread then
        alerts.resetRefreshFigures();
        refresher.resetLongestTick();
        long inspected = run.packetsInspected() + run.packetsMissed();
        List<Published> again = publish("pcaps/bench/bigmix-350k.pcap");
        robot.waitUntil("the run to take the capture again",
                () -> run.packetsInspected() + run.packetsMissed() >= inspected + again.size());
        robot.waitUntil("the view to list the newest alert", () -> {
            List<Entry> newest = store.entries();
            return alerts.shownEntries().get(0).id() == newest.get(newest.size() - 1).id();
        });
        assertEquals(STORE_CAPACITY, alerts.table().getItemCount());
        System.out.printf("alerts view, shown during the flood: %d refreshes, mean %.1f ms, longest %.1f ms;"
                + " longest UI tick %.1f ms%n", alerts.refreshCount(), alerts.meanRefreshNanos() / 1e6,
                alerts.longestRefreshNanos() / 1e6, refresher.longestTickNanos() / 1e6);
        robot.screenshot(shell, screenshots, "alerts-flood");
    }

    @Test
    void pausedTheListWaitsAndResumeShowsWhatCame() throws IOException {
        register(TestDetectors.connectionAttempts());
        SashForm sash = openShell("Osprey alerts view paused", 1200, 500);
        AlertsPart alerts = make(AlertsPart.class, new Composite(sash, SWT.NONE));
        shell.open();
        robot.drain();

        liveView.pause();
        List<Published> attempts = alertedAttempts(publish(TCP_SYN_SCAN));
        robot.waitUntil("the alerts in the store", () -> store.entries().size() == attempts.size());
        robot.waitUntil("the status to count them as waiting", () -> alerts.statusText().equals(String.format(
                "0 of 0 alerts shown, 0 acknowledged (paused: %,d new alerts wait for Resume)", attempts.size())),
                alerts::statusText);
        assertEquals(0, alerts.shownEntries().size(), "paused, the list stays as it was");

        liveView.resume();
        robot.waitUntil("Resume to show them", () -> alerts.shownEntries().size() == attempts.size());
    }

    @Test
    void storedSettingsAreGivenToADetectorWhenItJoinsTheRun() {
        String id = TestDetectors.CONNECTION_ATTEMPTS + ".stored";
        preferences.setDetectorSettings(id, Map.of(TestDetectors.HIGH_BELOW, 300.0)); // as the Detectors view keeps it
        try {
            register(TestDetectors.connectionAttempts(id));
            robot.waitUntil("the stored value on the running detector",
                    () -> status(id).settings().value(TestDetectors.HIGH_BELOW) == 300, () -> status(id).toString());
        } finally {
            preferences.setDetectorSettings(id, Map.of());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Entry portScanAlert(AlertsPart alerts) {
        return alerts.shownEntries().stream().filter(entry -> PORT_SCAN.equals(entry.alert().detectorId())
                && SCANNER.equals(entry.alert().sourceAddress()) && TARGET.equals(entry.alert().destinationAddress()))
                .findFirst().orElse(null);
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName))
                .findFirst().orElseThrow(() -> new AssertionError(symbolicName + " is not in the test runtime"));
    }

    /**
     * The connection attempts that give an alert: the first to each port of each host pair (the engine merges
     * repeats of one signature and host pair within its suppression window, 300 s, longer than these captures).
     */
    private static List<Published> alertedAttempts(List<Published> published) {
        Set<String> seen = new HashSet<>();
        return published.stream().filter(p -> TestDetectors.isConnectionAttempt(p.packet()))
                .filter(p -> seen.add(p.packet().source() + ">" + p.packet().destination() + ":"
                        + p.packet().dstPort()))
                .toList();
    }

    private void register(Detector detector) {
        detectors.add(bundleContext.registerService(Detector.class, detector, new Hashtable<>()));
        robot.waitUntil("the run to take detector " + detector.id(), () -> status(detector.id()) != null);
    }

    private DetectorStatus status(String id) {
        return run.detectors().stream().filter(status -> status.id().equals(id)).findFirst().orElse(null);
    }

    private static DetectorStatus shownStatus(DetectorsPart view, String id) {
        return view.shownStatuses().stream().filter(status -> status.id().equals(id)).findFirst().orElse(null);
    }

    private static TableItem itemOf(DetectorsPart view, String id) {
        for (TableItem item : view.table().getItems()) {
            if (item.getData() instanceof DetectorStatus status && status.id().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no row for " + id);
    }

    private SashForm openShell(String title, int width, int height) {
        shell = new Shell(display);
        shell.setText(title);
        shell.setLayout(new FillLayout());
        shell.setBounds(20, 20, width, height);
        return new SashForm(shell, SWT.VERTICAL);
    }

    private <T> T make(Class<T> partClass, Composite area) {
        IEclipseContext partContext = context.createChild(partClass.getSimpleName());
        partContext.set(Composite.class, area);
        return ContextInjectionFactory.make(partClass, partContext);
    }

    /** Publishes a capture into the client's stream, as the transport does, and returns what was published. */
    private List<Published> publish(String corpusFile) throws IOException {
        List<Published> published = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(TestFiles.corpus(corpusFile))) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                published.add(new Published(stream.publish(packet), packet));
            }
        }
        return published;
    }

    private Entry storeEntry(long id) {
        return store.entries().stream().filter(entry -> entry.id() == id).findFirst().orElseThrow();
    }

    private static PacketSummary packetOf(List<Published> published, long sequence) {
        return published.stream().filter(p -> p.sequence() == sequence).findFirst().orElseThrow().packet();
    }

    private void chooseSeverity(AlertsPart alerts, Severity severity) {
        alerts.severityChoice().select(severity.ordinal());
        alerts.severityChoice().notifyListeners(SWT.Selection, new Event());
        robot.drain();
    }

    /** A click on a column header: SWT gives headers no bounds, so the header's Selection is sent as GTK does. */
    private void clickHeader(AlertsPart alerts, AlertColumn column) {
        alerts.table().getColumn(column.ordinal()).notifyListeners(SWT.Selection, new Event());
        robot.drain();
    }

    private TableItem itemAt(AlertsPart alerts, int row) {
        alerts.table().showItem(alerts.table().getItem(row));
        robot.drain();
        return alerts.table().getItem(row);
    }

    private static Map<String, String> details(AlertsPart alerts) {
        return Arrays.stream(alerts.details().getItems())
                .collect(Collectors.toMap(item -> item.getText(0), item -> item.getText(1), (a, b) -> a));
    }

    private int rowOfFirstPacket(PacketTablePart table, Predicate<PacketSummary> test) {
        for (int row = 0; row < table.rowCount(); row++) {
            if (test.test(table.packetAt(row))) {
                return row;
            }
        }
        throw new AssertionError("no such packet");
    }

    /** The toast's text label: a click there shows the alert (the close button is elsewhere). */
    private static Control contentOf(Shell toast) {
        Control found = findLabelWithText(toast);
        assertNotNull(found, "the toast's text");
        return found;
    }

    private static Control findLabelWithText(Composite composite) {
        for (Control child : composite.getChildren()) {
            if (child instanceof Label label
                    && label.getText().startsWith("Click to show")) {
                return label;
            }
            if (child instanceof Composite nested) {
                Control found = findLabelWithText(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
