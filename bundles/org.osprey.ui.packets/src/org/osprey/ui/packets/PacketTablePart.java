package org.osprey.ui.packets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.stream.Subscription;
import org.osprey.ui.LiveView;
import org.osprey.ui.PacketSelection;
import org.osprey.ui.SeverityColors;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.export.PacketExportSource;

/**
 * The packet list, like Wireshark's: every packet the stream holds (No., Time, Source, Destination, Protocol, Length,
 * Info) above the selected packet's details (layer tree and hex dump), with a display filter bar above it.
 * <p>
 * <b>Live.</b> While live the table follows the newest packets (auto-scroll) unless the person scrolls back or
 * selects a packet; End (or Go Live) follows again. Pause ({@link LiveView}, Space in the table) freezes the rows
 * while capture and the stream go on; a badge counts what arrived since, and Resume catches up with everything the
 * ring still holds. Clear empties the view and the stream's ring.
 * <p>
 * The part never redraws per packet. A subscription to the stream only marks the part dirty; on the next tick of the
 * {@link UiRefresher} it pulls what arrived since its last tick ({@link PacketStream#read}) into its own index, keeping
 * those the display filter accepts, and drops the rows the ring has evicted.
 * <p>
 * <b>Windowed table.</b> A GTK table costs about 10 µs per item added or removed, so one item per packet would stall
 * the UI thread for seconds on a 350k-packet file (and on clearing it). The SWT table therefore holds only the rows
 * that fit on screen (a window onto the index, starting at {@link #topRow()}), and a slider beside it scrolls the
 * window, like Trace Compass's virtual event table. A tick costs the same for 10 rows or 10 million. Texts are made
 * only for the rows in the window ({@code SWT.SetData}). Mouse wheel, slider and the navigation keys move the window;
 * the selection is a set of packets (sequence numbers), so it stays on the same packets while rows arrive or are
 * evicted.
 * <p>
 * No. is the packet's {@link PacketSummary#number() number}, the same the detail pane shows as "Frame N" and a filter
 * tests as {@code frame.number}: 1 for the first packet since the stream was last cleared (opening a file clears it).
 * <p>
 * Other views select packets here by posting a {@link PacketSelection}; the part offers its packets to File > Export
 * Packets as the {@link PacketExportSource} in its context.
 * <p>
 * <b>Alert marks.</b> Rows of packets that an alert names are tinted in the colour of the highest such alert's
 * severity ({@link SeverityColors}), from the client's {@link AlertStore} (when detection runs): asked only for the rows
 * on screen as their texts are made, and again on the tick after the store changed.
 */
public final class PacketTablePart implements PacketExportSource {

    /** The part's element id in the application model (contributed by fragment.e4xmi). */
    public static final String PART_ID = "org.osprey.ui.packets.part.table";

    static final String[] COLUMN_TITLES = { "No.", "Time", "Source", "Destination", "Protocol", "Length", "Info" };
    private static final int[] COLUMN_WIDTHS = { 70, 100, 150, 150, 80, 60, 600 };
    private static final int[] COLUMN_ALIGNMENTS = { SWT.RIGHT, SWT.RIGHT, SWT.LEFT, SWT.LEFT, SWT.LEFT, SWT.RIGHT,
            SWT.LEFT };
    private static final int WHEEL_ROWS = 3;
    /**
     * Packets taken from the stream per tick at most (250k a second at 10 Hz): pulling costs up to a few µs a packet
     * while the JIT warms up and the capture threads compete for the cores, so a burst is spread over a few ticks.
     */
    static final int MAX_NEW_ROWS_PER_TICK = 25_000;
    private static final long NO_TIME_ORIGIN = Long.MIN_VALUE;
    private static final long NONE = -1;
    private static final long[] NO_SELECTION = new long[0];

    @Inject
    PacketStream stream;

    @Inject
    UiRefresher refresher;

    @Inject
    LiveView liveView;

    private final PacketRows rows = new PacketRows();
    private final PacketSummary[] readBuffer = new PacketSummary[5000];
    private final StreamListener clearListener = this::streamCleared;
    private final LiveView.Listener liveListener = view -> liveViewChanged();
    private final AlertStore.Listener alertsListener = this::alertsChanged;
    private volatile long clearedAtSequence = NONE;
    /** Set by the alert store on its thread, taken by the next tick: the rows on screen are marked again. */
    private volatile boolean alertsChangedSinceShown;
    /** Injected again on whatever thread the service comes or goes on, read on the UI thread. */
    private volatile AlertStore alerts;

    private UiRefresher.Registration registration;
    private Subscription arrivals;
    private long nextSequence;
    /** Timestamp shown as Time 0.000000: that of the first packet since the stream was last cleared. */
    private long timeOriginNanos = NO_TIME_ORIGIN;
    private DisplayFilter filter;

    /** Index row shown in the table's first item. */
    private int topRow;
    /** How many items the table has: the rows that fit on screen. */
    private int windowRows;
    /** Whether the window follows the newest rows (auto-scroll). */
    private boolean following = true;
    /** The selected packets' sequence numbers, ascending. */
    private long[] selectedSequences = NO_SELECTION;
    /** The packet the detail pane shows, or NONE. */
    private long focusSequence = NONE;

    private Text filterText;
    private Label filterProblem;
    private Label pausedBadge;
    private Table table;
    private Slider slider;
    private Label status;
    private PacketDetailPane details;

    @PostConstruct
    public void create(Composite parent, IEclipseContext partContext) {
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite listArea = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(0, 2).applyTo(listArea);
        createFilterBar(listArea);
        pausedBadge = new Label(listArea, SWT.NONE);
        pausedBadge.setBackground(new org.eclipse.swt.graphics.Color(0xFF, 0xE0, 0x82));
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).exclude(true).applyTo(pausedBadge);
        pausedBadge.setVisible(false);

        table = new Table(listArea, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
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
        table.addListener(SWT.Selection, this::itemSelected);
        table.addListener(SWT.KeyDown, this::keyPressed);
        table.addListener(SWT.MouseVerticalWheel, event -> {
            event.doit = false;
            scrollBy(-Integer.signum(event.count) * WHEEL_ROWS);
        });
        table.addListener(SWT.Resize, event -> fitWindowToHeight());
        slider.addListener(SWT.Selection, event -> scrollTo(slider.getSelection()));
        details = new PacketDetailPane(sash);
        sash.setWeights(55, 25, 20);

        nextSequence = stream.oldestSequence();
        registration = refresher.register(this::refresh);
        if (alerts != null) {
            alerts.addListener(alertsListener);
        }
        stream.addStreamListener(clearListener);
        liveView.addListener(liveListener);
        // the subscription only wakes the part up; the packets themselves are pulled from the ring on the tick
        arrivals = stream.subscribe(null, (batch, count) -> registration.markDirty(), 1024);
        partContext.set(PacketExportSource.class, this);
        registration.markDirty();
        showWindow();
    }

    private void createFilterBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(4).margins(2, 2).applyTo(bar);
        new Label(bar, SWT.NONE).setText("Filter:");
        filterText = new Text(bar, SWT.BORDER | SWT.SEARCH | SWT.ICON_CANCEL);
        filterText.setMessage("Display filter, e.g. ip.addr == 10.0.0.1 && tcp.port in {80 443}   (Enter applies)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filterText);
        filterText.addListener(SWT.DefaultSelection, event -> {
            if (event.detail == SWT.ICON_CANCEL) {
                filterText.setText("");
            }
            applyFilter();
        });
        filterText.addListener(SWT.Modify, event -> filterText.setBackground(null));
        Button apply = new Button(bar, SWT.PUSH);
        apply.setText("Apply");
        apply.addListener(SWT.Selection, event -> applyFilter());
        Button clearFilter = new Button(bar, SWT.PUSH);
        clearFilter.setText("Clear Filter");
        clearFilter.addListener(SWT.Selection, event -> {
            filterText.setText("");
            applyFilter();
        });
        filterProblem = new Label(bar, SWT.WRAP);
        filterProblem.setForeground(bar.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).exclude(true).applyTo(filterProblem);
        filterProblem.setVisible(false);
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }

    /** The client's alert store, a DS service: injected again (null) when it goes and when it comes back. */
    @Inject
    @Optional
    void setAlertStore(AlertStore store) {
        if (store == alerts) {
            return;
        }
        if (alerts != null && registration != null) {
            alerts.removeListener(alertsListener);
        }
        alerts = store;
        if (registration != null) {
            if (alerts != null) {
                alerts.addListener(alertsListener);
            }
            alertsChanged();
        }
    }

    /** The severity a row is marked with (the highest of the alerts naming its packet), or null. */
    public Severity alertSeverityAt(int row) {
        AlertStore store = alerts;
        return store == null ? null : store.severityOf(rows.get(row).sequence());
    }

    @PreDestroy
    public void dispose() {
        if (alerts != null) {
            alerts.removeListener(alertsListener);
        }
        arrivals.close();
        stream.removeStreamListener(clearListener);
        liveView.removeListener(liveListener);
        registration.unregister();
        rows.clear();
    }

    /** Selects the packets another view asks for, pausing the live view so that they stay on screen. */
    @Inject
    @Optional
    void selectPackets(@UIEventTopic(PacketSelection.TOPIC) PacketSelection selection) {
        if (table == null || table.isDisposed()) {
            return;
        }
        liveView.pause();
        refresh(); // take what arrived up to the pause, so that the asked-for packets are rows
        long[] held = Arrays.stream(selection.sequences()).filter(sequence -> rows.rowOf(sequence) >= 0).toArray();
        if (held.length == 0) {
            status.setText(String.format("%s: the %,d packets asked for are no longer held%s", selection.origin(),
                    selection.size(), filter != null ? " or not shown by the filter" : ""));
            return;
        }
        selectedSequences = held;
        following = false;
        int first = rows.rowOf(held[0]);
        focus(first);
        reveal(first);
        showWindow();
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

    /** The display filter's text field. */
    public Text filterText() {
        return filterText;
    }

    /** The filter's error (with its position), or the empty string when the filter is valid. */
    public String filterProblem() {
        return filterProblem.getVisible() ? filterProblem.getText() : "";
    }

    /** The badge over the table while paused, e.g. "Paused: 1,234 packets arrived since…", else empty. */
    public String pausedBadgeText() {
        return pausedBadge.getVisible() ? pausedBadge.getText() : "";
    }

    /** Puts the keyboard focus into the filter bar (Ctrl+F). */
    public void focusFilter() {
        filterText.setFocus();
        filterText.selectAll();
    }

    /** Whether the window follows the newest rows. */
    public boolean isFollowing() {
        return following;
    }

    /** How many packets the view holds (rows, display filter applied), whatever part of them is on screen. */
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

    /** The rows that fit on screen. */
    public int windowRows() {
        return windowRows;
    }

    /** The row the detail pane shows, or -1. */
    public int selectedRow() {
        return focusSequence == NONE ? -1 : rows.rowOf(focusSequence);
    }

    /** The selected packets' sequence numbers, ascending. */
    public long[] selectedSequences() {
        return selectedSequences.clone();
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

    @Override
    public List<PacketSummary> all() {
        return PacketExportSource.heldBy(stream);
    }

    @Override
    public List<PacketSummary> displayed() {
        List<PacketSummary> shown = new ArrayList<>(rows.size());
        for (int row = 0; row < rows.size(); row++) {
            shown.add(rows.get(row));
        }
        return shown;
    }

    @Override
    public List<PacketSummary> selected() {
        List<PacketSummary> selected = new ArrayList<>(selectedSequences.length);
        for (long sequence : selectedSequences) {
            int row = rows.rowOf(sequence);
            if (row >= 0) {
                selected.add(rows.get(row));
            }
        }
        return selected;
    }

    /** Called on the thread that changed the alert store. */
    private void alertsChanged() {
        alertsChangedSinceShown = true;
        registration.markDirty();
    }

    /** Called on the thread that cleared the stream. */
    private void streamCleared(long nextSequenceAfterClear) {
        clearedAtSequence = nextSequenceAfterClear;
        registration.markDirty();
    }

    private void liveViewChanged() {
        if (table.isDisposed()) {
            return;
        }
        refresh(); // paused: shows the badge; resumed: catches up
        if (!liveView.isPaused()) {
            following = true; // Resume and Go Live jump back to the newest packets
            topRow = Math.max(0, rows.size() - windowRows);
            showWindow();
        }
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
            selectedSequences = NO_SELECTION;
            focusSequence = NONE;
            details.clear();
        }
        showPausedBadge();
        if (alertsChangedSinceShown) {
            alertsChangedSinceShown = false;
            table.clearAll(); // the rows on screen ask for their texts and marks again (a window's worth)
        }
        if (liveView.isPaused() && cleared == NONE && !needsRowsUpToPause()) {
            return; // frozen: the rows stay as they were, however the ring moves on
        }
        int added = pullNewPackets(MAX_NEW_ROWS_PER_TICK);
        int evicted = liveView.isPaused() ? 0 : rows.evictBefore(stream.oldestSequence());
        if (cleared != NONE) {
            evicted += rows.evictBefore(stream.oldestSequence()); // after clear() the ring's oldest is past every row
        }
        if (timeOriginNanos == NO_TIME_ORIGIN && rows.size() > 0) {
            timeOriginNanos = rows.get(0).timestampNanos();
        }
        if (added == 0 && evicted == 0 && cleared == NONE) {
            return;
        }
        if (evicted > 0 && selectedSequences.length > 0) {
            forgetEvictedSelection();
        }
        boolean windowHadFreeRows = topRow + windowRows > rows.size() - added + evicted;
        topRow = Math.max(0, topRow - evicted); // the same packets stay on screen
        if (following) {
            topRow = Math.max(0, rows.size() - windowRows);
        }
        if (following || evicted > 0 || windowHadFreeRows || cleared != NONE) {
            showWindow();
        } else {
            updateSlider();
        }
        showStatus();
        if (added > 0 && following && !liveView.isPaused()) {
            Instant now = Instant.now();
            long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            liveView.recordDisplayLatency(nowNanos - rows.get(rows.size() - 1).timestampNanos());
        }
    }

    /** Paused, but packets that arrived before the pause are not rows yet (they came between a tick and the pause). */
    private boolean needsRowsUpToPause() {
        return nextSequence < liveView.pausedAtSequence();
    }

    private void showPausedBadge() {
        boolean paused = liveView.isPaused();
        if (paused) {
            pausedBadge.setText(String.format(" Paused: %,d packets arrived since. Capture goes on; Space resumes,"
                    + " End goes live.", liveView.packetsSincePause()));
        }
        if (pausedBadge.getVisible() != paused) {
            pausedBadge.setVisible(paused);
            ((org.eclipse.swt.layout.GridData) pausedBadge.getLayoutData()).exclude = !paused;
            pausedBadge.getParent().layout(true);
        }
    }

    private void forgetEvictedSelection() {
        selectedSequences = Arrays.stream(selectedSequences).filter(sequence -> rows.rowOf(sequence) >= 0).toArray();
        if (focusSequence != NONE && rows.rowOf(focusSequence) < 0) {
            focusSequence = NONE; // the ring let the packet go; its details stay on screen until another is chosen
        }
    }

    /** Takes new packets from the stream (those the filter accepts; while paused only those before the pause). */
    private int pullNewPackets(int maxTaken) {
        long limit = liveView.isPaused() ? liveView.pausedAtSequence() : Long.MAX_VALUE;
        int taken = 0;
        int added = 0;
        int count;
        while (taken < maxTaken && nextSequence < limit && (count = stream.read(nextSequence, readBuffer)) > 0) {
            nextSequence = Math.min(limit, readBuffer[count - 1].sequence() + 1);
            int kept = 0;
            for (int i = 0; i < count; i++) {
                PacketSummary packet = readBuffer[i];
                if (packet.sequence() < limit && (filter == null || filter.matches(packet))) {
                    readBuffer[kept++] = packet;
                }
            }
            rows.addAll(readBuffer, kept);
            Arrays.fill(readBuffer, 0, count, null);
            added += kept;
            taken += count;
            if (count < readBuffer.length) {
                break;
            }
        }
        if (taken >= maxTaken) {
            registration.markDirty(); // more is waiting: take it at the next tick
        }
        return added;
    }

    /** Applies the filter bar's expression to every packet held, or shows where it is wrong. */
    private void applyFilter() {
        String text = filterText.getText().strip();
        DisplayFilter compiled = null;
        if (!text.isEmpty()) {
            try {
                compiled = DisplayFilter.compile(text);
            } catch (FilterSyntaxException e) {
                showFilterProblem(e);
                return;
            }
        }
        filterText.setBackground(null);
        filterProblem.setVisible(false);
        ((org.eclipse.swt.layout.GridData) filterProblem.getLayoutData()).exclude = true;
        filterProblem.getParent().getParent().layout(true, true);
        filter = compiled;
        rows.clear();
        nextSequence = stream.oldestSequence();
        topRow = 0;
        pullNewPackets(Integer.MAX_VALUE); // every packet held, at once: a filter change is one pass over the ring
        following = !liveView.isPaused();
        if (following) {
            topRow = Math.max(0, rows.size() - windowRows);
        }
        forgetEvictedSelection();
        showWindow();
        showStatus();
    }

    private void showFilterProblem(FilterSyntaxException problem) {
        filterText.setBackground(new org.eclipse.swt.graphics.Color(0xFF, 0xD6, 0xD6));
        int position = Math.min(problem.position(), filterText.getText().length());
        filterText.setSelection(position, position + Math.max(1, problem.length()));
        filterText.setFocus();
        filterProblem.setText(problem.getMessage());
        filterProblem.setVisible(true);
        ((org.eclipse.swt.layout.GridData) filterProblem.getLayoutData()).exclude = false;
        filterProblem.getParent().getParent().layout(true, true);
    }

    private void fitWindowToHeight() {
        int height = table.getClientArea().height - table.getHeaderHeight();
        int fitting = Math.max(1, height / rowPitch());
        if (fitting != windowRows) {
            windowRows = fitting;
            if (following) {
                topRow = Math.max(0, rows.size() - windowRows);
            }
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

    private void scrollBy(int rowsDown) {
        scrollTo(topRow + rowsDown);
    }

    /** Scrolls to a row; at the bottom the window follows the newest rows again, above it stops following. */
    private void scrollTo(int row) {
        int last = Math.max(0, rows.size() - windowRows);
        int top = Math.clamp(row, 0, last);
        following = top >= last && !liveView.isPaused();
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
        table.deselectAll();
        if (selectedSequences.length > 0) {
            for (int item = 0; item < shown; item++) {
                if (Arrays.binarySearch(selectedSequences, rows.get(topRow + item).sequence()) >= 0) {
                    table.select(item);
                }
            }
        }
        updateSlider();
    }

    private void updateSlider() {
        int shown = Math.max(1, Math.min(windowRows, rows.size()));
        slider.setValues(topRow, 0, Math.max(rows.size(), 1), shown, 1, Math.max(1, windowRows - 1));
        slider.setEnabled(rows.size() > windowRows);
    }

    private void showStatus() {
        long held = stream.nextSequence() - stream.oldestSequence();
        String text = filter == null ? String.format("%,d packets", rows.size())
                : String.format("%,d of %,d packets shown (filter: %s)", rows.size(), held, filter);
        if (rows.size() > 0 && filter == null && rows.get(0).number() > 1) {
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
        AlertStore store = alerts;
        Severity alerted = store == null ? null : store.severityOf(packet.sequence());
        ((TableItem) event.item).setBackground(alerted == null ? null : SeverityColors.of(alerted));
    }

    /** A click (or shift/ctrl click) in the window: the selection becomes the selected items, the clicked one shown. */
    private void itemSelected(Event event) {
        int[] indices = table.getSelectionIndices();
        long[] sequences = new long[indices.length];
        int n = 0;
        for (int index : indices) {
            if (topRow + index < rows.size()) {
                sequences[n++] = rows.get(topRow + index).sequence();
            }
        }
        selectedSequences = Arrays.copyOf(sequences, n);
        Arrays.sort(selectedSequences);
        int clicked = event.item instanceof TableItem item ? table.indexOf(item) : table.getSelectionIndex();
        if (clicked >= 0 && topRow + clicked < rows.size()) {
            following = false; // the person inspects: stop scrolling it away
            focus(topRow + clicked);
        }
    }

    /** Navigation keys move over all rows, not only the window's items; Space pauses or resumes, End goes live. */
    private void keyPressed(Event event) {
        if (event.character == ' ' && (event.stateMask & SWT.MODIFIER_MASK) == 0) {
            event.doit = false;
            liveView.togglePause();
            return;
        }
        int current = selectedRow();
        int target = switch (event.keyCode) {
            case SWT.ARROW_DOWN -> current < 0 ? topRow : current + 1;
            case SWT.ARROW_UP -> current < 0 ? topRow : current - 1;
            case SWT.PAGE_DOWN -> (current < 0 ? topRow : current) + windowRows - 1;
            case SWT.PAGE_UP -> (current < 0 ? topRow : current) - windowRows + 1;
            case SWT.HOME -> 0;
            case SWT.END -> Integer.MAX_VALUE;
            default -> Integer.MIN_VALUE;
        };
        if (target == Integer.MIN_VALUE) {
            return;
        }
        event.doit = false;
        if (target == Integer.MAX_VALUE) {
            liveView.goLive(); // End: the newest packets, followed live
            if (rows.size() > 0) {
                selectOnly(rows.size() - 1);
                showWindow();
            }
            return;
        }
        if (rows.size() > 0) {
            int row = Math.clamp(target, 0, rows.size() - 1);
            selectOnly(row);
            following = false;
            reveal(row);
            showWindow();
        }
    }

    private void selectOnly(int row) {
        selectedSequences = new long[] { rows.get(row).sequence() };
        focus(row);
    }

    private void focus(int row) {
        PacketSummary packet = rows.get(row);
        if (packet.sequence() != focusSequence) {
            focusSequence = packet.sequence();
            details.show(packet);
        }
    }
}
