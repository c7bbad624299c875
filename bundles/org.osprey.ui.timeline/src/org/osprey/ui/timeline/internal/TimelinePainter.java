package org.osprey.ui.timeline.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.osprey.ui.timeline.TimelineMarker;

/**
 * Draws a {@link TimelinePicture} on a canvas: a header line, the density histogram, a heat strip under it, alert marks
 * and the time axis. Pure drawing from the picture: no state but colours and the time formats.
 */
public final class TimelinePainter {

    /** Height of the header line (span, bucket width, live or paused). */
    public static final int HEADER_HEIGHT = 18;
    /** Height of the heat strip under the histogram. */
    public static final int HEAT_HEIGHT = 8;
    /** Height of the time axis with its labels. */
    public static final int AXIS_HEIGHT = 20;
    /** Labels of the axis are at least this far apart. */
    public static final int LABEL_PIXELS = 110;

    private static final Color BAR = new Color(70, 120, 190);
    private static final Color BAR_SELECTED = new Color(240, 150, 40);
    private static final Color HEAT_HOT = new Color(20, 40, 120);
    private static final Color LIVE = new Color(30, 150, 60);
    private static final Color PAUSED = new Color(210, 120, 0);
    private static final Color[] SEVERITY = { new Color(200, 170, 0), new Color(230, 110, 0), new Color(210, 30, 30) };

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final ZoneId zone;

    public TimelinePainter(ZoneId zone) {
        this.zone = zone;
    }

    /** The area of the histogram bars within a canvas of this size. */
    public static Rectangle plotArea(Point size) {
        int height = Math.max(1, size.y - HEADER_HEIGHT - HEAT_HEIGHT - AXIS_HEIGHT);
        return new Rectangle(0, HEADER_HEIGHT, Math.max(1, size.x), height);
    }

    /**
     * @param selectedBucket the display bucket last clicked, or -1
     */
    public void paint(GC gc, Point size, TimelinePicture picture, int selectedBucket) {
        Display display = gc.getDevice() instanceof Display d ? d : Display.getCurrent();
        Color background = display.getSystemColor(SWT.COLOR_LIST_BACKGROUND);
        Color foreground = display.getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        gc.setBackground(background);
        gc.fillRectangle(0, 0, size.x, size.y);
        gc.setForeground(foreground);
        if (picture == null || picture.empty()) {
            String text = "No packets yet";
            Point extent = gc.textExtent(text);
            gc.drawText(text, (size.x - extent.x) / 2, (size.y - extent.y) / 2, true);
            return;
        }
        Rectangle plot = plotArea(size);
        paintHeader(gc, size, picture, foreground);
        paintBars(gc, plot, picture, selectedBucket, background);
        paintAxis(gc, plot, picture, foreground);
        paintMarkers(gc, plot, picture);
    }

    private void paintHeader(GC gc, Point size, TimelinePicture picture, Color foreground) {
        gc.setForeground(foreground);
        String text = String.format("%s shown, %s buckets, %,d packets, at most %,d a bucket",
                duration(picture.spanNanos()), duration(picture.bucketWidthNanos()), picture.total(),
                picture.maxCount());
        gc.drawText(text, 4, 2, true);
        String state = picture.paused() ? "PAUSED" : "LIVE";
        gc.setForeground(picture.paused() ? PAUSED : LIVE);
        gc.drawText(state, size.x - gc.textExtent(state).x - 6, 2, true);
    }

    private static void paintBars(GC gc, Rectangle plot, TimelinePicture picture, int selectedBucket,
            Color background) {
        int[] counts = picture.counts();
        int max = Math.max(1, picture.maxCount());
        int heatTop = plot.y + plot.height;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            int count = counts[bucket];
            if (count == 0 && bucket != selectedBucket) {
                continue;
            }
            long start = picture.bucketStartNanos(bucket);
            int x0 = Math.max(0, xOf(picture, start, plot.width));
            int x1 = Math.min(plot.width, xOf(picture, start + picture.bucketWidthNanos(), plot.width));
            if (x1 == plot.width && x1 - x0 < TimeAxis.MIN_BUCKET_PIXELS) {
                // live, the newest packet's bucket reaches past the right edge: keep it visible there
                x0 = Math.max(0, plot.width - TimeAxis.MIN_BUCKET_PIXELS);
            }
            int width = Math.max(1, x1 - x0 - (x1 - x0 >= 4 ? 1 : 0));
            int height = count == 0 ? 0 : Math.max(1, (int) ((long) count * plot.height / max));
            gc.setBackground(bucket == selectedBucket ? BAR_SELECTED : BAR);
            gc.fillRectangle(x0, plot.y + plot.height - height, width, height);
            if (count > 0) {
                // heat: the square root spreads the quiet buckets out from the background
                double heat = Math.sqrt((double) count / max);
                gc.setBackground(blend(background, HEAT_HOT, heat));
                gc.fillRectangle(x0, heatTop, Math.max(1, x1 - x0), HEAT_HEIGHT);
            }
        }
    }

    private void paintAxis(GC gc, Rectangle plot, TimelinePicture picture, Color foreground) {
        int axisY = plot.y + plot.height + HEAT_HEIGHT;
        gc.setForeground(foreground);
        gc.drawLine(0, axisY, plot.width, axisY);
        long tick = TimeAxis.roundWidthAtLeast((double) picture.spanNanos() * LABEL_PIXELS / plot.width);
        DateTimeFormatter format = tick < 1_000_000_000L ? MILLIS : tick < 86_400_000_000_000L ? SECONDS : DAYS;
        for (long t = Math.floorDiv(picture.startNanos(), tick) * tick + tick; t < picture.endNanos(); t += tick) {
            int x = xOf(picture, t, plot.width);
            gc.drawLine(x, axisY, x, axisY + 4);
            String label = format.format(Instant.ofEpochSecond(0, t).atZone(zone));
            gc.drawText(label, x + 2, axisY + 3, true);
        }
    }

    private static void paintMarkers(GC gc, Rectangle plot, TimelinePicture picture) {
        gc.setLineWidth(2);
        for (TimelineMarker marker : picture.markers()) {
            int x = xOf(picture, marker.timestampNanos(), plot.width);
            Color color = SEVERITY[marker.severity().ordinal()];
            gc.setForeground(color);
            gc.setBackground(color);
            gc.drawLine(x, plot.y, x, plot.y + plot.height + HEAT_HEIGHT);
            gc.fillPolygon(new int[] { x - 5, plot.y - 6, x + 5, plot.y - 6, x, plot.y + 2 });
        }
        gc.setLineWidth(1);
    }

    static int xOf(TimelinePicture picture, long nanos, int width) {
        return (int) Math.floor((double) (nanos - picture.startNanos()) * width / picture.spanNanos());
    }

    private static Color blend(Color from, Color to, double amount) {
        return new Color(mix(from.getRed(), to.getRed(), amount), mix(from.getGreen(), to.getGreen(), amount),
                mix(from.getBlue(), to.getBlue(), amount));
    }

    private static int mix(int from, int to, double amount) {
        return (int) Math.round(from + (to - from) * amount);
    }

    /** A duration as a person reads it: "250 ms", "1.5 s", "2.0 min", "3.5 h". */
    public static String duration(long nanos) {
        if (nanos < 1_000_000_000L) {
            return (nanos / 1_000_000) + " ms";
        }
        double seconds = nanos / 1e9;
        if (seconds < 60) {
            return String.format("%.1f s", seconds);
        }
        if (seconds < 3600) {
            return String.format("%.1f min", seconds / 60);
        }
        return String.format("%.1f h", seconds / 3600);
    }

    /** A packet time as the axis labels show it, to the millisecond. */
    public String time(long nanos) {
        return MILLIS.format(Instant.ofEpochSecond(0, nanos).atZone(zone));
    }
}
