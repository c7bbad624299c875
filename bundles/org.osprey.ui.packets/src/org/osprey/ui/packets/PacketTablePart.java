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
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.stream.Subscription;
import org.osprey.ui.UiRefresher;

/**
 * The packet list, like Wireshark's: a virtual table of every packet the stream holds (No., Time, Source, Destination,
 * Protocol, Length, Info) above the selected packet's details (layer tree and hex dump).
 * <p>
 * The part never redraws per packet. A subscription to the stream only marks the part dirty; on the next tick of the
 * {@link UiRefresher} it pulls what arrived since its last tick ({@link PacketStream#read}) into its own index, drops
 * the rows the ring has evicted, and sets the table's item count once. Row texts are made only when SWT asks for a
 * visible row ({@code SWT.SetData}).
 */
public final class PacketTablePart {

    /** The part's element id in the application model (contributed by fragment.e4xmi). */
    public static final String PART_ID = "org.osprey.ui.packets.part.table";

    static final String[] COLUMN_TITLES = { "No.", "Time", "Source", "Destination", "Protocol", "Length", "Info" };
    private static final int[] COLUMN_WIDTHS = { 70, 100, 150, 150, 80, 60, 600 };
    private static final int[] COLUMN_ALIGNMENTS = { SWT.RIGHT, SWT.RIGHT, SWT.LEFT, SWT.LEFT, SWT.LEFT, SWT.RIGHT,
            SWT.LEFT };

    /**
     * Rows taken into the table per tick at most: growing a GTK table by hundreds of thousands of rows at once stalls
     * the UI thread, so a large file appears over a few ticks instead.
     */
    static final int MAX_NEW_ROWS_PER_TICK = 50_000;

    private static final long NO_TIME_ORIGIN = Long.MIN_VALUE;

    @Inject
    PacketStream stream;

    @Inject
    UiRefresher refresher;

    private final PacketRows rows = new PacketRows();
    private final PacketSummary[] readBuffer = new PacketSummary[8192];
    private final StreamListener clearListener = this::streamCleared;
    private volatile long clearedAtSequence = -1;

    private UiRefresher.Registration registration;
    private Subscription arrivals;
    private long nextSequence;
    /** Sequence number shown as No. 1: the first packet since the stream was last cleared. */
    private long numberOrigin;
    /** Timestamp shown as Time 0.000000: that of the first packet since the stream was last cleared. */
    private long timeOriginNanos = NO_TIME_ORIGIN;

    private Table table;
    private Label status;
    private PacketDetailPane details;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite listArea = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(listArea);
        table = new Table(listArea, SWT.VIRTUAL | SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        status = new Label(listArea, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 0).applyTo(status);
        showStatus();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMN_TITLES.length; i++) {
            TableColumn column = new TableColumn(table, COLUMN_ALIGNMENTS[i]);
            column.setText(COLUMN_TITLES[i]);
            column.setWidth(COLUMN_WIDTHS[i]);
        }
        table.addListener(SWT.SetData, this::fillRow);
        table.addListener(SWT.Selection, event -> showSelectedDetails());
        details = new PacketDetailPane(sash);
        sash.setWeights(55, 25, 20);

        nextSequence = stream.oldestSequence();
        numberOrigin = nextSequence;
        registration = refresher.register(this::refresh);
        stream.addStreamListener(clearListener);
        // the subscription only wakes the part up; the packets themselves are pulled from the ring on the tick
        arrivals = stream.subscribe(null, (batch, count) -> registration.markDirty(), 1024);
        registration.markDirty();
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

    /** The table (for tests and for views that act on the selection). */
    public Table table() {
        return table;
    }

    /** The detail pane below the table. */
    public PacketDetailPane details() {
        return details;
    }

    /** The packet shown in a row, 0 being the oldest. UI thread. */
    public PacketSummary packetAt(int row) {
        return rows.get(row);
    }

    /** Called on the thread that cleared the stream. */
    private void streamCleared(long nextSequenceAfterClear) {
        clearedAtSequence = nextSequenceAfterClear;
        registration.markDirty();
    }

    /** One tick's work: pull, evict, then tell the table once. */
    private void refresh() {
        if (table.isDisposed()) {
            return;
        }
        int rowsBefore = rows.size();
        long selectedSequence = selectedSequence(); // while table rows and index rows still match
        long cleared = clearedAtSequence;
        if (cleared >= 0) {
            clearedAtSequence = -1;
            numberOrigin = cleared;
            timeOriginNanos = NO_TIME_ORIGIN;
            details.clear();
        }
        int added = pullNewPackets();
        if (added >= MAX_NEW_ROWS_PER_TICK) {
            registration.markDirty(); // more is waiting: take it at the next tick
        }
        // after clear() the ring's oldest is past every row, so this empties the table too
        int evicted = rows.evictBefore(stream.oldestSequence());
        if (timeOriginNanos == NO_TIME_ORIGIN && rows.size() > 0) {
            timeOriginNanos = rows.get(0).timestampNanos();
        }
        if (added == 0 && evicted == 0) {
            return;
        }
        if (evicted >= rowsBefore) {
            table.removeAll();
        } else if (evicted > 0) {
            table.remove(0, evicted - 1);
        }
        table.setItemCount(rows.size());
        keepSelection(selectedSequence);
        showStatus();
    }

    private void showStatus() {
        String text = String.format("%,d packets", rows.size());
        if (rows.size() > 0 && rows.get(0).sequence() > numberOrigin) {
            // the ring let the oldest go: say where the table starts
            text += String.format(" (the oldest %,d are no longer held)", rows.get(0).sequence() - numberOrigin);
        }
        status.setText(text);
    }

    /** The status line under the table, e.g. "2,011 packets". */
    public String statusText() {
        return status.getText();
    }

    private int pullNewPackets() {
        int added = 0;
        while (added < MAX_NEW_ROWS_PER_TICK) {
            int count = stream.read(nextSequence, readBuffer);
            if (count == 0) {
                break;
            }
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

    private long selectedSequence() {
        int row = table.getSelectionIndex();
        return row >= 0 && row < rows.size() ? rows.get(row).sequence() : -1;
    }

    /** Rows were removed at the front: keep the same packet selected, or none when it was evicted. */
    private void keepSelection(long selectedSequence) {
        if (selectedSequence < 0) {
            return;
        }
        int row = rows.rowOf(selectedSequence);
        if (row < 0) {
            table.deselectAll();
        } else if (table.getSelectionIndex() != row) {
            table.setSelection(row);
        }
    }

    private void fillRow(Event event) {
        TableItem item = (TableItem) event.item;
        int row = event.index;
        if (row >= rows.size()) {
            return;
        }
        PacketSummary packet = rows.get(row);
        item.setText(new String[] {
                Long.toString(packet.sequence() - numberOrigin + 1),
                PacketColumns.seconds(packet.timestampNanos() - timeOriginNanos),
                packet.source(),
                packet.destination(),
                packet.protocol().label(),
                Integer.toString(packet.wireLength()),
                packet.info() });
    }

    private void showSelectedDetails() {
        int row = table.getSelectionIndex();
        if (row >= 0 && row < rows.size()) {
            details.show(rows.get(row));
        }
    }
}
