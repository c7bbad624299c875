package org.osprey.ui.charts;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.stream.Subscription;
import org.osprey.ui.LiveView;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.charts.internal.Ranked;
import org.osprey.ui.charts.internal.StatisticsFeed;
import org.osprey.ui.charts.internal.TrafficSnapshot;
import org.osprey.ui.charts.internal.TrafficStatistics;

/**
 * The Charts view: packets/s and bytes/s over the last {@value TrafficStatistics#WINDOW_SECONDS} seconds of packet
 * time, the protocol mix, the top talkers and the top service ports (see {@link TrafficStatistics} for what each
 * counts and why), drawn with Eclipse SWTChart.
 * <p>
 * <b>Counted off the UI thread.</b> A {@link StatisticsFeed} on a stream subscription's delivery thread counts what
 * arrived (reading it from the stream's ring, so that a full subscriber queue loses nothing), so the UI thread never
 * aggregates: at each {@link UiRefresher} tick after new data it only takes a {@link TrafficStatistics#snapshot()
 * snapshot} (a copy of a few hundred numbers) and hands it to the charts. Pulling with {@link PacketStream#read} on the
 * tick itself would put the counting of up to a ring's worth of packets on the UI thread. Should the ring evict
 * packets before the feed reads them, the rate chart's title says how many are missing.
 * <p>
 * <b>Pause</b> ({@link LiveView}) freezes the charts on what they showed at the pause; counting goes on, and Resume
 * shows the present at the next tick. <b>Clear</b> ({@link PacketStream#clear()}) empties the statistics and the
 * charts, paused or not.
 */
public final class ChartsPart {

    /** The part's element id in the application model (contributed by fragment.e4xmi). */
    public static final String PART_ID = "org.osprey.ui.charts.part";

    /** Series ids, for tests reading what the charts hold. */
    public static final String PACKETS_SERIES = "packets/s";
    public static final String BYTES_SERIES = "bytes/s";
    public static final String PROTOCOL_SERIES = "packets by protocol";
    public static final String TALKER_SERIES = "bytes by host";
    public static final String PORT_SERIES = "packets by service port";

    /** The subscription only wakes the feed up (it reads the packets from the ring), so its queue can be short. */
    private static final int WAKE_UP_QUEUE_CAPACITY = 1024;
    /** The one blank category an empty bar chart shows (see {@link #showBars}). */
    private static final String NO_BARS = "";
    private static final String RATE_TITLE = "Traffic, last " + TrafficStatistics.WINDOW_SECONDS + " s";

    @Inject
    PacketStream stream;

    @Inject
    UiRefresher refresher;

    @Inject
    LiveView liveView;

    private final TrafficStatistics statistics = new TrafficStatistics();
    private final StreamListener clearListener = this::streamCleared;
    private final LiveView.Listener pauseListener = this::liveViewChanged;
    /** Set by a clear on any thread, taken by the next tick: the charts empty even while paused. */
    private volatile boolean clearedSinceShown;

    private UiRefresher.Registration registration;
    private Subscription subscription;
    private TrafficSnapshot shown = TrafficSnapshot.EMPTY;
    private long redraws;
    private long longestRedrawNanos;

    private Chart rateChart;
    private Chart protocolChart;
    private Chart talkersChart;
    private Chart portsChart;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm charts = new SashForm(parent, SWT.VERTICAL);
        rateChart = createRateChart(charts);
        protocolChart = createBarChart(charts, "Protocol mix", PROTOCOL_SERIES, "packets", SWT.COLOR_DARK_GREEN);
        talkersChart = createBarChart(charts, "Top talkers", TALKER_SERIES, "bytes", SWT.COLOR_DARK_MAGENTA);
        portsChart = createBarChart(charts, "Top service ports", PORT_SERIES, "packets", SWT.COLOR_DARK_CYAN);
        charts.setWeights(30, 22, 24, 24);

        registration = refresher.register(this::refresh);
        liveView.addListener(pauseListener);
        stream.addStreamListener(clearListener);
        // count what the ring already holds too, like the packet table shows it: the part may open after a file was read
        StatisticsFeed feed = new StatisticsFeed(stream, statistics, stream.oldestSequence(), registration::markDirty);
        subscription = stream.subscribe(null, feed, WAKE_UP_QUEUE_CAPACITY);
        if (stream.nextSequence() > feed.nextSequence()) {
            CompletableFuture.runAsync(feed::catchUp); // off the UI thread; no packet may come to wake the feed up
        }
        show(TrafficSnapshot.EMPTY);
    }

    @Focus
    public void setFocus() {
        rateChart.setFocus();
    }

    @PreDestroy
    public void dispose() {
        subscription.close();
        stream.removeStreamListener(clearListener);
        liveView.removeListener(pauseListener);
        registration.unregister();
    }

    /** What the charts show now: the snapshot drawn last ({@link TrafficSnapshot#EMPTY} before any packet). */
    public TrafficSnapshot shownSnapshot() {
        return shown;
    }

    /** What the statistics hold now, shown or not: counting goes on while paused. Any thread. */
    public TrafficSnapshot countedSnapshot() {
        return statistics.snapshot();
    }

    /**
     * How many times the charts were redrawn with new data: once per tick at most, and while paused only when the
     * stream was cleared.
     */
    public long redraws() {
        return redraws;
    }

    /**
     * The longest time one tick's redraw took on the UI thread so far (the snapshot, then handing the data to the four
     * charts and laying them out; painting follows on GTK's frame clock), in nanoseconds.
     */
    public long longestRedrawNanos() {
        return longestRedrawNanos;
    }

    /** Packets/s (left axis) and bytes/s (right axis) per second of the window, oldest first. */
    public Chart rateChart() {
        return rateChart;
    }

    /** Packets per protocol label, most first (categories are the labels). */
    public Chart protocolChart() {
        return protocolChart;
    }

    /** Bytes per host, the top {@value TrafficStatistics#TOP} (categories are the addresses). */
    public Chart talkersChart() {
        return talkersChart;
    }

    /** Packets per service port, the top {@value TrafficStatistics#TOP} (categories like "tcp/443"). */
    public Chart portsChart() {
        return portsChart;
    }

    /** The values of one series as the chart holds them (what it draws), e.g. {@code seriesValues(rateChart(), PACKETS_SERIES)}. */
    public static double[] seriesValues(Chart chart, String seriesId) {
        return chart.getSeriesSet().getSeries(seriesId).getYSeries();
    }

    /** The category labels of a bar chart, one per bar, in the order of its series values (none when it is empty). */
    public static String[] categories(Chart chart) {
        String[] categories = chart.getAxisSet().getXAxis(0).getCategorySeries();
        return categories.length == 1 && categories[0].equals(NO_BARS) ? new String[0] : categories;
    }

    /** Called on the thread that cleared the stream. */
    private void streamCleared(long nextSequence) {
        statistics.clear(nextSequence);
        clearedSinceShown = true;
        registration.markDirty();
    }

    private void liveViewChanged(LiveView view) {
        if (!view.isPaused()) {
            registration.markDirty(); // Resume: show the present at the next tick
        }
    }

    /** One tick after new data: snapshot and redraw, unless paused (then what was shown at the pause stays). */
    private void refresh() {
        if (rateChart.isDisposed()) {
            return;
        }
        boolean cleared = clearedSinceShown;
        clearedSinceShown = false;
        if (liveView.isPaused() && !cleared) {
            return;
        }
        long start = System.nanoTime();
        show(statistics.snapshot());
        longestRedrawNanos = Math.max(longestRedrawNanos, System.nanoTime() - start);
    }

    private void show(TrafficSnapshot snapshot) {
        shown = snapshot;
        redraws++;
        showRates(snapshot);
        Map<String, Long> mix = snapshot.protocolPackets();
        String[] protocols = mix.keySet().toArray(new String[0]);
        double[] protocolCounts = mix.values().stream().mapToDouble(Long::doubleValue).toArray();
        showBars(protocolChart, PROTOCOL_SERIES, protocols, protocolCounts);
        showRanking(talkersChart, TALKER_SERIES, snapshot.topTalkers(), true);
        showRanking(portsChart, PORT_SERIES, snapshot.topPorts(), false);
    }

    private void showRates(TrafficSnapshot snapshot) {
        long[] packets = snapshot.packetsPerSecond();
        long[] bytes = snapshot.bytesPerSecond();
        double[] packetValues = new double[packets.length];
        double[] byteValues = new double[bytes.length];
        for (int i = 0; i < packets.length; i++) {
            packetValues[i] = packets[i];
            byteValues[i] = bytes[i];
        }
        rateChart.suspendUpdate(true);
        rateChart.getSeriesSet().getSeries(PACKETS_SERIES).setYSeries(packetValues);
        rateChart.getSeriesSet().getSeries(BYTES_SERIES).setYSeries(byteValues);
        String title = RATE_TITLE;
        if (snapshot.notCounted() > 0) {
            title += String.format(" (%,d packets not counted: the ring let them go first)", snapshot.notCounted());
        }
        rateChart.getTitle().setText(title);
        adjust(rateChart);
    }

    private static void showRanking(Chart chart, String seriesId, Ranked[] ranking, boolean byBytes) {
        String[] labels = new String[ranking.length];
        double[] values = new double[ranking.length];
        for (int i = 0; i < ranking.length; i++) {
            labels[i] = ranking[i].label();
            values[i] = byBytes ? ranking[i].bytes() : ranking[i].packets();
        }
        showBars(chart, seriesId, labels, values);
    }

    private static void showBars(Chart chart, String seriesId, String[] categories, double[] values) {
        if (categories.length == 0) {
            // SWTChart cannot lay out a category axis without categories ("min must be less than max"): one blank bar
            categories = new String[] { NO_BARS };
            values = new double[1];
        }
        chart.suspendUpdate(true);
        chart.getSeriesSet().getSeries(seriesId).setYSeries(values);
        IAxis categoryAxis = chart.getAxisSet().getXAxis(0);
        if (!Arrays.equals(categories, categoryAxis.getCategorySeries())) {
            categoryAxis.setCategorySeries(categories); // lays the chart out again: only when the bars changed
        }
        adjust(chart);
    }

    /**
     * Ends the suspended update (SWTChart then takes the new data in and lays the chart out once), fits the axes to
     * the data and asks for a repaint.
     */
    private static void adjust(Chart chart) {
        chart.suspendUpdate(false);
        chart.getAxisSet().adjustRange();
        for (IAxis axis : chart.getAxisSet().getYAxes()) {
            if (axis.getRange().lower < 0) { // counts: the axis starts at zero even when a series is empty
                axis.setRange(new Range(0, Math.max(1, axis.getRange().upper)));
            }
        }
        chart.redraw();
    }

    private Chart createRateChart(Composite parent) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText(RATE_TITLE);
        chart.getLegend().setPosition(SWT.BOTTOM); // the side panel is narrow: keep its width for the plot
        IAxis time = chart.getAxisSet().getXAxis(0);
        time.getTitle().setText("seconds before the newest packet (packet time)");
        IAxis packetAxis = chart.getAxisSet().getYAxis(0);
        packetAxis.getTitle().setText("packets/s");
        int byteAxisId = chart.getAxisSet().createYAxis();
        IAxis byteAxis = chart.getAxisSet().getYAxis(byteAxisId);
        byteAxis.setPosition(IAxis.Position.Secondary);
        byteAxis.getTitle().setText("bytes/s");

        double[] secondsBeforeNewest = new double[TrafficStatistics.WINDOW_SECONDS];
        for (int i = 0; i < secondsBeforeNewest.length; i++) {
            secondsBeforeNewest[i] = i - (TrafficStatistics.WINDOW_SECONDS - 1);
        }
        ILineSeries<?> packets = line(chart, PACKETS_SERIES, secondsBeforeNewest, SWT.COLOR_BLUE);
        packets.setYAxisId(packetAxis.getId());
        ILineSeries<?> bytes = line(chart, BYTES_SERIES, secondsBeforeNewest, SWT.COLOR_RED);
        bytes.setYAxisId(byteAxisId);
        return chart;
    }

    private static ILineSeries<?> line(Chart chart, String id, double[] xValues, int color) {
        ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, id);
        series.setXSeries(xValues);
        series.setYSeries(new double[xValues.length]);
        series.setSymbolType(ILineSeries.PlotSymbolType.NONE);
        series.setLineColor(systemColor(chart, color));
        series.setAntialias(SWT.ON);
        return series;
    }

    /** A bar chart with one series over text categories; horizontal bars, so that long labels stay readable. */
    private static Chart createBarChart(Composite parent, String title, String seriesId, String unit, int color) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.setOrientation(SWT.VERTICAL);
        chart.getTitle().setText(title);
        chart.getLegend().setVisible(false);
        IAxis categoryAxis = chart.getAxisSet().getXAxis(0);
        categoryAxis.getTitle().setVisible(false);
        categoryAxis.enableCategory(true);
        categoryAxis.setReversed(true); // the first category (the most) at the top
        chart.getAxisSet().getYAxis(0).getTitle().setText(unit);
        ISeries<?> series = chart.getSeriesSet().createSeries(SeriesType.BAR, seriesId);
        ((IBarSeries<?>) series).setBarColor(systemColor(chart, color));
        showBars(chart, seriesId, new String[0], new double[0]);
        return chart;
    }

    private static Color systemColor(Chart chart, int id) {
        return chart.getDisplay().getSystemColor(id);
    }
}
