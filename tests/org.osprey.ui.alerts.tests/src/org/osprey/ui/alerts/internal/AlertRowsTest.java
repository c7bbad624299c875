package org.osprey.ui.alerts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore.Entry;
import org.osprey.ui.preferences.OspreyPreferences;

/** Filtering and sorting of the Alerts view's rows, on hand-made alerts whose expected order is obvious. */
class AlertRowsTest {

    private final List<Entry> entries = new ArrayList<>();

    private void add(Severity severity, String detector, String source, String destination, long seconds,
            int packets) {
        Alert.Builder builder = Alert.builder(detector, 1, detector + " finding").severity(severity)
                .source(source, Alert.NO_PORT).destination(destination, 80).timestampNanos(seconds * 1_000_000_000L);
        for (int i = 0; i < packets; i++) {
            builder.sequence(i);
        }
        entries.add(new Entry(entries.size() + 1, builder.build(), false));
    }

    private List<Entry> sample() {
        add(Severity.LOW, "osprey.portscan", "10.0.0.5", "10.0.0.9", 10, 3);
        add(Severity.HIGH, "osprey.synflood", "203.0.113.7", "10.10.10.10", 12, 40);
        add(Severity.MEDIUM, "osprey.portscan", "10.0.0.6", "192.168.1.25", 11, 7);
        add(Severity.CRITICAL, "osprey.creds", "192.168.1.10", "10.0.0.5", 13, 1);
        add(Severity.INFO, "osprey.beacon", "10.0.0.50", null, 9, 0);
        return entries;
    }

    private static long[] ids(AlertRows rows) {
        return rows.rows().stream().mapToLong(Entry::id).toArray();
    }

    @Test
    void newestFirstByDefault() {
        AlertRows rows = new AlertRows();
        rows.update(sample());
        assertEquals("[4, 2, 3, 1, 5]", Arrays.toString(ids(rows)));
        assertEquals(AlertColumn.TIME, rows.sortColumn());
    }

    @Test
    void sortsByEachColumnBothWaysWithArrivalBreakingTies() {
        AlertRows rows = new AlertRows();
        rows.update(sample());
        rows.sortBy(AlertColumn.SEVERITY, false);
        assertEquals("[4, 2, 3, 1, 5]", Arrays.toString(ids(rows)));
        rows.sortBy(AlertColumn.SEVERITY, true);
        assertEquals("[5, 1, 3, 2, 4]", Arrays.toString(ids(rows)));
        rows.sortBy(AlertColumn.DETECTOR, true);
        assertEquals("[5, 4, 1, 3, 2]", Arrays.toString(ids(rows)), "ties (two portscan rows) in arrival order");
        rows.sortBy(AlertColumn.PACKETS, false);
        assertEquals("[2, 3, 1, 4, 5]", Arrays.toString(ids(rows)));
        rows.sortBy(AlertColumn.DESTINATION, true);
        assertEquals("[5, 4, 1, 2, 3]", Arrays.toString(ids(rows)), "no destination sorts first");
    }

    @Test
    void filtersBySeverityDetectorAndHost() {
        AlertRows rows = new AlertRows();
        rows.update(sample());
        rows.setFilter(AlertFilter.ALL.withMinimumSeverity(Severity.MEDIUM));
        assertEquals("[4, 2, 3]", Arrays.toString(ids(rows)));
        rows.setFilter(rows.filter().withDetector("osprey.portscan"));
        assertEquals("[3]", Arrays.toString(ids(rows)));
        rows.setFilter(AlertFilter.ALL.withHost(" 10.0.0.5 "));
        assertEquals("[4, 1]", Arrays.toString(ids(rows)), "as source or as destination, and not 10.0.0.50");
        rows.setFilter(AlertFilter.ALL.withHost("10.0.0"));
        assertEquals("[4, 3, 1, 5]", Arrays.toString(ids(rows)), "the start of an address up to a dot");
        rows.setFilter(AlertFilter.ALL.withHost("192.168.1."));
        assertEquals("[4, 3]", Arrays.toString(ids(rows)), "a network prefix");
        assertEquals(5, rows.total());
        assertEquals(List.of("osprey.beacon", "osprey.creds", "osprey.portscan", "osprey.synflood"),
                rows.detectorIds());
    }

    @Test
    void findsEntriesByIdShownOrNot() {
        AlertRows rows = new AlertRows();
        rows.update(sample());
        rows.setFilter(AlertFilter.ALL.withMinimumSeverity(Severity.HIGH));
        assertEquals(-1, rows.rowOf(1));
        assertEquals(1, rows.find(1).id());
        assertNull(rows.find(99));
        assertEquals(5, rows.newestId());
    }

    @Test
    void endpointsShowPortsAndBracketIpv6() {
        assertEquals("10.0.0.1:80", AlertColumn.endpoint("10.0.0.1", 80));
        assertEquals("10.0.0.0/24", AlertColumn.endpoint("10.0.0.0/24", Alert.NO_PORT));
        assertEquals("[2001:db8::1]:443", AlertColumn.endpoint("2001:db8::1", 443));
        assertEquals("", AlertColumn.endpoint(null, 80));
    }

    @Test
    void thePreferencesKnowTheSeverityNamesOfTheSpi() {
        assertEquals(Arrays.stream(Severity.values()).map(Severity::name).toList(), OspreyPreferences.SEVERITY_NAMES);
    }
}
