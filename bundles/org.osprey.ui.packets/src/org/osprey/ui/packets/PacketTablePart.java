package org.osprey.ui.packets;

import java.util.Arrays;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.stream.Subscription;
import org.osprey.ui.UiRefresher;

/**
 * The packet list, like Wireshark's: every packet the stream holds (No., Time, Source, Destination, Protocol, Length,
 * Info) above the selected packet's details (layer tree and hex dump).
 * <p>
 * The part never redraws per packet. A subscription to the stream only marks the part dirty; on the next tick of the
 * {@link UiRefresher} it pulls what arrived since its last tick ({@link PacketStream#read}) into its own index and
 * drops the rows the ring has evicted.
 * <p>
 * <b>Windowed table.</b> A GTK table costs about 10 µs per item added or removed, so one item per packet would stall
 * the UI thread for seconds on a 350k-packet file (and on clearing it). The SWT table therefore holds only the rows
 * that fit on screen (a window onto the index, starting at {@link #topRow()}), and a slider beside it scrolls the
 * window, like Trace Compass's virtual event table. A tick costs the same for 10 rows or 10 million. Texts are made
 * only for the rows in the window ({@code SWT.SetData}). Mouse wheel, slider and the navigation keys move the window;
 * the selection is a packet (its sequence number), so it stays on the same packet while rows arrive or are evicted.
 * <p>
 * No. is the packet's {@link PacketSummary#number() number}, the same the detail pane shows as "Frame N" and a filter
 * tests as {@code frame.number}: 1 for the first packet since the stream was last cleared (opening a file clears it).
 */
public final class PacketTablePart {

    /** The part's element id in the application model (contributed by fragment.e4xmi). */
    public static final String PART_ID = "org.osprey.ui.packets.part.table";

    static final String[] COLUMN_TITLES = { "No.", "Time", "Source", "Destination", "Protocol", "Length", "Info" };
    private static final int[] COLUMN_WIDTHS = { 70, 100, 150, 150, 80, 60, 600 };
    private static final int[] COLUMN_ALIGNMENTS = { SWT.RIGHT, SWT.RIGHT, SWT.LEFT, SWT.LEFT, SWT.LEFT, SWT.RIGHT,
            SWT.LEFT };
    private static final int WHEEL_ROWS = 3;
    /**
     * Packets taken into the index per tick at most (250k a second at 10 Hz): pulling costs up to a few µs a packet
     * while the JIT warms up and the replay thread competes for the cores, so a burst is spread over a few ticks.
     */
    static final int MAX_NEW_ROWS_PER_TICK = 25_000;
    private static final long NO_TIME_ORIGIN = Long.MIN_VALUE;
    private static final long NONE = -1;

    @Inject
    PacketStream stream;

    @Inject
    UiRefresher refresher;

    private final PacketRows rows = new PacketRows();
    private final PacketSummary[] readBuffer = new PacketSummary[5000];
    private final StreamListener clearListener = this::streamCleared;
    private volatile long clearedAtSequence = NONE;

    private UiRefresher.Registration registration;
    private Subscription arrivals;
    private long nextSequence;
    /** Timestamp shown as Time 0.000000: that of the first packet since the stream was last cleared. */
    private long timeOriginNanos = NO_TIME_ORIGIN;

    /** Index row shown in the table's first item. */
    private int topRow;
    /** How many items the table has: the rows that fit on screen. */
    private int windowRows;
    private long selectedSequence = NONE;

    private Table table;
    private Slider slider;
    private Label status;
    private PacketDetailPane details;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite listArea = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(0, 2).applyTo(listArea);
        table = new Table(listArea, SWT.VIRTUAL | SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMN_TITLES.length; i++) {
            TableColumn column = new TableColumn(table, COLUMN_ALIGNMENTS[i]);
            column.setText(COLUMN_TITLES[i]);
            column.setWidth(COLUMN_WIDTHS[i]);
        }
        slider = new Slider(listArea, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(false, true).applyTo(slider);
        status = new Label(listArea, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).indent(4, 0).applyTo(status);

        table.addListener(SWT.SetData, this::fillItem);
        table.addListener(SWT.Selection, event -> itemSelected());
        table.addListener(SWT.KeyDown, this::navigate);
        table.addListener(SWT.MouseVerticalWheel, event -> {
            event.doit = false;
            scrollTo(topRow - Integer.signum(event.count) * WHEEL_ROWS);
        });
        table.addListener(SWT.Resize, event -> fitWindowToHeight());
        slider.addListener(SWT.Selection, event -> scrollTo(slider.getSelection()));
        details = new PacketDetailPane(sash);
        sash.setWeights(55, 25, 20);

        nextSequence = stream.oldestSequence();
        registration = refresher.register(this::refresh);
        stream.addStreamListener(clearListener);
        // the subscription only wakes the part up; the packets themselves are pulled from the ring on the tick
        arrivals = stream.subscribe(null, (batch, count) -> registration.markDirty(), 1024);
        registration.markDirty();
        showWindow();
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }

    @PreDestroy
    public void dispose() {
        arrivals.close();
        stream.removeStreamListener(clearListener);
        registration.unregister();
        rows.clear();
    }

    /** The SWT table: it holds only the rows in the window, item 0 being {@link #topRow()}. */
    public Table table() {
        return table;
    }

    /** The scroll bar beside the table: it scrolls the window over all rows. */
    public Slider slider() {
        return slider;
    }

    /** The detail pane below the table. */
    public PacketDetailPane details() {
        return details;
    }

    /** How many packets the view holds (rows), whatever part of them is on screen. */
    public int rowCount() {
        return rows.size();
    }

    /** The packet of a row, 0 being the oldest held. */
    public PacketSummary packetAt(int row) {
        return rows.get(row);
    }

    /** The first row on screen. */
    public int topRow() {
        return topRow;
    }

    /** The selected row, or -1. */
    public int selectedRow() {
        return selectedSequence == NONE ? -1 : rows.rowOf(selectedSequence);
    }

    /** Scrolls as little as needed for the row to be on screen and returns its table item. */
    public TableItem reveal(int row) {
        if (row < topRow) {
            scrollTo(row);
        } else if (row >= topRow + windowRows) {
            scrollTo(row - windowRows + 1);
        }
        return table.getItem(row - topRow);
    }

    /** The status line under the table, e.g. "2,011 packets". */
    public String statusText() {
        return status.getText();
    }

    /** Called on the thread that cleared the stream. */
    private void streamCleared(long nextSequenceAfterClear) {
        clearedAtSequence = nextSequenceAfterClear;
        registration.markDirty();
    }

    /** One tick's work: pull, evict, then show the window once. */
    private void refresh() {
        if (table.isDisposed()) {
            return;
        }
        long cleared = clearedAtSequence;
        if (cleared != NONE) {
            clearedAtSequence = NONE;
            timeOriginNanos = NO_TIME_ORIGIN;
            selectedSequence = NONE;
            details.clear();
        }
        int added = pullNewPackets();
        if (added >= MAX_NEW_ROWS_PER_TICK) {
            registration.markDirty(); // more is waiting: take it at the next tick
        }
        // after clear() the ring's oldest is past every row, so this empties the view too
        int evicted = rows.evictBefore(stream.oldestSequence());
        if (timeOriginNanos == NO_TIME_ORIGIN && rows.size() > 0) {
            timeOriginNanos = rows.get(0).timestampNanos();
        }
        if (added == 0 && evicted == 0 && cleared == NONE) {
            return;
        }
        if (selectedSequence != NONE && rows.rowOf(selectedSequence) < 0) {
            selectedSequence = NONE; // the ring let the selected packet go
        }
        boolean windowHadFreeRows = topRow + windowRows > rows.size() - added + evicted;
        topRow = Math.max(0, topRow - evicted); // the same packets stay on screen
        if (evicted > 0 || windowHadFreeRows || cleared != NONE) {
            showWindow();
        } else {
            updateSlider();
        }
        showStatus();
    }

    private int pullNewPackets() {
        int added = 0;
        int count;
        while (added < MAX_NEW_ROWS_PER_TICK && (count = stream.read(nextSequence, readBuffer)) > 0) {
            rows.addAll(readBuffer, count);
            nextSequence = readBuffer[count - 1].sequence() + 1;
            Arrays.fill(readBuffer, 0, count, null);
            added += count;
            if (count < readBuffer.length) {
                break;
            }
        }
        return added;
    }

    private void fitWindowToHeight() {
        int height = table.getClientArea().height - table.getHeaderHeight();
        int fitting = Math.max(1, height / rowPitch());
        if (fitting != windowRows) {
            windowRows = fitting;
            showWindow();
        }
    }

    /** Pixels from one row to the next: with grid lines GTK draws rows taller than getItemHeight() says. */
    private int rowPitch() {
        if (table.getItemCount() >= 2) {
            int pitch = table.getItem(1).getBounds().y - table.getItem(0).getBounds().y;
            if (pitch > 0) {
                return pitch;
            }
        }
        return table.getItemHeight() + (table.getLinesVisible() ? 1 : 0);
    }

    private void scrollTo(int row) {
        int top = Math.clamp(row, 0, Math.max(0, rows.size() - windowRows));
        if (top != topRow) {
            topRow = top;
            showWindow();
        }
    }

    /** Makes the table's items show the rows from {@link #topRow}; their texts come on demand through SetData. */
    private void showWindow() {
        topRow = Math.clamp(topRow, 0, Math.max(0, rows.size() - windowRows));
        int shown = Math.min(windowRows, rows.size() - topRow);
        if (table.getItemCount() != shown) {
            boolean pitchWasGuessed = table.getItemCount() < 2;
            table.setItemCount(shown);
            if (pitchWasGuessed && shown >= 2) {
                table.getDisplay().asyncExec(() -> {
                    if (!table.isDisposed()) {
                        fitWindowToHeight();
                    }
                });
            }
        }
        table.clearAll();
        if (table.getTopIndex() != 0) {
            table.setTopIndex(0); // item 0 is the window's top: GTK must not scroll the items themselves
        }
        int selectedRow = selectedRow();
        if (selectedRow >= topRow && selectedRow < topRow + shown) {
            table.setSelection(selectedRow - topRow);
        } else {
            table.deselectAll();
        }
        updateSlider();
    }

    private void updateSlider() {
        int shown = Math.max(1, Math.min(windowRows, rows.size()));
        slider.setValues(topRow, 0, Math.max(rows.size(), 1), shown, 1, Math.max(1, windowRows - 1));
        slider.setEnabled(rows.size() > windowRows);
    }

    private void showStatus() {
        String text = String.format("%,d packets", rows.size());
        if (rows.size() > 0 && rows.get(0).number() > 1) {
            // the ring let the oldest go: say where the list starts
            text += String.format(" (the oldest %,d are no longer held)", rows.get(0).number() - 1);
        }
        status.setText(text);
    }

    private void fillItem(Event event) {
        int row = topRow + event.index;
        if (row >= rows.size()) {
            return;
        }
        PacketSummary packet = rows.get(row);
        ((TableItem) event.item).setText(new String[] {
                Long.toString(packet.number()),
                PacketColumns.seconds(packet.timestampNanos() - timeOriginNanos),
                packet.source(),
                packet.destination(),
                packet.protocol().label(),
                Integer.toString(packet.wireLength()),
                packet.info() });
    }

    private void itemSelected() {
        int index = table.getSelectionIndex();
        if (index >= 0 && topRow + index < rows.size()) {
            select(topRow + index);
        }
    }

    /** The navigation keys move the selection over all rows, not only the window's items. */
    private void navigate(Event event) {
        int current = selectedRow();
        int target = switch (event.keyCode) {
            case SWT.ARROW_DOWN -> current < 0 ? topRow : current + 1;
            case SWT.ARROW_UP -> current < 0 ? topRow : current - 1;
            case SWT.PAGE_DOWN -> (current < 0 ? topRow : current) + windowRows - 1;
            case SWT.PAGE_UP -> (current < 0 ? topRow : current) - windowRows + 1;
            case SWT.HOME -> 0;
            case SWT.END -> rows.size() - 1;
            default -> Integer.MIN_VALUE;
        };
        if (target == Integer.MIN_VALUE) {
            return;
        }
        event.doit = false;
        if (rows.size() > 0) {
            int row = Math.clamp(target, 0, rows.size() - 1);
            select(row);
            reveal(row);
            table.setSelection(row - topRow);
            if (table.getTopIndex() != 0) {
                table.setTopIndex(0);
            }
        }
    }

    private void select(int row) {
        PacketSummary packet = rows.get(row);
        if (packet.sequence() != selectedSequence) {
            selectedSequence = packet.sequence();
            details.show(packet);
        }
    }
}
