package org.osprey.detect.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore;

/**
 * The client's alerts: a ring of the newest {@link #DEFAULT_CAPACITY} entries with ids that go up by one, and an
 * index from packet sequence number to the highest severity of the alerts naming it, bounded too (the packets of
 * older alerts are forgotten first). One lock; listeners are called outside it.
 */
@Component(service = AlertStore.class)
public final class AlertStoreImpl implements AlertStore {

    public static final int DEFAULT_CAPACITY = 10_000;
    /** Packets indexed at most: {@link Alert#MAX_SEQUENCES} per alert for the newest alerts. */
    public static final int DEFAULT_INDEXED_PACKETS = 200_000;

    private static final System.Logger LOG = System.getLogger(AlertStoreImpl.class.getName());

    private final Entry[] ring;
    private final int indexedPackets;
    /** Id of the oldest entry held, and how many are held; ids are contiguous from there. */
    private long firstId = 1;
    private int count;
    private final Map<Long, Severity> severityBySequence;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public AlertStoreImpl() {
        this(DEFAULT_CAPACITY, DEFAULT_INDEXED_PACKETS);
    }

    public AlertStoreImpl(int capacity, int indexedPackets) {
        if (capacity <= 0 || indexedPackets <= 0) {
            throw new IllegalArgumentException("capacity and indexed packets must be positive");
        }
        this.ring = new Entry[capacity];
        this.indexedPackets = indexedPackets;
        this.severityBySequence = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Severity> eldest) {
                return size() > AlertStoreImpl.this.indexedPackets;
            }
        };
    }

    @Override
    public void add(Alert alert) {
        synchronized (this) {
            long id = firstId + count;
            if (count == ring.length) {
                firstId++;
            } else {
                count++;
            }
            ring[slot(id)] = new Entry(id, alert, false);
            Severity severity = alert.severity();
            for (int i = 0; i < alert.sequenceCount(); i++) {
                severityBySequence.merge(alert.sequence(i), severity,
                        (held, added) -> added.isAtLeast(held) ? added : held);
            }
        }
        fireChanged();
    }

    @Override
    public synchronized List<Entry> entries() {
        return entriesAfter(firstId - 1);
    }

    @Override
    public synchronized List<Entry> entriesAfter(long afterId) {
        long from = Math.max(afterId + 1, firstId);
        long end = firstId + count;
        List<Entry> entries = new ArrayList<>((int) Math.max(0, end - from));
        for (long id = from; id < end; id++) {
            entries.add(ring[slot(id)]);
        }
        return entries;
    }

    @Override
    public synchronized Severity severityOf(long sequence) {
        return severityBySequence.get(sequence);
    }

    @Override
    public void acknowledge(long id, boolean acknowledged) {
        synchronized (this) {
            if (id < firstId || id >= firstId + count) {
                return; // gone already: nothing to mark
            }
            Entry entry = ring[slot(id)];
            if (entry.acknowledged() == acknowledged) {
                return;
            }
            ring[slot(id)] = new Entry(id, entry.alert(), acknowledged);
        }
        fireChanged();
    }

    @Override
    public void clear() {
        synchronized (this) {
            firstId += count;
            count = 0;
            java.util.Arrays.fill(ring, null);
            severityBySequence.clear();
        }
        fireChanged();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private int slot(long id) {
        return (int) Math.floorMod(id, (long) ring.length);
    }

    private void fireChanged() {
        for (Listener listener : listeners) {
            try {
                listener.alertsChanged();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "alert store listener threw", e);
            }
        }
    }
}
