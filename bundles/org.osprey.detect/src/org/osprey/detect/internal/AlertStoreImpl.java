package org.osprey.detect.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore;

/**
 * The client's alerts: a ring of the newest {@link #DEFAULT_CAPACITY} entries with ids that go up by one, and an
 * index from packet sequence number to the highest severity of the alerts naming it, bounded too (the packets of
 * older alerts are forgotten first). One lock; listeners are called outside it.
 * <p>
 * Twins (the same alert from the client's detection and from the agent's) are looked for among the newest
 * {@link #TWIN_SEARCH} entries only: both sides raise an alert moments after the same packets, and hygiene keeps
 * alerts rare, so a twin further back is an older detection, not this one.
 */
@Component(service = AlertStore.class)
public final class AlertStoreImpl implements AlertStore {

    public static final int DEFAULT_CAPACITY = 10_000;
    /** Packets indexed at most: {@link Alert#MAX_SEQUENCES} per alert for the newest alerts. */
    public static final int DEFAULT_INDEXED_PACKETS = 200_000;

    static final int TWIN_SEARCH = 256;

    private static final System.Logger LOG = System.getLogger(AlertStoreImpl.class.getName());

    private final Entry[] ring;
    /** Per slot: the agent that raised the entry's alert, or {@code null} for the client's own detection. */
    private final String[] agentOf;
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
        this.agentOf = new String[capacity];
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
            long twin = findTwin(alert, true);
            if (twin < 0) {
                append(alert, null);
            } else { // the agent's came first: the client's takes its place, with this stream's packet numbers
                Entry held = ring[slot(twin)];
                String agent = agentOf[slot(twin)];
                ring[slot(twin)] = new Entry(twin, alert.toBuilder().evidence(ALSO_RAISED_BY, agent).build(),
                        held.acknowledged());
                agentOf[slot(twin)] = null;
                indexPackets(alert);
            }
        }
        fireChanged();
    }

    @Override
    public void addAgentAlert(Alert alert, String agent) {
        synchronized (this) {
            long twin = findTwin(alert, false);
            if (twin < 0) {
                append(alert, agent);
            } else {
                Entry held = ring[slot(twin)];
                ring[slot(twin)] = new Entry(twin, held.alert().toBuilder().evidence(ALSO_RAISED_BY, agent).build(),
                        held.acknowledged());
            }
        }
        fireChanged();
    }

    private void append(Alert alert, String agent) {
        long id = firstId + count;
        if (count == ring.length) {
            firstId++;
        } else {
            count++;
        }
        ring[slot(id)] = new Entry(id, alert, false);
        agentOf[slot(id)] = agent;
        indexPackets(alert);
    }

    private void indexPackets(Alert alert) {
        Severity severity = alert.severity();
        for (int i = 0; i < alert.sequenceCount(); i++) {
            severityBySequence.merge(alert.sequence(i), severity,
                    (held, added) -> added.isAtLeast(held) ? added : held);
        }
    }

    /**
     * The id of the newest entry that is the same detection as the alert and not merged yet, among the agents' entries
     * or among the client's own, or -1.
     */
    private long findTwin(Alert alert, boolean amongAgents) {
        long end = firstId + count;
        for (long id = end - 1; id >= Math.max(firstId, end - TWIN_SEARCH); id--) {
            int slot = slot(id);
            boolean agents = agentOf[slot] != null;
            Alert held = ring[slot].alert();
            if (agents == amongAgents && (amongAgents || !held.evidence().containsKey(ALSO_RAISED_BY))
                    && sameDetection(held, alert)) {
                return id;
            }
        }
        return -1;
    }

    private static boolean sameDetection(Alert a, Alert b) {
        return a.detectorId().equals(b.detectorId()) && a.signatureId() == b.signatureId()
                && Objects.equals(a.sourceAddress(), b.sourceAddress())
                && Objects.equals(a.destinationAddress(), b.destinationAddress())
                && Math.abs(a.timestampNanos() - b.timestampNanos()) <= TWIN_WINDOW_NANOS;
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
            java.util.Arrays.fill(agentOf, null);
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
