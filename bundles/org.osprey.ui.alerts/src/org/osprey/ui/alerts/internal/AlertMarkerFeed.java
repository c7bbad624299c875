package org.osprey.ui.alerts.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore;
import org.osprey.ui.timeline.TimelineMarker;
import org.osprey.ui.timeline.TimelineMarkers;

/**
 * Puts each alert of the client's {@link AlertStore} on the timeline: a mark at the alert's packet time, coloured by
 * its severity, that selects its packets when clicked. A DS component, so marks are fed whether or not a view is open.
 * <p>
 * The store tells that something changed, not what; the feed takes the entries after the last one it marked. A
 * cleared store (the stream was cleared: the timeline forgets its marks by itself) starts the count again.
 */
@Component(service = {})
public final class AlertMarkerFeed {

    private final AlertStore.Listener listener = this::alertsChanged;
    private final AlertStore store;
    private final TimelineMarkers markers;
    /** The id of the newest entry marked; guarded by this. */
    private long lastMarkedId = -1;

    @Activate
    public AlertMarkerFeed(@Reference AlertStore store, @Reference TimelineMarkers markers) {
        this.store = store;
        this.markers = markers;
        store.addListener(listener);
        alertsChanged(); // alerts raised before the feed started
    }

    @Deactivate
    void deactivate() {
        store.removeListener(listener);
    }

    /** Maps an alert's severity onto the timeline's three: INFO and LOW are low, HIGH and CRITICAL high. */
    public static TimelineMarker.Severity markerSeverity(Severity severity) {
        return switch (severity) {
            case INFO, LOW -> TimelineMarker.Severity.LOW;
            case MEDIUM -> TimelineMarker.Severity.MEDIUM;
            case HIGH, CRITICAL -> TimelineMarker.Severity.HIGH;
        };
    }

    /** The mark of one alert: its time, severity, "SEVERITY signature: message" and its packets. */
    public static TimelineMarker marker(Alert alert) {
        String label = alert.severity() + " " + alert.signature() + ": " + alert.message();
        return new TimelineMarker(alert.timestampNanos(), markerSeverity(alert.severity()), label, alert.sequences());
    }

    /** Called on the thread that changed the store (the detection run's): marks the new entries, in order. */
    private synchronized void alertsChanged() {
        List<AlertStore.Entry> entries = store.entriesAfter(lastMarkedId);
        if (entries.isEmpty()) {
            // nothing newer: an acknowledgement, a clear, or a store that numbers afresh after a clear
            List<AlertStore.Entry> held = store.entries();
            if (held.isEmpty() || held.get(held.size() - 1).id() >= lastMarkedId) {
                return;
            }
            entries = held;
        }
        for (AlertStore.Entry entry : entries) {
            markers.add(marker(entry.alert()));
            lastMarkedId = entry.id();
        }
    }
}
