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

    /** Adds an alert of the client's own detection. */
    void add(Alert alert);

    /**
     * Adds an alert that an agent's detection raised and sent. When the client's detection raised the same one (same
     * detector, signature, source and destination, within {@link #TWIN_WINDOW_NANOS} of packet time), the analyst sees
     * one alert, not two: the entry held gains the evidence {@code "also raised by"}, whichever came first (the
     * client's own alert is kept, since its packet numbers are this stream's).
     *
     * @param agent the agent in words, e.g. "sensor-1:7443"
     */
    void addAgentAlert(Alert alert, String agent);

    /** How far apart in packet time an agent's alert and the client's may be and still be one detection. */
    long TWIN_WINDOW_NANOS = 60_000_000_000L;

    /** The evidence key naming the agent that raised the same alert as the client. */
    String ALSO_RAISED_BY = "also raised by";

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
