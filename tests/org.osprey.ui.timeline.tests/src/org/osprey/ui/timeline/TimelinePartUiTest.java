package org.osprey.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.EventHandler;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.SessionService;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;
import org.osprey.ui.LiveView;
import org.osprey.ui.PacketSelection;
import org.osprey.ui.UiRefresher;

/**
 * The timeline as a person uses it: a real shell on a real display, the real PacketStream and TimelineMarkers DS
 * services, the real UiRefresher, LiveView and event broker, a real capture published into the stream, real wheel,
 * clicks, drags and keys. What the timeline counts is compared with counts made from tshark's packet times; what a
 * click selects is compared with the packets tshark places in that moment.
 */
class TimelinePartUiTest {

    private static final String SYN_SCAN = "pcaps/scan/synscan.pcapng";

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private UiRefresher refresher;
    private LiveView liveView;
    private PacketStream stream;
    private TimelineMarkers markers;
    private TimelinePart part;
    private UiRobot robot;
    private Path screenshots;
    private final BlockingQueue<PacketSelection> selections = new LinkedBlockingQueue<>();
    private final EventHandler selectionHandler = event -> selections
            .add((PacketSelection) event.getProperty(IEventBroker.DATA));
    private IEventBroker eventBroker;

    @BeforeEach
    void openPartInShell() {
        display = Display.getDefault();
        robot = new UiRobot(display);
        shell = new Shell(display);
        shell.setText("Osprey timeline UI test");
        shell.setLayout(new FillLayout());
        shell.setBounds(20, 20, 1200, 320);
        Composite partArea = new Composite(shell, SWT.NONE);

        // as in the application: OSGi services through the bundle's service context, refresher and live view set
        context = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(getClass()).getBundleContext())
                .createChild("timeline UI test");
        stream = context.get(PacketStream.class);
        markers = context.get(TimelineMarkers.class);
        assertNotNull(markers, "the TimelineMarkers DS service");
        stream.clear();
        refresher = new UiRefresher(display, UiRefresher.MAX_TICKS_PER_SECOND);
        liveView = new LiveView(display, stream);
        context.set(UiRefresher.class, refresher);
        context.set(LiveView.class, liveView);
        context.set(Composite.class, partArea);
        eventBroker = context.get(IEventBroker.class);
        assertNotNull(eventBroker, "the event broker");
        assertNotNull(FrameworkUtil.getBundle(getClass()).getBundleContext()
                .getServiceReference("org.osgi.service.event.EventAdmin"), "EventAdmin runs");
        assertTrue(eventBroker.subscribe(PacketSelection.TOPIC, selectionHandler), "subscribed to the selections");
        part = ContextInjectionFactory.make(TimelinePart.class, context);

        shell.open();
        shell.forceActive();
        robot.drain();
        screenshots = TestFiles.output().resolve("screenshots");
    }

    @AfterEach
    void closeShell() {
        eventBroker.unsubscribe(selectionHandler);
        context.dispose(); // @PreDestroy of the part: unsubscribe, unregister
        refresher.dispose();
        robot.closeAllShells();
        stream.clear();
    }

    @Test
    void showsTheDensityOfACaptureZoomsWithTheWheelAndAClickSelectsThatMomentsPackets() throws Exception {
        Path capture = TestFiles.corpus(SYN_SCAN);
        long[] times = Tshark.epochNanos(capture);
        long firstSequence = stream.nextSequence();
        publish(capture);
        waitForAllCounted(times.length);

        // live and fitted: the right edge is the newest packet, the span everything held
        long newest = Arrays.stream(times).max().orElseThrow();
        long oldest = Arrays.stream(times).min().orElseThrow();
        assertEquals(newest + 1, part.visibleEndNanos(), "the right edge is the newest packet's time");
        assertTrue(part.visibleStartNanos() <= oldest, "the whole capture is in view");
        assertTrue(part.isFollowingLive());
        assertCountsMatch(times, "fitted");
        assertEquals(times.length, Reference.sum(part.bucketCounts()), "every packet is in a bucket");
        long redraws = part.redraws();
        long ticks = refresher.ticks();
        robot.waitUntil("three more refresh ticks", () -> refresher.ticks() >= ticks + 3);
        assertEquals(redraws, part.redraws(), "an idle stream causes no redraw");
        robot.screenshot(shell, screenshots, "timeline-synscan-fitted");

        // a click on the busiest moment in view selects exactly its packets in the table
        int[] counts = part.bucketCounts();
        int busiest = 1; // of the buckets wholly in view
        for (int i = 1; i < counts.length - 1; i++) {
            busiest = counts[i] > counts[busiest] ? i : busiest;
        }
        long from = part.firstBucketNanos() + busiest * part.bucketWidthNanos();
        long to = from + part.bucketWidthNanos();
        int x = part.xOf(from + part.bucketWidthNanos() / 2);
        robot.clickAt(part.canvas(), x, part.plotMiddleY());
        PacketSelection selection = nextSelection("the click on the moment at x=" + x);
        long[] expected = Reference.sequencesBetween(times, firstSequence, from, to);
        assertTrue(expected.length > 1, "the busiest moment has several packets: " + expected.length);
        assertArrayEquals(expected, selection.sequences(), "the packets of [" + from + ", " + to + ")");
        assertEquals(TimelinePart.SELECTION_ORIGIN, selection.origin());
        String countText = String.format("%,d packets", expected.length);
        assertTrue(part.tooltipText() != null && part.tooltipText().endsWith(countText),
                "the tooltip names the moment's count: " + part.tooltipText());
        robot.screenshot(shell, screenshots, "timeline-synscan-moment-selected");

        // three wheel notches up: zoomed in, still live, so the right edge stays on the newest packet
        long spanBefore = part.visibleSpanNanos();
        robot.wheelAt(part.canvas(), part.canvas().getSize().x / 3, part.plotMiddleY(), 3);
        robot.waitUntil("the wheel to zoom in", () -> part.visibleSpanNanos() < spanBefore);
        long expectedSpan = Math.round(Math.round(Math.round(spanBefore * 0.8) * 0.8) * 0.8);
        assertEquals(expectedSpan, part.visibleSpanNanos(), "three zoom steps of 0.8");
        assertEquals(newest + 1, part.visibleEndNanos(), "live: the right edge stays");
        assertCountsMatch(times, "zoomed in live");
        robot.screenshot(shell, screenshots, "timeline-synscan-zoomed");

        // the keys zoom as well: '-' zooms out, no wider than the time held, clamped to the time held
        robot.typeThroughXTest('-');
        robot.typeThroughXTest('-');
        robot.typeThroughXTest('-');
        robot.typeThroughXTest('-');
        robot.waitUntil("'-' to zoom out to everything held",
                () -> part.visibleSpanNanos() == newest + 1 - Math.floorDiv(oldest, 1_000_000L) * 1_000_000L,
                this::state);
        // and not narrower than about a second
        for (int i = 0; i < 20; i++) {
            robot.typeThroughXTest('+');
        }
        robot.waitUntil("'+' to zoom in to one second at most", () -> part.visibleSpanNanos() == 1_000_000_000L,
                this::state);
        assertCountsMatch(times, "one second");
    }

    @Test
    void demoTrafficThroughTheEmbeddedAgentIsCountedAtItsPacketTimes() throws Exception {
        SessionService sessions = context.get(SessionService.class);
        assertNotNull(sessions, "the client's session service (DS)");
        sessions.startEmbedded(EmbeddedMode.DEMO); // the generator, through the agent's TLS WebSocket, into the stream
        try {
            robot.waitUntil("3,000 generated packets on the timeline", () -> part.packetsCounted() >= 3_000);
        } finally {
            sessions.stop();
        }
        long received = stream.nextSequence() - stream.oldestSequence(); // a session starts by clearing the stream
        waitForAllCounted((int) received);

        // the packet times the stream holds, bucketed independently of the timeline's model
        PacketSummary[] held = new PacketSummary[(int) received];
        assertEquals(received, stream.read(stream.oldestSequence(), held));
        long[] times = Arrays.stream(held).mapToLong(PacketSummary::timestampNanos).toArray();
        long newest = Arrays.stream(times).max().orElseThrow();
        assertEquals(newest + 1, part.visibleEndNanos(), "live: the right edge is the newest generated packet");
        assertCountsMatch(times, "generated traffic");
        robot.screenshot(shell, screenshots, "timeline-demo-traffic");
    }

    @Test
    void whileLiveTheAxisScrollsWithTheNewestPacketKeepingItsZoom() throws Exception {
        Path capture = TestFiles.corpus(SYN_SCAN);
        long[] times = Tshark.epochNanos(capture);
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                packets.add(packet);
            }
        }
        int published = 0;
        for (; published < 600; published++) {
            stream.publish(packets.get(published));
        }
        waitForAllCounted(published);
        robot.wheelAt(part.canvas(), 600, part.plotMiddleY(), 1);
        robot.waitUntil("zoomed in", () -> !part.isFittingEverything());
        long span = part.visibleSpanNanos();

        // the rest arrives in pieces, as from a live capture: each time the right edge moves to the newest packet
        while (published < packets.size()) {
            int end = Math.min(packets.size(), published + 350);
            for (; published < end; published++) {
                stream.publish(packets.get(published));
            }
            long[] arrived = Arrays.copyOf(times, published);
            long newest = Arrays.stream(arrived).max().orElseThrow();
            int count = published;
            robot.waitUntil("the right edge at the newest of " + count + " packets",
                    () -> part.packetsCounted() == count && part.visibleEndNanos() == newest + 1, this::state);
            robot.waitUntil("the picture of " + count + " packets", () -> Arrays.equals(part.bucketCounts(),
                    Reference.counts(arrived, part.firstBucketNanos(), part.bucketWidthNanos(),
                            part.bucketCounts().length)));
            assertEquals(span, part.visibleSpanNanos(), "the zoom stays while the axis scrolls");
        }
        robot.screenshot(shell, screenshots, "timeline-live-scrolled");
    }

    @Test
    void pauseFreezesTheViewWhilePacketsArriveAndThenItPansResumeCatchesUp() throws Exception {
        Path capture = TestFiles.corpus(SYN_SCAN);
        long[] times = Tshark.epochNanos(capture);
        publish(capture);
        waitForAllCounted(times.length);
        robot.wheelAt(part.canvas(), 600, part.plotMiddleY(), 2);
        robot.waitUntil("zoomed in", () -> !part.isFittingEverything());

        liveView.pause();
        robot.drain();
        assertTrue(!part.isFollowingLive(), "paused: the axis stays");
        int[] frozenCounts = part.bucketCounts();
        long frozenEnd = part.visibleEndNanos();
        long frozenSpan = part.visibleSpanNanos();
        long redrawsBefore = part.redraws();

        // the same capture again: its packets have the same times, so every bucket would double if shown
        publish(capture);
        robot.waitUntil("the packets that arrived while paused to be counted",
                () -> part.packetsCounted() == 2L * times.length);
        long ticks = refresher.ticks();
        robot.waitUntil("three more refresh ticks", () -> refresher.ticks() >= ticks + 3);
        assertArrayEquals(frozenCounts, part.bucketCounts(), "pause freezes the counts");
        assertEquals(frozenEnd, part.visibleEndNanos(), "and the axis");
        assertEquals(frozenSpan, part.visibleSpanNanos());
        assertEquals(redrawsBefore, part.redraws(), "nothing changed on screen, so nothing was redrawn");
        robot.screenshot(shell, screenshots, "timeline-paused");

        // paused, the wheel zooms around the pointer: the moment under it stays put
        int pointerX = 300;
        long underPointer = part.timeAt(pointerX);
        robot.wheelAt(part.canvas(), pointerX, part.plotMiddleY(), 1);
        robot.waitUntil("the wheel to zoom in around the pointer", () -> part.visibleSpanNanos() < frozenSpan);
        long nanosPerPixel = part.visibleSpanNanos() / part.canvas().getSize().x + 1;
        assertTrue(Math.abs(part.timeAt(pointerX) - underPointer) <= nanosPerPixel,
                "the time under the pointer stays: " + underPointer + " vs " + part.timeAt(pointerX));

        // and a drag pans: dragging to the left shows later times
        long endBeforeDrag = part.visibleEndNanos();
        long span = part.visibleSpanNanos();
        int width = part.canvas().getSize().x;
        robot.drag(part.canvas(), 800, part.plotMiddleY(), 500, part.plotMiddleY());
        long expectedEnd = endBeforeDrag + Math.round(300.0 * span / width);
        robot.waitUntil("the drag to pan", () -> part.visibleEndNanos() != endBeforeDrag);
        assertTrue(Math.abs(part.visibleEndNanos() - expectedEnd) <= 2 * span / width,
                "300 pixels of time later: expected " + expectedEnd + ", got " + part.visibleEndNanos());
        assertTrue(selections.isEmpty(), "a drag is not a click: " + selections);
        long endAfterDrag = part.visibleEndNanos();
        robot.key("Left");
        robot.waitUntil("Left to pan earlier", () -> part.visibleEndNanos() == endAfterDrag - span / 10, this::state);
        robot.key("Right");
        robot.waitUntil("Right to pan back", () -> part.visibleEndNanos() == endAfterDrag, this::state);
        long[] doubled = new long[times.length * 2];
        System.arraycopy(times, 0, doubled, 0, times.length);
        System.arraycopy(times, 0, doubled, times.length, times.length);
        assertCountsMatch(times, "paused, panned: the packets before the pause only");
        robot.screenshot(shell, screenshots, "timeline-paused-panned");

        // resume, and '0' shows everything again: each moment now holds both copies
        liveView.resume();
        robot.moveTo(part.canvas(), 600, part.plotMiddleY());
        robot.typeThroughXTest('0');
        robot.waitUntil("everything live again", () -> part.isFollowingLive()
                && Reference.sum(part.bucketCounts()) == 2L * times.length, this::state);
        assertCountsMatch(doubled, "resumed with the packets that arrived while paused");
    }

    @Test
    void marksAreDrawnAClickOnOneSelectsItsPacketsAndClearEmptiesTheView() throws Exception {
        Path capture = TestFiles.corpus(SYN_SCAN);
        long[] times = Tshark.epochNanos(capture);
        long firstSequence = stream.nextSequence();
        publish(capture);
        waitForAllCounted(times.length);

        // an alert-like mark on packets 100..102, at the time of packet 100
        long markTime = times[100];
        TimelineMarker mark = new TimelineMarker(markTime, TimelineMarker.Severity.HIGH, "SYN scan from 10.0.0.1",
                new long[] { firstSequence + 100, firstSequence + 101, firstSequence + 102 });
        TimelineMarker other = new TimelineMarker(times[1500], TimelineMarker.Severity.LOW, "something mild",
                new long[0]);
        markers.add(mark);
        markers.add(other);
        robot.waitUntil("the marks to be drawn", () -> part.markers().equals(List.of(mark, other)));
        robot.screenshot(shell, screenshots, "timeline-marks");

        robot.clickAt(part.canvas(), part.xOf(markTime), part.plotMiddleY());
        PacketSelection selection = nextSelection("the click on the mark");
        assertArrayEquals(mark.sequences(), selection.sequences(), "a click on a mark selects the mark's packets");
        assertTrue(part.tooltipText().startsWith("HIGH: SYN scan from 10.0.0.1"), part.tooltipText());

        // paused, a mark about a packet that arrives after the pause waits for Resume, as the packet does
        liveView.pause();
        TimelineMarker later = new TimelineMarker(times[200], TimelineMarker.Severity.MEDIUM, "after the pause",
                new long[] { stream.nextSequence() });
        markers.add(later);
        long ticks = refresher.ticks();
        robot.waitUntil("three more refresh ticks", () -> refresher.ticks() >= ticks + 3);
        assertEquals(List.of(mark, other), part.markers(), "paused: the new mark is not shown yet");
        liveView.resume();
        robot.waitUntil("the new mark after Resume", () -> part.markers().equals(List.of(mark, other, later)));

        stream.clear();
        robot.waitUntil("Clear to empty the timeline",
                () -> part.bucketCounts().length > 0 && Reference.sum(part.bucketCounts()) == 0
                        && part.markers().isEmpty());
        assertTrue(markers.snapshot().isEmpty(), "clearing the stream forgets its marks");
        robot.screenshot(shell, screenshots, "timeline-cleared");
        // and the next packets are shown afresh
        publish(capture);
        waitForAllCounted(times.length);
        assertCountsMatch(times, "after clear");
    }

    @Test
    void aThreeHundredFiftyThousandPacketCaptureIsCountedOffTheUiThreadAndAClickSelectsAMomentOfIt()
            throws Exception {
        Path capture = TestFiles.corpus("pcaps/bench/bigmix-350k.pcap");
        long firstSequence = stream.nextSequence();
        long[] times = readTimes(capture); // tshark takes half a minute on this file; its count is checked instead
        assertEquals(Tshark.packetCount(capture), times.length, "our reader and capinfos count the same packets");
        long start = System.nanoTime();
        publish(capture);
        long published = System.nanoTime();
        waitForAllCounted(times.length);
        long shown = System.nanoTime();
        assertCountsMatch(times, "350k packets, fitted");
        System.out.printf("timeline: %,d packets published in %.0f ms, all shown %.0f ms later; longest refresh"
                + " tick %.1f ms; %,d display buckets of %s%n", times.length, (published - start) / 1e6,
                (shown - published) / 1e6, refresher.longestTickNanos() / 1e6, part.bucketCounts().length,
                Duration.ofNanos(part.bucketWidthNanos()));
        robot.screenshot(shell, screenshots, "timeline-bigmix-350k");

        int[] counts = part.bucketCounts();
        int bucket = counts.length / 2;
        while (counts[bucket] == 0) {
            bucket++;
        }
        long from = part.firstBucketNanos() + bucket * part.bucketWidthNanos();
        robot.clickAt(part.canvas(), part.xOf(from + part.bucketWidthNanos() / 2), part.plotMiddleY());
        PacketSelection selection = nextSelection("the click on a moment of the big capture");
        assertArrayEquals(Reference.sequencesBetween(times, firstSequence, from, from + part.bucketWidthNanos()),
                selection.sequences());
    }

    /** The part's state, for failure messages. */
    private String state() {
        return String.format("(following %s, fitting %s, span %,d ns, %,d packets counted, %,d shown, focus on %s)",
                part.isFollowingLive(), part.isFittingEverything(), part.visibleSpanNanos(), part.packetsCounted(),
                Reference.sum(part.bucketCounts()), display.getFocusControl());
    }

    private static long[] readTimes(Path capture) throws IOException {
        long[] times = new long[1024];
        int count = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                if (count == times.length) {
                    times = Arrays.copyOf(times, count * 2);
                }
                times[count++] = packet.timestampNanos();
            }
        }
        return Arrays.copyOf(times, count);
    }

    private void publish(Path capture) throws IOException {
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                stream.publish(packet);
            }
        }
    }

    private void waitForAllCounted(int packets) {
        robot.waitUntil(packets + " packets counted and shown", () -> part.packetsCounted() == packets
                && Reference.sum(part.bucketCounts()) == packets);
    }

    /** The counts drawn equal the counts of tshark's packet times over the same buckets. */
    private void assertCountsMatch(long[] times, String when) {
        int[] counts = part.bucketCounts();
        assertTrue(counts.length > 10, "buckets in view " + when + ": " + counts.length);
        assertArrayEquals(Reference.counts(times, part.firstBucketNanos(), part.bucketWidthNanos(), counts.length),
                counts, "bucket counts " + when + " (" + part.bucketWidthNanos() + " ns buckets)");
    }

    private PacketSelection nextSelection(String after) throws InterruptedException {
        robot.waitUntil("a PacketSelection event after " + after + " (the part posted "
                + part.lastSelection().length + " sequence numbers)", () -> !selections.isEmpty());
        return selections.take();
    }
}
