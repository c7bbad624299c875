package org.osprey.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.engine.AlertStore.Entry;

class AlertStoreTest {

    private static Alert alert(Severity severity, long... sequences) {
        Alert.Builder builder = Alert.builder("test", 1, "test").severity(severity);
        for (long sequence : sequences) {
            builder.sequence(sequence);
        }
        return builder.build();
    }

    @Test
    void keepsTheNewestAlertsWithContiguousIds() {
        AlertStoreImpl store = new AlertStoreImpl(3, 100);
        AtomicInteger changes = new AtomicInteger();
        store.addListener(changes::incrementAndGet);
        for (int i = 0; i < 5; i++) {
            store.add(alert(Severity.LOW, i));
        }
        assertEquals(List.of(3L, 4L, 5L), store.entries().stream().map(Entry::id).toList());
        assertEquals(List.of(5L), store.entriesAfter(4).stream().map(Entry::id).toList());
        assertEquals(List.of(3L, 4L, 5L), store.entriesAfter(0).stream().map(Entry::id).toList());
        assertEquals(List.of(), store.entriesAfter(5));
        assertEquals(5, changes.get());

        store.acknowledge(4, true);
        assertTrue(store.entries().get(1).acknowledged());
        store.acknowledge(1, true); // gone: nothing happens
        assertEquals(6, changes.get());

        store.clear();
        assertEquals(List.of(), store.entries());
        store.add(alert(Severity.LOW, 9));
        assertEquals(6, store.entries().get(0).id(), "ids are never reused");
    }

    @Test
    void severityOfAPacketIsTheHighestOfTheAlertsNamingItAndTheIndexIsBounded() {
        AlertStoreImpl store = new AlertStoreImpl(100, 4);
        store.add(alert(Severity.LOW, 10, 11));
        store.add(alert(Severity.HIGH, 11));
        store.add(alert(Severity.MEDIUM, 11, 12));
        assertEquals(Severity.LOW, store.severityOf(10));
        assertEquals(Severity.HIGH, store.severityOf(11));
        assertEquals(Severity.MEDIUM, store.severityOf(12));
        assertNull(store.severityOf(13));
        store.add(alert(Severity.INFO, 20, 21));
        assertNull(store.severityOf(10), "the oldest indexed packet was forgotten");
        assertEquals(Severity.INFO, store.severityOf(21));
        store.clear();
        assertNull(store.severityOf(11));
    }

    private static Alert scan(String attacker, String victim, long seconds, long... sequences) {
        Alert.Builder builder = Alert.builder("osprey.portscan", 1, "TCP SYN port scan").severity(Severity.HIGH)
                .source(attacker, Alert.NO_PORT).destination(victim, Alert.NO_PORT)
                .timestampNanos(seconds * 1_000_000_000L);
        for (long sequence : sequences) {
            builder.sequence(sequence);
        }
        return builder.build();
    }

    @Test
    void theAgentsAlertForWhatTheClientAlsoDetectedIsOneEntry() {
        AlertStoreImpl store = new AlertStoreImpl(100, 100);
        store.add(scan("10.0.0.9", "10.0.0.1", 100, 7, 8));
        store.addAgentAlert(scan("10.0.0.9", "10.0.0.1", 101), "agent sensor:7443");

        List<Entry> entries = store.entries();
        assertEquals(1, entries.size(), "one detection, one entry");
        assertEquals("agent sensor:7443", entries.get(0).alert().evidence().get(AlertStore.ALSO_RAISED_BY));
        assertEquals(2, entries.get(0).alert().sequenceCount(), "the client's packets stay marked");

        store.addAgentAlert(scan("10.0.0.9", "10.0.0.1", 102), "agent sensor:7443");
        assertEquals(2, store.entries().size(), "a second agent alert finds no twin left: listed");
    }

    @Test
    void theClientsAlertTakesThePlaceOfTheAgentsTwinThatCameFirst() {
        AlertStoreImpl store = new AlertStoreImpl(100, 100);
        store.addAgentAlert(scan("10.0.0.9", "10.0.0.1", 100), "agent sensor:7443");
        store.acknowledge(1, true);
        store.add(scan("10.0.0.9", "10.0.0.1", 130, 5));

        List<Entry> entries = store.entries();
        assertEquals(1, entries.size());
        Entry entry = entries.get(0);
        assertEquals(1, entry.id(), "the same entry, so a selection or acknowledgement stays on it");
        assertTrue(entry.acknowledged());
        assertEquals("agent sensor:7443", entry.alert().evidence().get(AlertStore.ALSO_RAISED_BY));
        assertEquals(Severity.HIGH, store.severityOf(5), "its packet is marked in the table");
    }

    @Test
    void otherDetectionsAreNoTwins() {
        AlertStoreImpl store = new AlertStoreImpl(100, 100);
        store.add(scan("10.0.0.9", "10.0.0.1", 100));
        store.addAgentAlert(scan("10.0.0.9", "10.0.0.2", 100), "agent a"); // another victim
        store.addAgentAlert(scan("10.0.0.9", "10.0.0.1", 100 + 61), "agent a"); // over a minute later
        store.add(scan("10.0.0.9", "10.0.0.1", 100)); // the client's own repeat is not merged into its own
        assertEquals(4, store.entries().size());
        assertNull(store.entries().get(0).alert().evidence().get(AlertStore.ALSO_RAISED_BY));
    }
}
