package org.osprey.ui.alerts.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osprey.detect.engine.AlertStore.Entry;

/**
 * The rows of the Alerts view: the store's entries that the {@link AlertFilter} keeps, in the order of one
 * {@link AlertColumn} (ties by arrival, so that equal rows never swap between ticks). Rebuilt from a snapshot of the
 * store on each refresh tick that follows a change: the store holds at most some ten thousand alerts, and filtering
 * and sorting those costs a few milliseconds, far less than keeping an index consistent with acknowledgements,
 * evictions and clears.
 * <p>
 * Not thread-safe: the view uses it on the UI thread.
 */
public final class AlertRows {

    private List<Entry> all = List.of();
    private List<Entry> shown = List.of();
    private AlertFilter filter = AlertFilter.ALL;
    private AlertColumn sortColumn = AlertColumn.TIME;
    private boolean ascending;
    private final Set<String> detectorIds = new TreeSet<>();
    private long newestIdSeen = -1;

    /** Takes a new snapshot of the store (oldest first) and filters and sorts it. */
    public void update(List<Entry> entries) {
        all = entries;
        if (!entries.isEmpty() && entries.get(entries.size() - 1).id() < newestIdSeen) {
            newestIdSeen = -1; // another store (the service came back): its ids start again
        }
        for (int i = entries.size() - 1; i >= 0 && entries.get(i).id() > newestIdSeen; i--) {
            detectorIds.add(entries.get(i).alert().detectorId()); // ids only grow: the new entries are at the end
        }
        if (!entries.isEmpty()) {
            newestIdSeen = Math.max(newestIdSeen, entries.get(entries.size() - 1).id());
        }
        rebuild();
    }

    public void setFilter(AlertFilter filter) {
        this.filter = filter;
        rebuild();
    }

    public AlertFilter filter() {
        return filter;
    }

    /** Sorts by a column; newest (descending) first for time, as analysts read alert lists. */
    public void sortBy(AlertColumn column, boolean ascendingOrder) {
        sortColumn = column;
        ascending = ascendingOrder;
        rebuild();
    }

    public AlertColumn sortColumn() {
        return sortColumn;
    }

    public boolean ascending() {
        return ascending;
    }

    public int size() {
        return shown.size();
    }

    public Entry get(int row) {
        return shown.get(row);
    }

    /** The rows shown, in order (unmodifiable). */
    public List<Entry> rows() {
        return Collections.unmodifiableList(shown);
    }

    /** How many entries the store held at the last update, shown or not. */
    public int total() {
        return all.size();
    }

    /** The highest id among all entries held (shown or not), or -1 when none. */
    public long newestId() {
        long newest = -1;
        for (Entry entry : all) {
            newest = Math.max(newest, entry.id());
        }
        return newest;
    }

    /** How many of the rows shown are acknowledged. */
    public int acknowledged() {
        int count = 0;
        for (Entry entry : shown) {
            if (entry.acknowledged()) {
                count++;
            }
        }
        return count;
    }

    /** The row of the entry with this id, or -1 when it is not shown. */
    public int rowOf(long id) {
        for (int row = 0; row < shown.size(); row++) {
            if (shown.get(row).id() == id) {
                return row;
            }
        }
        return -1;
    }

    /** The entry with this id among all held (shown or filtered out), or {@code null}. */
    public Entry find(long id) {
        for (Entry entry : all) {
            if (entry.id() == id) {
                return entry;
            }
        }
        return null;
    }

    /** Every detector id seen since the view opened, sorted: the detector filter's choices. */
    public List<String> detectorIds() {
        return List.copyOf(detectorIds);
    }

    private void rebuild() {
        List<Entry> kept = new ArrayList<>(all.size());
        for (Entry entry : all) {
            if (filter.matches(entry.alert())) {
                kept.add(entry);
            }
        }
        Comparator<Entry> order = sortColumn.order().thenComparingLong(Entry::id);
        kept.sort(ascending ? order : order.reversed());
        shown = kept;
    }
}
