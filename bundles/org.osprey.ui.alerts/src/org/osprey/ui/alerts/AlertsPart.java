package org.osprey.ui.alerts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.engine.AlertStore.Entry;
import org.osprey.ui.LiveView;
import org.osprey.ui.PacketSelection;
import org.osprey.ui.SeverityColors;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.alerts.internal.AlertColumn;
import org.osprey.ui.alerts.internal.AlertFilter;
import org.osprey.ui.alerts.internal.AlertRows;

/**
 * The Alerts view: every alert of the client's {@link AlertStore} in a virtual table (time, severity in its colour,
 * detector, message, source, destination, packets), sortable by any column (click its header), filtered by a minimum
 * severity, a detector and a host; beside it the selected alert's details (evidence, MITRE ATT&amp;CK technique,
 * Community ID).
 * <p>
 * Selecting alerts posts a {@link PacketSelection} of their packets, so the packet table selects them. Ctrl+K or the
 * context menu acknowledges the selected alerts (acknowledged rows are greyed); on rows that are all acknowledged it
 * takes the acknowledgement back.
 * <p>
 * The store only marks the view dirty; the view reads it on the {@link UiRefresher}'s next tick, never per alert.
 * Pause ({@link LiveView}) freezes the list at the alerts that were there at the pause (acknowledgements still show);
 * Resume shows what came since. A toast's click asks the view to show an alert through {@link #SHOW_TOPIC}.
 */
public final class AlertsPart {

    /** The part's element id in the application model (contributed by fragment.e4xmi). */
    public static final String PART_ID = "org.osprey.ui.alerts.part.alerts";

    /**
     * Event topic asking the view to show one alert: clears the filters that hide it, selects it and its packets. The
     * event's data is the store entry's id (a {@link Long}).
     */
    public static final String SHOW_TOPIC = "org/osprey/ui/alerts/show";

    /** Where the selections this view posts come from, as the packet table's status line says it. */
    public static final String ORIGIN = "alerts";

    /** Acknowledges the selected alerts (or takes the acknowledgement back), with Ctrl (Cmd on macOS). */
    public static final char ACKNOWLEDGE_KEY = 'k';

    static final String ALL_DETECTORS = "All detectors";
    private static final long NONE = -1;

    @Inject
    UiRefresher refresher;

    @Inject
    LiveView liveView;

    @Inject
    IEventBroker eventBroker;

    private final AlertRows rows = new AlertRows();
    private final AlertStore.Listener storeListener = this::storeChanged;
    private final LiveView.Listener liveListener = view -> liveViewChanged();
    /** Injected again on whatever thread the service comes or goes on, read on the UI thread. */
    private volatile AlertStore store;
    private UiRefresher.Registration registration;
    /** Newest entry id shown when the view was paused: newer ones wait for Resume. */
    private long pausedAtId = NONE;
    private long[] selectedIds = new long[0];
    private long focusId = NONE;
    private long longestRefreshNanos;
    /** A refresh was skipped because the view was hidden: the next paint asks for it. UI thread. */
    private boolean missedWhileHidden;
    private long refreshNanos;
    private long refreshes;

    private Combo severityChoice;
    private Combo detectorChoice;
    private Text hostText;
    private Label status;
    private Table table;
    private Table details;
    /** The entry the details table shows (entries are immutable: another object means another content), or null. */
    private Entry detailsShown;
    private Color acknowledgedForeground;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new FillLayout());
        Composite area = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(area);
        createFilterBar(area);
        // side by side: the view lives in the wide, low bottom stack
        SashForm sash = new SashForm(area, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        createTable(sash);
        createDetails(sash);
        sash.setWeights(68, 32);
        status = new Label(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 0).applyTo(status);
        acknowledgedForeground = parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND);

        registration = refresher.register(this::refresh);
        liveView.addListener(liveListener);
        if (store != null) {
            store.addListener(storeListener);
        }
        refresh();
    }

    /** The client's alert store, a DS service: injected again (null) when it goes and when it comes back. */
    @Inject
    @Optional
    void setStore(AlertStore newStore) {
        if (store == newStore) {
            return;
        }
        if (store != null && registration != null) {
            store.removeListener(storeListener);
        }
        store = newStore;
        if (registration != null) {
            if (store != null) {
                store.addListener(storeListener);
            }
            registration.markDirty();
        }
    }

    @Focus
    public void setFocus() {
        table.setFocus();
        if (missedWhileHidden) {
            registration.markDirty(); // shown again: catch up at the next tick
        }
    }

    @PreDestroy
    public void dispose() {
        if (store != null) {
            store.removeListener(storeListener);
        }
        liveView.removeListener(liveListener);
        registration.unregister();
    }

    /** Shows one alert asked for by a toast's click: clears what hides it, selects it and selects its packets. */
    @Inject
    @Optional
    void showAlert(@UIEventTopic(SHOW_TOPIC) Long id) {
        if (table == null || table.isDisposed() || id == null) {
            return;
        }
        if (liveView.isPaused() && id > pausedAtId) {
            liveView.resume(); // the alert came after the pause: show the present
        }
        refresh();
        if (rows.rowOf(id) < 0 && rows.find(id) != null) {
            setFilter(AlertFilter.ALL);
        }
        int row = rows.rowOf(id);
        if (row < 0) {
            status.setText("That alert is no longer held (the oldest alerts go first, Clear empties the list).");
            return;
        }
        select(new int[] { row }, row);
    }

    // ------------------------------------------------------------------ for tests and handlers

    /** The alerts table: one item per row shown, texts filled on demand. */
    public Table table() {
        return table;
    }

    /** The details of the focused alert: one item per field, "Field" and "Value". */
    public Table details() {
        return details;
    }

    /** The rows shown, in table order. */
    public List<Entry> shownEntries() {
        return rows.rows();
    }

    /** The text of one cell as the table shows it. */
    public String cellText(int row, AlertColumn column) {
        return column.text(rows.get(row));
    }

    public AlertFilter filter() {
        return rows.filter();
    }

    /** Filters like the filter bar does, and shows the filter's values in it. */
    public void setFilter(AlertFilter filter) {
        rows.setFilter(filter);
        severityChoice.select(filter.minimumSeverity().ordinal());
        String detector = filter.detectorId() == null ? ALL_DETECTORS : filter.detectorId();
        updateDetectorChoices();
        detectorChoice.select(Math.max(0, detectorChoice.indexOf(detector)));
        if (!hostText.getText().strip().equalsIgnoreCase(filter.host())) {
            hostText.setText(filter.host());
        }
        showRows();
    }

    /** Sorts like a click on a column's header. */
    public void sortBy(AlertColumn column, boolean ascending) {
        rows.sortBy(column, ascending);
        table.setSortColumn(table.getColumn(column.ordinal()));
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        showRows();
    }

    public AlertColumn sortColumn() {
        return rows.sortColumn();
    }

    public boolean sortAscending() {
        return rows.ascending();
    }

    public Combo severityChoice() {
        return severityChoice;
    }

    public Combo detectorChoice() {
        return detectorChoice;
    }

    public Text hostText() {
        return hostText;
    }

    /** Under the table: "12 of 40 alerts shown, 3 acknowledged". */
    public String statusText() {
        return status.getText();
    }

    /** The ids of the selected alerts. */
    public long[] selectedIds() {
        return selectedIds.clone();
    }

    /** The id of the alert the details show, or -1. */
    public long focusedId() {
        return focusId;
    }

    /**
     * The longest a refresh took on the UI thread so far (snapshot of the store, filter, sort, the table told), in
     * nanoseconds: what the view costs a tick.
     */
    public long longestRefreshNanos() {
        return longestRefreshNanos;
    }

    /** The mean time of a refresh so far, in nanoseconds (0 before the first). */
    public long meanRefreshNanos() {
        return refreshes == 0 ? 0 : refreshNanos / refreshes;
    }

    /** How many refreshes ran so far. */
    public long refreshCount() {
        return refreshes;
    }

    /** Starts the refresh figures afresh (for a benchmark's measured phase). */
    public void resetRefreshFigures() {
        refreshes = 0;
        refreshNanos = 0;
        longestRefreshNanos = 0;
    }

    /** The colour of acknowledged rows' text. */
    public Color acknowledgedForeground() {
        return acknowledgedForeground;
    }

    /**
     * Acknowledges the selected alerts, or takes the acknowledgement back when every selected one is acknowledged
     * (Ctrl+K and the context menu).
     */
    public void toggleAcknowledged() {
        List<Entry> selected = selectedEntries();
        if (store == null || selected.isEmpty()) {
            return;
        }
        boolean acknowledge = selected.stream().anyMatch(entry -> !entry.acknowledged());
        setAcknowledged(selected, acknowledge);
    }

    // ------------------------------------------------------------------ building

    private void createFilterBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(5).margins(4, 2).applyTo(bar);

        new Label(bar, SWT.NONE).setText("Severity at least");
        severityChoice = new Combo(bar, SWT.READ_ONLY);
        for (Severity severity : Severity.values()) {
            severityChoice.add(severity.name());
        }
        severityChoice.select(0);
        severityChoice.addListener(SWT.Selection, event -> {
            rows.setFilter(rows.filter().withMinimumSeverity(Severity.values()[severityChoice.getSelectionIndex()]));
            showRows();
        });

        detectorChoice = new Combo(bar, SWT.READ_ONLY);
        detectorChoice.add(ALL_DETECTORS);
        detectorChoice.select(0);
        detectorChoice.addListener(SWT.Selection, event -> {
            String chosen = detectorChoice.getItem(detectorChoice.getSelectionIndex());
            rows.setFilter(rows.filter().withDetector(ALL_DETECTORS.equals(chosen) ? null : chosen));
            showRows();
        });

        hostText = new Text(bar, SWT.SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        hostText.setMessage("Host or network, e.g. 10.0.0.5 or 192.168.1.");
        hostText.setToolTipText("Shows the alerts whose source or destination is this address, or starts with"
                + " it up to a dot or colon (a network).");
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(hostText);
        hostText.addListener(SWT.Modify, event -> {
            rows.setFilter(rows.filter().withHost(hostText.getText()));
            showRows();
        });
        new Label(bar, SWT.NONE); // keeps the host field from taking the last column's room on narrow stacks
    }

    private void createTable(Composite parent) {
        table = new Table(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (AlertColumn column : AlertColumn.values()) {
            TableColumn tableColumn = new TableColumn(table,
                    column == AlertColumn.PACKETS ? SWT.RIGHT : SWT.LEFT);
            tableColumn.setText(column.title());
            tableColumn.setWidth(column.width());
            tableColumn.setMoveable(true);
            tableColumn.addListener(SWT.Selection, event -> headerClicked(column));
        }
        table.setSortColumn(table.getColumn(rows.sortColumn().ordinal()));
        table.setSortDirection(rows.ascending() ? SWT.UP : SWT.DOWN);
        table.addListener(SWT.SetData, this::fillItem);
        table.addListener(SWT.Selection, this::itemsSelected);
        table.addListener(SWT.KeyDown, event -> {
            if ((event.stateMask & SWT.MOD1) != 0 && Character.toLowerCase(event.character) == ACKNOWLEDGE_KEY
                    || (event.stateMask & SWT.MOD1) != 0 && event.keyCode == ACKNOWLEDGE_KEY) {
                event.doit = false;
                toggleAcknowledged();
            }
        });
        table.setMenu(createMenu());
        table.addListener(SWT.Paint, event -> {
            if (missedWhileHidden) {
                missedWhileHidden = false;
                registration.markDirty();
            }
        });
    }

    private Menu createMenu() {
        Menu menu = new Menu(table);
        MenuItem acknowledge = new MenuItem(menu, SWT.PUSH);
        acknowledge.setText("&Acknowledge\tCtrl+K");
        acknowledge.addListener(SWT.Selection, event -> setAcknowledged(selectedEntries(), true));
        MenuItem unacknowledge = new MenuItem(menu, SWT.PUSH);
        unacknowledge.setText("&Not Acknowledged");
        unacknowledge.addListener(SWT.Selection, event -> setAcknowledged(selectedEntries(), false));
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem packets = new MenuItem(menu, SWT.PUSH);
        packets.setText("Select &Packets in the Packet Table");
        packets.addListener(SWT.Selection, event -> postPacketSelection());
        menu.addListener(SWT.Show, event -> {
            List<Entry> selected = selectedEntries();
            acknowledge.setEnabled(selected.stream().anyMatch(entry -> !entry.acknowledged()));
            unacknowledge.setEnabled(selected.stream().anyMatch(Entry::acknowledged));
            packets.setEnabled(selected.stream().anyMatch(entry -> entry.alert().sequenceCount() > 0));
        });
        return menu;
    }

    private void createDetails(Composite parent) {
        details = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        details.setHeaderVisible(true);
        details.setLinesVisible(true);
        TableColumn field = new TableColumn(details, SWT.LEFT);
        field.setText("Field");
        field.setWidth(130);
        TableColumn value = new TableColumn(details, SWT.LEFT);
        value.setText("Value");
        value.setWidth(420);
    }

    // ------------------------------------------------------------------ refreshing

    /** Called on the thread that changed the store: only asks for a refresh at the next tick. */
    private void storeChanged() {
        registration.markDirty();
    }

    private void liveViewChanged() {
        pausedAtId = liveView.isPaused() ? rows.newestId() : NONE;
        registration.markDirty();
    }

    /**
     * One tick after a change: a snapshot of the store, filtered and sorted, shown once. Not while the view is hidden
     * (a tab behind the timeline): its first paint when shown asks for the refresh it missed, so a flood of alerts
     * costs a hidden view nothing.
     */
    private void refresh() {
        if (table.isDisposed()) {
            return;
        }
        if (!table.isVisible()) {
            missedWhileHidden = true;
            return;
        }
        missedWhileHidden = false;
        long start = System.nanoTime();
        AlertStore current = store;
        List<Entry> entries = current == null ? List.of() : current.entries();
        if (liveView.isPaused()) {
            entries = entries.stream().filter(entry -> entry.id() <= pausedAtId).toList();
        }
        rows.update(entries);
        updateDetectorChoices();
        showRows();
        long spent = System.nanoTime() - start;
        longestRefreshNanos = Math.max(longestRefreshNanos, spent);
        refreshNanos += spent;
        refreshes++;
    }

    private void updateDetectorChoices() {
        List<String> ids = rows.detectorIds();
        if (detectorChoice.getItemCount() - 1 == ids.size()) {
            return;
        }
        String chosen = detectorChoice.getItem(Math.max(0, detectorChoice.getSelectionIndex()));
        List<String> items = new ArrayList<>();
        items.add(ALL_DETECTORS);
        items.addAll(ids);
        String filtered = rows.filter().detectorId();
        if (filtered != null && !items.contains(filtered)) {
            items.add(filtered);
        }
        detectorChoice.setItems(items.toArray(new String[0]));
        detectorChoice.select(Math.max(0, items.indexOf(chosen)));
    }

    /** Makes the table show the rows: item count, texts on demand, the selection kept on the same alerts. */
    private void showRows() {
        if (table.getItemCount() != rows.size()) {
            table.setItemCount(rows.size());
        }
        table.clearAll();
        List<Integer> selectedRows = new ArrayList<>();
        for (long id : selectedIds) {
            int row = rows.rowOf(id);
            if (row >= 0) {
                selectedRows.add(row);
            }
        }
        table.deselectAll();
        table.select(selectedRows.stream().mapToInt(Integer::intValue).toArray());
        showDetails(rows.find(focusId));
        showStatus();
    }

    private void showStatus() {
        AlertStore current = store;
        if (current == null) {
            status.setText("Detection is not running: no alert store.");
            return;
        }
        String text = String.format("%,d of %,d alerts shown, %,d acknowledged", rows.size(), rows.total(),
                rows.acknowledged());
        if (liveView.isPaused()) {
            text += String.format(" (paused: %,d new alerts wait for Resume)",
                    current.entriesAfter(pausedAtId).size());
        }
        status.setText(text);
    }

    private void fillItem(Event event) {
        int row = event.index;
        if (row >= rows.size()) {
            return;
        }
        Entry entry = rows.get(row);
        TableItem item = (TableItem) event.item;
        AlertColumn[] columns = AlertColumn.values();
        String[] texts = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            texts[i] = columns[i].text(entry);
        }
        item.setText(texts);
        item.setBackground(AlertColumn.SEVERITY.ordinal(), SeverityColors.of(entry.alert().severity()));
        item.setForeground(entry.acknowledged() ? acknowledgedForeground : null);
        item.setData(entry);
    }

    private void headerClicked(AlertColumn column) {
        boolean ascending;
        if (rows.sortColumn() == column) {
            ascending = !rows.ascending();
        } else {
            // newest, most severe and most packets first; texts A to Z
            ascending = !(column == AlertColumn.TIME || column == AlertColumn.SEVERITY
                    || column == AlertColumn.PACKETS);
        }
        sortBy(column, ascending);
    }

    // ------------------------------------------------------------------ selecting and acknowledging

    private void itemsSelected(Event event) {
        int clicked = event.item instanceof TableItem item ? table.indexOf(item) : table.getSelectionIndex();
        select(table.getSelectionIndices(), clicked);
    }

    private void select(int[] selectedRows, int focusRow) {
        long[] ids = new long[selectedRows.length];
        int n = 0;
        for (int row : selectedRows) {
            if (row >= 0 && row < rows.size()) {
                ids[n++] = rows.get(row).id();
            }
        }
        selectedIds = Arrays.copyOf(ids, n);
        if (focusRow >= 0 && focusRow < rows.size()) {
            focusId = rows.get(focusRow).id();
            table.setSelection(selectedRows);
            table.showItem(table.getItem(focusRow));
        }
        showDetails(rows.find(focusId));
        postPacketSelection();
    }

    /** Asks the packet table to select the packets of the selected alerts (when they name any). */
    private void postPacketSelection() {
        List<Entry> selected = selectedEntries();
        long[] sequences = selected.stream().flatMapToLong(entry -> Arrays.stream(entry.alert().sequences()))
                .distinct().toArray();
        if (sequences.length > 0) {
            eventBroker.post(PacketSelection.TOPIC, new PacketSelection(sequences, ORIGIN));
        }
    }

    private List<Entry> selectedEntries() {
        List<Entry> selected = new ArrayList<>(selectedIds.length);
        for (long id : selectedIds) {
            Entry entry = rows.find(id);
            if (entry != null) {
                selected.add(entry);
            }
        }
        return selected;
    }

    private void setAcknowledged(List<Entry> entries, boolean acknowledged) {
        AlertStore current = store;
        if (current == null) {
            return;
        }
        for (Entry entry : entries) {
            current.acknowledge(entry.id(), acknowledged);
        }
        refresh(); // at once: the person waits for the grey
    }

    private void showDetails(Entry entry) {
        if (entry == detailsShown) {
            return; // the same alert as at the last tick: its rows (and where the person scrolled them) stay
        }
        detailsShown = entry;
        details.removeAll();
        if (entry == null) {
            return;
        }
        Alert alert = entry.alert();
        detail("Message", alert.message());
        detail("Signature", alert.signature() + " (" + alert.detectorId() + ":" + alert.signatureId() + ")");
        detail("Severity", alert.severity().name() + (entry.acknowledged() ? ", acknowledged" : ""));
        detail("Category", alert.category());
        detail("Time", AlertColumn.TIME.text(entry));
        detail("Source", AlertColumn.endpoint(alert.sourceAddress(), alert.sourcePort()));
        detail("Destination", AlertColumn.endpoint(alert.destinationAddress(), alert.destinationPort()));
        detail("Transport", alert.transport());
        detail("MITRE ATT&CK", alert.mitreTechnique());
        detail("Community ID", alert.communityId());
        detail("Packets", alert.sequenceCount() == 0 ? "none named"
                : String.format("%,d, from stream sequence %d", alert.sequenceCount(), alert.sequence(0)));
        for (Map.Entry<String, String> evidence : alert.evidence().entrySet()) {
            detail(evidence.getKey(), evidence.getValue());
        }
    }

    private void detail(String field, String value) {
        TableItem item = new TableItem(details, SWT.NONE);
        item.setText(new String[] { field, value == null || value.isEmpty() ? "\u2014" : value });
    }
}
