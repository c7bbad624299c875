package org.osprey.detect.engine;

import java.util.List;

import org.osprey.detect.Alert;
import org.osprey.detect.Severity;

/**
 * The client's alerts, as the views see them: the alerts of the detection run on the client's stream (and those the
 * agent sends), bounded (the oldest go first), with acknowledgement. Thread-safe.
 */
public interface AlertStore {

    /** An alert as stored: a number unique in this store, and whether the analyst acknowledged it. */
    record Entry(long id, Alert alert, boolean acknowledged) {
    }

    /** Listens to changes; called on the thread that changed the store, so hand UI work to the UI refresher. */
    interface Listener {
        void alertsChanged();
    }

    void add(Alert alert);

    /** Every entry held, oldest first. */
    List<Entry> entries();

    /** Entries with an id above {@code afterId}, oldest first, for views that poll on their tick. */
    List<Entry> entriesAfter(long afterId);

    /**
     * The highest severity of the alerts that name the packet with this sequence number of the client's stream, or
     * {@code null}; cheap enough to call for each visible row on every repaint.
     */
    Severity severityOf(long sequence);

    void acknowledge(long id, boolean acknowledged);

    /** Empties the store (the stream was cleared or a new session began). */
    void clear();

    void addListener(Listener listener);

    void removeListener(Listener listener);
}
