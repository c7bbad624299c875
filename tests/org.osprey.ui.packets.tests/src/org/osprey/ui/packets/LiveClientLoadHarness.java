package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.agent.LocalAgent;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.TrafficInjector;
import org.osprey.session.RemoteAgent;
import org.osprey.session.internal.SessionServiceImpl;
import org.osprey.stream.PacketStream;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.testing.ui.UiRobot;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.server.ServerConfig;
import org.osprey.ui.LiveView;
import org.osprey.ui.UiRefresher;

/**
 * Load harness for the live client (not part of the test run: {@code ./osprey bench ui} runs it). It prints its
 * figures; the only assertions are that the traffic arrived, so that a figure is never printed for nothing.
 * <ul>
 * <li><b>capture → visible row</b> at 1k and 10k packets/s: generator frames injected on {@code lo}, captured live by
 * an agent, served over TLS, received by the client's session, shown by the real packet table. For every row that
 * becomes visible (auto-scroll shows the newest rows of each tick) the time from its capture timestamp to the end of
 * the paint of that tick; also the same for every packet (those scrolled past without being visible wait for the
 * next ≤10 Hz tick);</li>
 * <li><b>UI thread</b> while 100k packets/s arrive for {@value #STALL_SECONDS} s: the longest refresher tick, the
 * longest delay of a probe posted to the event loop every 20 ms, and the ticks a second achieved;</li>
 * <li><b>heap</b> at 10k packets/s with a 100k-packet client ring, after a full GC every 30 s, for
 * {@code -Dosprey.bench.heapSeconds} (default 600).</li>
 * </ul>
 */
class LiveClientLoadHarness {

    private static final int STALL_SECONDS = Integer.getInteger("osprey.bench.stallSeconds", 60);
    private static final int HEAP_SECONDS = Integer.getInteger("osprey.bench.heapSeconds", 600);
    private static final int CLIENT_RING = 100_000;
    /** The heap figure is the whole process's: the client and, as in the product, its embedded agent's ring. */
    private static final int EMBEDDED_AGENT_RING = 200_000;

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private UiRefresher refresher;
    private PacketStreamImpl stream;
    private SessionServiceImpl sessions;
    private ServiceTracker<CaptureSources, CaptureSources> captureTracker;
    private CaptureSources sources;
    private PacketTablePart table;
    private UiRobot robot;
    private Path home;

    @BeforeEach
    void openClient() throws Exception {
        display = Display.getDefault();
        robot = new UiRobot(display);
        BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
        captureTracker = new ServiceTracker<>(bundleContext, CaptureSources.class, null);
        captureTracker.open();
        sources = captureTracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(sources);
        stream = new PacketStreamImpl(CLIENT_RING);
        home = Files.createTempDirectory("osprey-load");
        sessions = new SessionServiceImpl(stream, sources, home);
        context = EclipseContextFactory.getServiceContext(bundleContext).createChild("load harness");
        refresher = new UiRefresher(display, UiRefresher.MAX_TICKS_PER_SECOND);
        context.set(PacketStream.class, stream);
        context.set(UiRefresher.class, refresher);
        context.set(LiveView.class, new LiveView(display, stream));
        shell = new Shell(display);
        GridLayoutFactory.fillDefaults().applyTo(shell);
        shell.setBounds(20, 20, 1300, 800);
        Composite partArea = new Composite(shell, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(partArea);
        IEclipseContext partContext = context.createChild("packet table");
        partContext.set(Composite.class, partArea);
        table = ContextInjectionFactory.make(PacketTablePart.class, partContext);
        shell.open();
        robot.drain();
    }

    @AfterEach
    void close() {
        sessions.stop();
        context.dispose();
        refresher.dispose();
        shell.dispose();
        robot.drain();
        captureTracker.close();
    }

    @Test
    void captureToVisibleRowUiStallAndHeap() throws Exception {
        StringBuilder report = new StringBuilder();
        // 1. capture -> visible row, live capture of injected traffic
        try (LocalAgent agent = startAgent(agentStream -> sources.live(
                LiveCaptureOptions.on("lo").filter("arp or net 192.168.10.0/24").build(), agentStream))) {
            connect(agent);
            for (int rate : new int[] { 1_000, 10_000 }) {
                report.append(latencyRound(rate, 10));
            }
        }
        sessions.stop();
        // 2. UI thread while 100k packets/s arrive (the generator in the agent: an exact rate without a NIC)
        stream.clear();
        try (LocalAgent agent = startAgent(agentStream -> sources.generator(
                GeneratorOptions.withSeed(3).packetsPerSecond(100_000).build(), agentStream))) {
            connect(agent);
            report.append(stallRound(STALL_SECONDS));
        }
        sessions.stop();
        // 3. heap at 10k packets/s with a 100k-packet client ring
        stream.clear();
        try (LocalAgent agent = LocalAgent.start(EMBEDDED_AGENT_RING, agentStream -> sources.generator(
                GeneratorOptions.withSeed(4).packetsPerSecond(10_000).build(), agentStream),
                ServerConfig.builder(home.resolve("agent")).port(0))) {
            connect(agent);
            report.append(heapRound(HEAP_SECONDS));
        }
        System.out.printf(Locale.ROOT, "%n== live client load harness ==%n%s%n", report);
    }

    private LocalAgent startAgent(Function<PacketStream, CaptureSource> source) throws Exception {
        return LocalAgent.start(1_000_000, source, ServerConfig.builder(home.resolve("agent")).port(0));
    }

    private void connect(LocalAgent agent) throws Exception {
        sessions.connect(new RemoteAgent(agent.uri(), agent.token(), agent.fingerprint()));
        robot.waitUntil("connected", () -> sessions.current().connectionState() instanceof ConnectionState.Connected);
    }

    private String latencyRound(int rate, int seconds) throws Exception {
        long[] visible = new long[rate * seconds * 2];
        long[] every = new long[rate * seconds * 2];
        int[] counts = new int[2];
        long firstSequence = stream.nextSequence();
        long[] lastSeen = { firstSequence - 1 };
        Runnable measure = () -> {
            // registered after the table: runs right after its refresh, in the same tick; paint, then measure
            table.table().update();
            long now = nowNanos();
            int rows = table.rowCount();
            int first = rows; // rows shift down as the ring lets the oldest go: find the new ones by sequence
            while (first > 0 && table.packetAt(first - 1).sequence() > lastSeen[0]) {
                first--;
            }
            int firstVisible = table.topRow();
            for (int row = first; row < rows; row++) {
                long latency = now - table.packetAt(row).timestampNanos();
                if (counts[1] < every.length) {
                    every[counts[1]++] = latency;
                }
                if (row >= firstVisible && counts[0] < visible.length) {
                    visible[counts[0]++] = latency;
                }
            }
            if (rows > 0) {
                lastSeen[0] = Math.max(lastSeen[0], table.packetAt(rows - 1).sequence());
            }
        };
        UiRefresher.Registration measuring = refresher.register(measure);
        Runnable keepDirty = new Runnable() {
            @Override
            public void run() {
                if (!shell.isDisposed()) {
                    measuring.markDirty();
                    display.timerExec(20, this);
                }
            }
        };
        display.timerExec(20, keepDirty);
        TrafficInjector injector = sources.injector(
                GeneratorOptions.withSeed(rate).packetsPerSecond(rate).packetLimit((long) rate * seconds).build(), "lo");
        injector.start();
        robot.waitUntil("the injection to end", () -> terminated(injector));
        assertNull(injector.failure());
        long sent = injector.sent();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (counts[1] < sent * 0.99 && System.nanoTime() < waitUntil) {
            robot.waitUntil("a moment", sleep(100));
        }
        assertTrue(counts[1] >= sent * 0.99, String.format("rows measured %d of %d sent; client stream %s; session %s",
                counts[1], sent, stream.statistics(), sessions.current().statistics()));
        display.timerExec(-1, keepDirty);
        measuring.unregister();
        long[] v = Arrays.copyOf(visible, counts[0]);
        long[] e = Arrays.copyOf(every, counts[1]);
        Arrays.sort(v);
        Arrays.sort(e);
        return String.format(Locale.ROOT,
                "capture -> visible row at %,d packets/s: %,d sent, %,d shown; visible rows (%,d): p50 %.1f ms, p99"
                        + " %.1f ms, max %.1f ms; every packet: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                rate, sent, e.length, v.length, ms(v, 0.5), ms(v, 0.99), ms(v, 1), ms(e, 0.5), ms(e, 0.99), ms(e, 1));
    }

    private String stallRound(int seconds) {
        robot.waitUntil("the warm-up", sleep(3_000));
        long longestTickInWarmUp = refresher.longestTickNanos();
        refresher.resetLongestTick();
        long ticksBefore = refresher.ticks();
        long receivedBefore = stream.statistics().packets();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long[] probeDelays = new long[seconds * 50 + 100]; // one per 20 ms at most
        int[] probes = { 0 };
        long[] worstProbe = { 0, -1, -1 }; // delay; the UI thread's CPU time and run-queue wait in that interval
        // the probe measures how late the event loop runs a 20 ms timer: the UI stall a person would feel
        Runnable probe = new Runnable() {
            long postedAt;

            long[] scheduledAt = new long[2];

            @Override
            public void run() {
                long now = System.nanoTime();
                long[] scheduled = uiThreadSchedule();
                if (postedAt != 0) {
                    long delay = now - postedAt - TimeUnit.MILLISECONDS.toNanos(20);
                    if (probes[0] < probeDelays.length) {
                        probeDelays[probes[0]++] = delay;
                    }
                    if (delay > worstProbe[0]) { // how the interval went: running, or waiting for a CPU
                        worstProbe[0] = delay;
                        worstProbe[1] = scheduled[0] - scheduledAt[0];
                        worstProbe[2] = scheduled[1] - scheduledAt[1];
                    }
                }
                if (now < end) {
                    scheduledAt = scheduled;
                    postedAt = System.nanoTime();
                    display.timerExec(20, this);
                }
            }
        };
        probe.run();
        spinUntil(end);
        double received = (stream.statistics().packets() - receivedBefore) / (double) seconds;
        double ticksPerSecond = (refresher.ticks() - ticksBefore) / (double) seconds;
        long[] delays = Arrays.copyOf(probeDelays, probes[0]);
        Arrays.sort(delays);
        long over50 = Arrays.stream(delays).filter(delay -> delay > TimeUnit.MILLISECONDS.toNanos(50)).count();
        return String.format(Locale.ROOT,
                "UI thread, %d s while %,.0f packets/s arrive: longest refresher tick %.1f ms (%.1f ms in the 3 s"
                        + " warm-up before), event-loop probe delay p99 %.1f ms, longest %.1f ms (its 20 ms + delay:"
                        + " UI thread on a CPU %.1f ms, waiting for one %.1f ms), %d of %,d probes over 50 ms;"
                        + " %.1f ticks/s, %,d rows held%n",
                seconds, received, refresher.longestTickNanos() / 1e6, longestTickInWarmUp / 1e6,
                ms(delays, 0.99), ms(delays, 1), worstProbe[1] / 1e6, worstProbe[2] / 1e6, over50, delays.length,
                ticksPerSecond, table.rowCount());
    }

    /**
     * The calling thread's CPU time and time spent runnable but waiting for a CPU, in nanoseconds (Linux
     * {@code /proc/thread-self/schedstat}); -1s where the kernel does not say.
     */
    private static long[] uiThreadSchedule() {
        try {
            String[] fields = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
            return new long[] { Long.parseLong(fields[0]), Long.parseLong(fields[1]) };
        } catch (IOException | RuntimeException e) {
            return new long[] { -1, -1 };
        }
    }

    private String heapRound(int seconds) {
        StringBuilder samples = new StringBuilder();
        long start = System.nanoTime();
        for (int sample = 0; sample * 30 <= seconds; sample++) {
            long due = start + TimeUnit.SECONDS.toNanos(sample * 30L);
            spinUntil(due);
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            samples.append(String.format(Locale.ROOT, " %ds:%.1fMB", sample * 30, used / 1e6));
        }
        assertEquals(CLIENT_RING, stream.ringCapacity());
        return String.format(Locale.ROOT, "heap after GC (client + in-process agent with a %,d-packet ring), 10k packets/s,"
                + " %,d-packet client ring:%s%n", EMBEDDED_AGENT_RING, CLIENT_RING, samples);
    }

    /** Runs the event loop until then (in steps within the robot's wait bound). */
    private void spinUntil(long nanoTime) {
        while (System.nanoTime() < nanoTime) {
            long step = Math.min(nanoTime, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            robot.waitUntil("time to pass", () -> System.nanoTime() >= step);
        }
    }

    private static boolean terminated(TrafficInjector injector) {
        try {
            return injector.awaitTermination(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static java.util.function.BooleanSupplier sleep(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        return () -> System.nanoTime() >= until;
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
    }
}
