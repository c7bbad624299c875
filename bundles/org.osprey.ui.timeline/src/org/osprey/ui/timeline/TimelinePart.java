package org.osprey.ui.timeline;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.stream.Subscription;
import org.osprey.ui.LiveView;
import org.osprey.ui.PacketSelection;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.timeline.internal.DensityModel;
import org.osprey.ui.timeline.internal.TimeAxis;
import org.osprey.ui.timeline.internal.TimelinePainter;
import org.osprey.ui.timeline.internal.TimelinePicture;

/**
 * The Timeline view: packet time from left to right over a canvas, the number of packets per moment as a histogram
 * with a heat strip under it, the {@link TimelineMarkers marks} (alerts) as coloured vertical lines, and the time axis.
 * <p>
 * <b>Data.</b> A subscription to the stream only wakes the part up: on the subscription's own thread the
 * {@link DensityModel} pulls what arrived from the ring and counts it per millisecond of packet time, so the UI thread
 * never sees single packets. The part redraws on the {@link UiRefresher}'s ticks, only when the picture changed.
 * <p>
 * <b>Moving around.</b> Live, the right edge is the newest packet's time and the span is everything the ring holds
 * until the person zooms: mouse wheel or +/- (zoom around the pointer when paused; live, the right edge stays on the
 * newest packet), 0 to show everything again. Pause ({@link LiveView}) freezes the axis, the counts and the marks
 * (packets that arrive while paused, and marks about them, wait for Resume); then dragging or Left/Right pans.
 * Clicking a moment posts a {@link PacketSelection} of its packets (or of a mark's packets when the click is on a
 * mark) on the event broker, and the packet table selects them. Clearing the stream empties the view.
 */
public final class TimelinePart {

    /** The part's element id in the application model (contributed by fragment.e4xmi). */
    public static final String PART_ID = "org.osprey.ui.timeline.part";

    /** The origin named in the {@link PacketSelection}s the timeline posts. */
    public static final String SELECTION_ORIGIN = "timeline";

    /** Zoom factor of one wheel notch or key press. */
    static final double ZOOM_STEP = 0.8;
    /** One press of Left or Right pans by this fraction of the span. */
    static final int PAN_STEPS_PER_SPAN = 10;
    /** A press and release further apart than this (pixels) is a drag, not a click. */
    private static final int DRAG_THRESHOLD = 3;
    /** A click this close (pixels) to a mark selects the mark's packets. */
    private static final int MARK_REACH = 4;

    @Inject
    PacketStream stream;

    @Inject
    UiRefresher refresher;

    @Inject
    LiveView liveView;

    @Inject
    IEventBroker eventBroker;

    @Inject
    TimelineMarkers markers;

    private final TimeAxis axis = new TimeAxis();
    private final TimelinePainter painter = new TimelinePainter(ZoneId.systemDefault());
    private final StreamListener clearListener = this::streamCleared;
    private final TimelineMarkers.Listener markerListener = this::markersChanged;
    private final LiveView.Listener pauseListener = view -> pauseChanged();

    private DensityModel model;
    private UiRefresher.Registration registration;
    private Subscription arrivals;
    private volatile boolean clearedSinceRefresh;
    /** Packets from this sequence number on are not shown (what arrived after Pause). */
    private long sequenceLimit = Long.MAX_VALUE;

    private Canvas canvas;
    private TimelinePicture picture;
    private int selectedBucket = -1;
    private long[] lastSelection = new long[0];
    private int pressX = -1;
    private long pressEndNanos;
    private boolean dragging;
    private String tooltip;
    private long redraws;

    @PostConstruct
    public void create(Composite parent) {
        model = new DensityModel(stream.oldestSequence());
        parent.setLayout(new FillLayout());
        // double-buffered and painting every pixel itself: no flicker when it redraws ten times a second
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.addListener(SWT.Paint, event -> painter.paint(event.gc, canvas.getSize(), picture, selectedBucket));
        canvas.addListener(SWT.Resize, event -> refresh());
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.MouseDown, this::press);
        canvas.addListener(SWT.MouseMove, this::move);
        canvas.addListener(SWT.MouseUp, this::release);

        registration = refresher.register(this::refresh);
        stream.addStreamListener(clearListener);
        markers.addListener(markerListener);
        liveView.addListener(pauseListener);
        if (liveView.isPaused()) {
            pauseChanged();
        }
        // counting happens on the subscription's thread; the subscription's packets only say "there is more"
        arrivals = stream.subscribe(null, (batch, count) -> feed(), 1024);
        // what the ring held before the part opened, off the UI thread as well
        CompletableFuture.runAsync(this::feed);
    }

    @Focus
    public void setFocus() {
        canvas.setFocus();
    }

    @PreDestroy
    public void dispose() {
        arrivals.close();
        stream.removeStreamListener(clearListener);
        markers.removeListener(markerListener);
        liveView.removeListener(pauseListener);
        registration.unregister();
    }

    /** The canvas the timeline is drawn on. */
    public Canvas canvas() {
        return canvas;
    }

    /** Packets per display bucket over the visible range, as drawn (bucket 0 starts at {@link #firstBucketNanos}). */
    public int[] bucketCounts() {
        return picture == null ? new int[0] : picture.counts().clone();
    }

    /** Start of the first display bucket (at or before the left edge). */
    public long firstBucketNanos() {
        return picture == null ? 0 : picture.firstBucketNanos();
    }

    /** Width of every display bucket. */
    public long bucketWidthNanos() {
        return picture == null ? 0 : picture.bucketWidthNanos();
    }

    /** The first moment shown (packet time, epoch nanoseconds). */
    public long visibleStartNanos() {
        return axis.startNanos();
    }

    /** The end of what is shown (exclusive). */
    public long visibleEndNanos() {
        return axis.endNanos();
    }

    public long visibleSpanNanos() {
        return axis.spanNanos();
    }

    /** Whether the span is everything the ring holds (until the person zooms, and again after '0'). */
    public boolean isFittingEverything() {
        return axis.isFitting();
    }

    /** Whether the right edge follows the newest packet. */
    public boolean isFollowingLive() {
        return axis.isFollowing();
    }

    /** The marks drawn now (those in the visible range). */
    public List<TimelineMarker> markers() {
        return picture == null ? List.of() : picture.markers();
    }

    /** Packets counted since the part opened or the stream was last cleared (what arrived while paused included). */
    public long packetsCounted() {
        return model.packetsTaken();
    }

    /** The sequence numbers posted by the last click, empty before any. */
    public long[] lastSelection() {
        return lastSelection.clone();
    }

    /** The pixel (canvas coordinates) where packet time {@code nanos} is drawn. */
    public int xOf(long nanos) {
        return axis.xOf(nanos, canvas.getSize().x);
    }

    /** The packet time under pixel {@code x} of the canvas. */
    public long timeAt(int x) {
        return axis.timeAt(x, canvas.getSize().x);
    }

    /** The vertical middle of the histogram, in canvas coordinates: where a click on a bar lands. */
    public int plotMiddleY() {
        Rectangle plot = TimelinePainter.plotArea(canvas.getSize());
        return plot.y + plot.height / 2;
    }

    /** How many times a refresh found the picture changed and asked the canvas to redraw. */
    public long redraws() {
        return redraws;
    }

    /** The text of the canvas tooltip for the pointer's last position. */
    public String tooltipText() {
        return tooltip;
    }

    /** Subscription thread (or the pool thread of the first catch-up): counts what arrived. */
    private void feed() {
        model.catchUp(stream);
        registration.markDirty();
    }

    /** Called on the thread that changed the marks. */
    private void markersChanged() {
        registration.markDirty();
    }

    /** Called on the thread that cleared the stream. */
    private void streamCleared(long nextSequence) {
        model.clear(nextSequence);
        clearedSinceRefresh = true;
        registration.markDirty();
    }

    private void pauseChanged() {
        if (liveView.isPaused()) {
            sequenceLimit = liveView.pausedAtSequence();
            axis.freeze();
        } else {
            sequenceLimit = Long.MAX_VALUE;
            axis.resume();
        }
        refresh();
    }

    /** Recomputes the picture; redraws when it changed. UI thread, at most once a tick (or on the person's input). */
    private void refresh() {
        if (canvas == null || canvas.isDisposed()) {
            return;
        }
        if (clearedSinceRefresh) {
            clearedSinceRefresh = false;
            axis.reset();
            selectedBucket = -1;
        }
        long newest = model.newestNanos();
        boolean empty = newest == DensityModel.NO_TIME;
        if (!empty) {
            axis.follow(model.oldestNanos(), newest);
        }
        int width = Math.max(1, canvas.getSize().x);
        long bucketWidth = axis.bucketWidthNanos(width);
        long firstBucket = Math.floorDiv(axis.startNanos(), bucketWidth) * bucketWidth;
        int buckets = (int) Math.min(width, (axis.endNanos() - 1 - firstBucket) / bucketWidth + 1);
        int[] counts = new int[Math.max(0, buckets)];
        model.density(firstBucket, bucketWidth, counts, sequenceLimit);
        List<TimelineMarker> shown = new ArrayList<>(markers.between(axis.startNanos(), axis.endNanos()));
        if (sequenceLimit != Long.MAX_VALUE) {
            // paused: a mark about packets that arrived after the pause waits for Resume, like those packets
            shown.removeIf(mark -> mark.hasPackets() && mark.firstSequence() >= sequenceLimit);
        }
        TimelinePicture next = new TimelinePicture(axis.startNanos(), axis.endNanos(), firstBucket, bucketWidth,
                counts, shown, liveView.isPaused(), empty);
        if (!next.equals(picture)) {
            if (picture != null && (picture.bucketWidthNanos() != bucketWidth
                    || picture.firstBucketNanos() != firstBucket)) {
                selectedBucket = -1;
            }
            picture = next;
            redraws++;
            canvas.redraw();
        }
    }

    private void wheel(Event event) {
        event.doit = false;
        if (event.count != 0) {
            zoom(event.count > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, event.x);
        }
    }

    private void key(Event event) {
        switch (event.character) {
        case '+', '=' -> zoom(ZOOM_STEP, pointerX());
        case '-', '_' -> zoom(1 / ZOOM_STEP, pointerX());
        case '0' -> {
            axis.fit();
            if (liveView.isPaused()) {
                liveView.resume(); // showing everything is showing it live
            }
            refresh();
        }
        default -> {
            if (event.keyCode == SWT.KEYPAD_ADD) {
                zoom(ZOOM_STEP, pointerX());
            } else if (event.keyCode == SWT.KEYPAD_SUBTRACT) {
                zoom(1 / ZOOM_STEP, pointerX());
            } else if (event.keyCode == SWT.ARROW_LEFT || event.keyCode == SWT.ARROW_RIGHT) {
                // paused, the arrows pan as dragging does (a following axis ignores panning)
                long step = axis.spanNanos() / PAN_STEPS_PER_SPAN;
                axis.pan(event.keyCode == SWT.ARROW_LEFT ? -step : step);
                refresh();
            }
        }
        }
    }

    /** The pointer's x on the canvas, or the middle when it is elsewhere. */
    private int pointerX() {
        Point pointer = canvas.toControl(canvas.getDisplay().getCursorLocation());
        Point size = canvas.getSize();
        return pointer.x >= 0 && pointer.x < size.x && pointer.y >= 0 && pointer.y < size.y ? pointer.x : size.x / 2;
    }

    private void zoom(double factor, int x) {
        long newest = model.newestNanos();
        long held = newest == DensityModel.NO_TIME ? 0 : newest + 1 - model.oldestNanos();
        axis.zoom(factor, (double) x / Math.max(1, canvas.getSize().x), held);
        refresh();
    }

    private void press(Event event) {
        if (event.button != 1) {
            return;
        }
        canvas.setFocus();
        pressX = event.x;
        pressEndNanos = axis.endNanos();
        dragging = false;
    }

    private void move(Event event) {
        // pressed since the left button went down on the canvas (the pointer grab sends the release here too)
        if (pressX >= 0) {
            dragging |= Math.abs(event.x - pressX) > DRAG_THRESHOLD;
            if (dragging && !axis.isFollowing()) {
                long movedNanos = Math.round((double) (event.x - pressX) * axis.spanNanos() / canvas.getSize().x);
                axis.pan(pressEndNanos - movedNanos - axis.endNanos());
                refresh();
            }
        }
        updateTooltip(event.x);
    }

    private void release(Event event) {
        if (event.button != 1 || pressX < 0) {
            return;
        }
        boolean click = !dragging && Math.abs(event.x - pressX) <= DRAG_THRESHOLD;
        pressX = -1;
        dragging = false;
        if (click) {
            select(event.x);
        }
    }

    /** Posts the packets of the mark or the moment under {@code x} for the packet table to select. */
    private void select(int x) {
        if (picture == null || picture.empty()) {
            return;
        }
        TimelineMarker mark = markAt(x);
        long[] sequences;
        if (mark != null && mark.hasPackets()) {
            sequences = mark.sequences();
        } else {
            int bucket = picture.bucketAt(timeAt(x));
            if (bucket < 0) {
                return;
            }
            long start = picture.bucketStartNanos(bucket);
            sequences = model.sequencesIn(start, start + picture.bucketWidthNanos(), sequenceLimit, sequence -> {
                PacketSummary packet = stream.get(sequence);
                return packet == null ? DensityModel.UNKNOWN_TIME : packet.timestampNanos();
            });
            selectedBucket = sequences.length > 0 ? bucket : -1;
            canvas.redraw();
        }
        if (sequences.length > 0) {
            lastSelection = sequences;
            eventBroker.post(PacketSelection.TOPIC, new PacketSelection(sequences, SELECTION_ORIGIN));
        }
    }

    private TimelineMarker markAt(int x) {
        int width = canvas.getSize().x;
        TimelineMarker nearest = null;
        int nearestDistance = MARK_REACH + 1;
        for (TimelineMarker mark : picture.markers()) {
            int distance = Math.abs(axis.xOf(mark.timestampNanos(), width) - x);
            if (distance < nearestDistance) {
                nearest = mark;
                nearestDistance = distance;
            }
        }
        return nearest;
    }

    private void updateTooltip(int x) {
        String text = null;
        if (picture != null && !picture.empty()) {
            TimelineMarker mark = markAt(x);
            if (mark != null) {
                text = mark.severity() + ": " + mark.label() + " (" + painter.time(mark.timestampNanos()) + ")";
            } else {
                int bucket = picture.bucketAt(timeAt(x));
                if (bucket >= 0) {
                    long start = picture.bucketStartNanos(bucket);
                    text = String.format("%s \u2013 %s: %,d packets", painter.time(start),
                            painter.time(start + picture.bucketWidthNanos()), picture.counts()[bucket]);
                }
            }
        }
        if (!Objects.equals(text, tooltip)) {
            tooltip = text;
            canvas.setToolTipText(text);
        }
    }
}
