package org.osprey.ui.alerts.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.function.Function;

import org.osprey.detect.Alert;
import org.osprey.detect.engine.AlertStore.Entry;

/** The columns of the Alerts view: title, the text of a cell, and the order a click on the header sorts by. */
public enum AlertColumn {

    TIME("Time", 100, entry -> time(entry.alert()), Comparator.comparingLong(entry -> entry.alert().timestampNanos())),
    SEVERITY("Severity", 80, entry -> entry.alert().severity().name(),
            Comparator.comparing(entry -> entry.alert().severity())),
    DETECTOR("Detector", 130, entry -> entry.alert().detectorId(), text(entry -> entry.alert().detectorId())),
    MESSAGE("Message", 420, entry -> entry.alert().message(), text(entry -> entry.alert().message())),
    SOURCE("Source", 140, entry -> endpoint(entry.alert().sourceAddress(), entry.alert().sourcePort()),
            text(entry -> endpoint(entry.alert().sourceAddress(), entry.alert().sourcePort()))),
    DESTINATION("Destination", 140,
            entry -> endpoint(entry.alert().destinationAddress(), entry.alert().destinationPort()),
            text(entry -> endpoint(entry.alert().destinationAddress(), entry.alert().destinationPort()))),
    PACKETS("Packets", 70, entry -> Integer.toString(entry.alert().sequenceCount()),
            Comparator.comparingInt(entry -> entry.alert().sequenceCount()));

    /** Packet time of day, local zone, to the millisecond: alerts of one session rarely span days. */
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final String title;
    private final int width;
    private final Function<Entry, String> text;
    private final Comparator<Entry> order;

    AlertColumn(String title, int width, Function<Entry, String> text, Comparator<Entry> order) {
        this.title = title;
        this.width = width;
        this.text = text;
        this.order = order;
    }

    public String title() {
        return title;
    }

    /** Initial width in pixels. */
    public int width() {
        return width;
    }

    /** What the cell shows for this entry. */
    public String text(Entry entry) {
        return text.apply(entry);
    }

    /** Ascending order of this column; ties are left to the caller (see {@link AlertRows}). */
    public Comparator<Entry> order() {
        return order;
    }

    /** An address with its port, "10.0.0.1:80", or the address alone; "" when unknown. */
    public static String endpoint(String address, int port) {
        if (address == null) {
            return "";
        }
        if (port == Alert.NO_PORT) {
            return address;
        }
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }

    static String time(Alert alert) {
        long nanos = alert.timestampNanos();
        return TIME_FORMAT.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)));
    }

    private static Comparator<Entry> text(Function<Entry, String> key) {
        return Comparator.comparing(entry -> {
            String value = key.apply(entry);
            return value == null ? "" : value;
        }, String.CASE_INSENSITIVE_ORDER);
    }
}
