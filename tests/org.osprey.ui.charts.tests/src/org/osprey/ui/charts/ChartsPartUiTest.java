package org.osprey.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.Chart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.SessionException;
import org.osprey.session.SessionService;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;
import org.osprey.ui.LiveView;
import org.osprey.ui.OpenCaptureJob;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.charts.internal.TrafficSnapshot;
import org.osprey.ui.charts.internal.TrafficStatistics;

/**
 * The Charts view as the application runs it: a real shell on a real display, the real PacketStream DS service, the
 * real UiRefresher and LiveView, captures replayed into the stream by the real Open Capture job. What the charts hold
 * (their series values and categories) is compared with tshark's counts of the same file.
 */
class ChartsPartUiTest {

    private static final String SYN_SCAN = "pcaps/scan/synscan.pcapng";
    private static final String UDP_SCAN = "pcaps/scan/UDP_SCAN.pcap";

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private UiRefresher refresher;
    private LiveView liveView;
    private PacketStream stream;
    private ChartsPart part;
    private UiRobot robot;
    private Path screenshots;
    /** Errors logged while a test runs, e.g. by the UiRefresher when a view's refresh threw: a test fails on any. */
    private final List<IStatus> loggedErrors = new CopyOnWriteArrayList<>();
    private final ILogListener errorCollector = (status, plugin) -> {
        if (status.matches(IStatus.ERROR)) {
            loggedErrors.add(status);
        }
    };

    @BeforeEach
    void openPartInShell() {
        Platform.addLogListener(errorCollector);
        display = Display.getDefault();
        robot = new UiRobot(display);
        shell = new Shell(display);
        shell.setText("Osprey charts UI test");
        shell.setLayout(new FillLayout());
        shell.setBounds(20, 20, 520, 980); // the shape of the side stack
        Composite partArea = new Composite(shell, 0);

        // as in the application: OSGi services through the bundle's service context, the UI services in the context
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("charts UI test");
        stream = context.get(PacketStream.class);
        refresher = new UiRefresher(display, UiRefresher.MAX_TICKS_PER_SECOND);
        liveView = new LiveView(display, stream);
        context.set(UiRefresher.class, refresher);
        context.set(LiveView.class, liveView);
        context.set(Composite.class, partArea);
        part = ContextInjectionFactory.make(ChartsPart.class, context);
        shell.open();
        robot.drain();
        screenshots = TestFiles.output().resolve("screenshots");
    }

    @AfterEach
    void closeShell() {
        Job.getJobManager().cancel(OpenCaptureJob.class);
        context.dispose(); // @PreDestroy: unsubscribe, unregister
        refresher.dispose();
        shell.dispose();
        robot.drain();
        Platform.removeLogListener(errorCollector);
        assertEquals(List.of(), loggedErrors.stream().map(ChartsPartUiTest::describe).toList(), "errors logged");
    }

    private static String describe(IStatus status) {
        return status.getMessage() + (status.getException() != null ? ": " + status.getException() : "");
    }

    @Test
    void theChartsHoldTsharksCountsOfAReplayedCapture() {
        Path capture = TestFiles.corpus(SYN_SCAN);
        TreeMap<Long, long[]> perSecond = Tshark.perSecond(capture);
        long packets = perSecond.values().stream().mapToLong(c -> c[0]).sum();
        long ticksBefore = refresher.ticks();
        long redrawsBefore = part.redraws();

        replay(capture);
        robot.waitUntil("the charts to show all " + packets + " packets", () -> part.shownSnapshot().packets() == packets);

        long[][] window = lastMinute(perSecond);
        assertArrayEquals(asDoubles(window[0]), ChartsPart.seriesValues(part.rateChart(), ChartsPart.PACKETS_SERIES),
                "packets/s series: tshark's packets per second of the last minute of packet time");
        assertArrayEquals(asDoubles(window[1]), ChartsPart.seriesValues(part.rateChart(), ChartsPart.BYTES_SERIES),
                "bytes/s series: tshark's frame.len per second");

        assertEquals(protocolCount(capture), barsOf(part.protocolChart(), ChartsPart.PROTOCOL_SERIES),
                "packets per protocol label, counted over the file");
        double[] protocolBars = ChartsPart.seriesValues(part.protocolChart(), ChartsPart.PROTOCOL_SERIES);
        for (int i = 1; i < protocolBars.length; i++) {
            assertTrue(protocolBars[i - 1] >= protocolBars[i], "most packets first: " + Arrays.toString(protocolBars));
        }

        Map<String, long[]> endpoints = Tshark.endpoints(capture, "ip");
        String[] talkers = ChartsPart.categories(part.talkersChart());
        double[] talkerBytes = ChartsPart.seriesValues(part.talkersChart(), ChartsPart.TALKER_SERIES);
        assertEquals(Math.min(TrafficStatistics.TOP, endpoints.size()), talkers.length, "one bar per host: " + endpoints.keySet());
        for (int i = 0; i < talkers.length; i++) {
            assertEquals(endpoints.get(talkers[i])[1], (long) talkerBytes[i], "bytes of " + talkers[i] + " (tshark endpoints)");
        }

        String[] ports = ChartsPart.categories(part.portsChart());
        double[] portPackets = ChartsPart.seriesValues(part.portsChart(), ChartsPart.PORT_SERIES);
        assertEquals(TrafficStatistics.TOP, ports.length, "a SYN scan probes more than ten ports");
        Map<String, long[]> tsharkPorts = Tshark.servicePorts(capture);
        for (int i = 0; i < ports.length; i++) {
            assertEquals(tsharkPorts.get(ports[i])[0], (long) portPackets[i], "packets of " + ports[i]);
        }
        long tenthMost = tsharkPorts.values().stream().map(c -> c[0]).sorted(Comparator.reverseOrder())
                .skip(TrafficStatistics.TOP - 1).findFirst().orElseThrow();
        assertEquals(tenthMost, (long) portPackets[TrafficStatistics.TOP - 1], "the tenth bar is tshark's tenth most");

        assertTrue(part.redraws() - redrawsBefore <= refresher.ticks() - ticksBefore,
                "at most one redraw a tick: " + (part.redraws() - redrawsBefore) + " redraws in "
                        + (refresher.ticks() - ticksBefore) + " ticks");
        robot.screenshot(shell, screenshots, "charts-synscan");
    }

    @Test
    void aBigCaptureOpenedAtFullSpeedShowsTheLastMinuteOfItsOwnTime() {
        Path capture = TestFiles.corpus("pcaps/bench/bigmix-350k.pcap"); // 350k packets over 53 minutes
        TreeMap<Long, long[]> perSecond = new TreeMap<>();
        forEachPacket(capture, packet -> {
            long[] second = perSecond.computeIfAbsent(Math.floorDiv(packet.timestampNanos(), 1_000_000_000L),
                    s -> new long[2]);
            second[0]++;
            second[1] += packet.wireLength();
        });
        long packets = perSecond.values().stream().mapToLong(c -> c[0]).sum();
        long ticksBefore = refresher.ticks();
        long redrawsBefore = part.redraws();
        long start = System.nanoTime();

        replay(capture);
        robot.waitUntil("the charts to show all " + packets + " packets",
                () -> part.shownSnapshot().packets() + part.shownSnapshot().notCounted() >= packets);
        double seconds = (System.nanoTime() - start) / 1e9;
        long ticks = refresher.ticks() - ticksBefore;
        System.out.printf("bigmix-350k opened at full speed: %,d packets shown after %.1f s (%,.0f packets/s), %d redraws"
                + " in %d ticks, longest redraw %.1f ms, longest UI tick %.1f ms%n", packets, seconds, packets / seconds,
                part.redraws() - redrawsBefore, ticks, part.longestRedrawNanos() / 1e6,
                refresher.longestTickNanos() / 1e6);

        TrafficSnapshot shown = part.shownSnapshot();
        assertEquals(0, shown.notCounted(), "counting kept pace with the replay: no packet lost to a full queue");
        assertEquals(perSecond.lastKey(), shown.windowEndSecond(), "the window ends at the file's last second");
        long[][] window = lastMinute(perSecond);
        assertArrayEquals(asDoubles(window[0]), ChartsPart.seriesValues(part.rateChart(), ChartsPart.PACKETS_SERIES),
                "packets/s of the file's last minute, though the file was read in seconds");
        assertArrayEquals(asDoubles(window[1]), ChartsPart.seriesValues(part.rateChart(), ChartsPart.BYTES_SERIES));
        assertTrue(part.redraws() - redrawsBefore <= ticks, "at most one redraw a tick");
        robot.screenshot(shell, screenshots, "charts-bigmix-350k");
    }

    @Test
    void aViewOpenedAfterAFileWasReadShowsWhatTheRingHolds() {
        Path capture = TestFiles.corpus(UDP_SCAN);
        long packets = replayAndWait(capture);
        Map<String, Long> shownByTheFirstView = barsOf(part.protocolChart(), ChartsPart.PROTOCOL_SERIES);

        // a second Charts view opened now: no packet will arrive to wake its subscription up
        Shell later = new Shell(display);
        later.setLayout(new FillLayout());
        later.setBounds(560, 20, 520, 980);
        IEclipseContext laterContext = context.createChild("charts opened later");
        laterContext.set(Composite.class, new Composite(later, 0));
        ChartsPart laterPart = ContextInjectionFactory.make(ChartsPart.class, laterContext);
        later.open();
        try {
            robot.waitUntil("the later view to show the " + packets + " packets the ring holds",
                    () -> laterPart.shownSnapshot().packets() == packets);
            assertEquals(protocolCount(capture), barsOf(laterPart.protocolChart(), ChartsPart.PROTOCOL_SERIES),
                    "packets per protocol of the file");
            assertEquals(shownByTheFirstView, barsOf(laterPart.protocolChart(), ChartsPart.PROTOCOL_SERIES),
                    "the same as the view that watched them arrive");
            assertArrayEquals(ChartsPart.seriesValues(part.rateChart(), ChartsPart.PACKETS_SERIES),
                    ChartsPart.seriesValues(laterPart.rateChart(), ChartsPart.PACKETS_SERIES));
            robot.screenshot(later, screenshots, "charts-opened-after-udp-scan");
        } finally {
            laterContext.dispose();
            later.dispose();
        }
    }

    @Test
    void pauseFreezesTheChartsWhilePacketsArriveAndResumeCatchesUp() throws IOException {
        Path first = TestFiles.corpus(SYN_SCAN);
        long firstPackets = replayAndWait(first);
        double[] packetsShown = ChartsPart.seriesValues(part.rateChart(), ChartsPart.PACKETS_SERIES).clone();
        String[] protocolsShown = ChartsPart.categories(part.protocolChart()).clone();
        double[] portsShown = ChartsPart.seriesValues(part.portsChart(), ChartsPart.PORT_SERIES).clone();

        liveView.pause();
        TrafficSnapshot atPause = part.shownSnapshot();
        long redrawsAtPause = part.redraws();
        // live packets arriving while paused: published straight into the same stream, as the transport does
        Path second = TestFiles.corpus(UDP_SCAN);
        long secondPackets = publishWithoutClearing(second);
        long total = firstPackets + secondPackets;
        robot.waitUntil("the statistics to count the packets that arrived while paused",
                () -> part.countedSnapshot().packets() == total);
        long ticks = refresher.ticks();
        robot.waitUntil("three more ticks", () -> refresher.ticks() >= ticks + 3);

        assertSame(atPause, part.shownSnapshot(), "the charts show what they showed at the pause");
        assertEquals(redrawsAtPause, part.redraws(), "no redraw while paused");
        assertArrayEquals(packetsShown, ChartsPart.seriesValues(part.rateChart(), ChartsPart.PACKETS_SERIES));
        assertArrayEquals(protocolsShown, ChartsPart.categories(part.protocolChart()));
        assertArrayEquals(portsShown, ChartsPart.seriesValues(part.portsChart(), ChartsPart.PORT_SERIES));
        robot.screenshot(shell, screenshots, "charts-paused-while-udp-scan-arrives");

        liveView.resume();
        robot.waitUntil("the charts to catch up after resume", () -> part.shownSnapshot().packets() == total);
        Map<String, Long> expectedMix = new HashMap<>(protocolCount(first));
        protocolCount(second).forEach((label, count) -> expectedMix.merge(label, count, Long::sum));
        assertEquals(expectedMix, barsOf(part.protocolChart(), ChartsPart.PROTOCOL_SERIES),
                "after resume: the protocols of both captures");
        long newestSecond = Math.max(Tshark.perSecond(first).lastKey(), Tshark.perSecond(second).lastKey());
        assertEquals(newestSecond, part.shownSnapshot().windowEndSecond(), "the window ends at the newest packet");
        robot.screenshot(shell, screenshots, "charts-resumed");
    }

    @Test
    void clearEmptiesTheChartsEvenWhilePaused() {
        replayAndWait(TestFiles.corpus(SYN_SCAN));
        assertTrue(ChartsPart.categories(part.portsChart()).length > 0);
        liveView.pause();
        stream.clear();
        robot.waitUntil("the charts to empty", () -> part.shownSnapshot().packets() == 0);
        assertArrayEquals(new double[TrafficStatistics.WINDOW_SECONDS],
                ChartsPart.seriesValues(part.rateChart(), ChartsPart.PACKETS_SERIES), "no packets per second");
        assertArrayEquals(new double[TrafficStatistics.WINDOW_SECONDS],
                ChartsPart.seriesValues(part.rateChart(), ChartsPart.BYTES_SERIES), "no bytes per second");
        assertEquals(0, ChartsPart.categories(part.protocolChart()).length, "no protocol bars");
        assertEquals(0, ChartsPart.categories(part.talkersChart()).length, "no talker bars");
        assertEquals(0, ChartsPart.categories(part.portsChart()).length, "no port bars");
        robot.screenshot(shell, screenshots, "charts-cleared");
        liveView.resume();
    }

    @Test
    void demoTrafficThroughTheEmbeddedAgentIsWhatTheChartsShow() throws SessionException {
        SessionService sessions = context.get(SessionService.class);
        assertNotNull(sessions, "the client's session service (DS)");
        sessions.startEmbedded(EmbeddedMode.DEMO); // the generator, through the agent's TLS WebSocket, into the stream
        try {
            robot.waitUntil("3,000 generated packets in the charts", () -> part.shownSnapshot().packets() >= 3_000);
        } finally {
            sessions.stop();
        }
        long received = stream.nextSequence() - stream.oldestSequence(); // a session starts by clearing the stream
        robot.waitUntil("the charts to show all " + received + " packets received",
                () -> part.shownSnapshot().packets() == received);

        // counted again from the packets the stream holds, independently of the charts' statistics
        PacketSummary[] held = new PacketSummary[(int) received];
        assertEquals(received, stream.read(stream.oldestSequence(), held));
        TreeMap<Long, long[]> perSecond = new TreeMap<>();
        Map<String, Long> protocols = new HashMap<>();
        for (PacketSummary packet : held) {
            long[] second = perSecond.computeIfAbsent(Math.floorDiv(packet.timestampNanos(), 1_000_000_000L),
                    s -> new long[2]);
            second[0]++;
            second[1] += packet.wireLength();
            protocols.merge(packet.protocol().label(), 1L, Long::sum);
        }
        long[][] window = lastMinute(perSecond);
        assertArrayEquals(asDoubles(window[0]), ChartsPart.seriesValues(part.rateChart(), ChartsPart.PACKETS_SERIES),
                "packets/s of the generated traffic");
        assertArrayEquals(asDoubles(window[1]), ChartsPart.seriesValues(part.rateChart(), ChartsPart.BYTES_SERIES),
                "bytes/s of the generated traffic");
        assertEquals(protocols, barsOf(part.protocolChart(), ChartsPart.PROTOCOL_SERIES), "the generated mix");
        assertTrue(protocols.size() >= 4, "the demo mix has several protocols: " + protocols);
        assertTrue(ChartsPart.categories(part.talkersChart()).length > 1, "several talkers");
        robot.screenshot(shell, screenshots, "charts-demo-traffic");
    }

    private long replayAndWait(Path capture) {
        long packets = Tshark.perSecond(capture).values().stream().mapToLong(c -> c[0]).sum();
        replay(capture);
        robot.waitUntil("the charts to show " + capture.getFileName(), () -> part.shownSnapshot().packets() == packets);
        return packets;
    }

    /** File > Open Capture's job: clears the stream, then publishes the file as fast as it reads. */
    private void replay(Path capture) {
        OpenCaptureJob job = new OpenCaptureJob(capture, stream);
        job.schedule();
        robot.waitUntil("the replay of " + capture.getFileName(), () -> job.getState() == Job.NONE);
        assertTrue(job.getResult().isOK(), "replay: " + job.getResult());
    }

    private long publishWithoutClearing(Path capture) throws IOException {
        long published = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                stream.publish(packet);
                published++;
            }
        }
        return published;
    }

    /** Packets per protocol label, counted over the file. */
    private static Map<String, Long> protocolCount(Path capture) {
        Map<String, Long> counts = new HashMap<>();
        forEachPacket(capture, packet -> counts.merge(packet.protocol().label(), 1L, Long::sum));
        return counts;
    }

    private static void forEachPacket(Path capture, Consumer<PacketSummary> consumer) {
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                consumer.accept(packet);
            }
        } catch (IOException e) {
            throw new IllegalStateException(capture + ": " + e.getMessage(), e);
        }
    }

    /** A bar chart's bars as the chart holds them: category label -> value. */
    private static Map<String, Long> barsOf(Chart chart, String series) {
        String[] labels = ChartsPart.categories(chart);
        double[] values = ChartsPart.seriesValues(chart, series);
        assertEquals(labels.length, values.length, "one value per category");
        Map<String, Long> bars = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            bars.put(labels[i], (long) values[i]);
        }
        return bars;
    }

    /** {packets[], bytes[]} of the last {@value TrafficStatistics#WINDOW_SECONDS} seconds up to the newest. */
    private static long[][] lastMinute(TreeMap<Long, long[]> perSecond) {
        long[][] window = new long[2][TrafficStatistics.WINDOW_SECONDS];
        long first = perSecond.lastKey() - TrafficStatistics.WINDOW_SECONDS + 1;
        perSecond.tailMap(first).forEach((second, counts) -> {
            window[0][(int) (second - first)] = counts[0];
            window[1][(int) (second - first)] = counts[1];
        });
        return window;
    }

    private static double[] asDoubles(long[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

}
