package org.osprey.ui.timeline;

import java.util.List;

/**
 * The marks the timeline draws, an OSGi service (Declarative Services) of this bundle: whoever has something to show
 * on the timeline (the alerts engine of issue 5, say) gets it with {@code @Reference} in a DS component or
 * {@code @Inject} in an e4 part and calls {@link #add}. Every method may be called from any thread and returns at once;
 * the timeline redraws on its next refresh tick.
 * <p>
 * The service keeps the newest {@value #CAPACITY} marks (the oldest go first) and forgets all of them when the client's
 * {@code PacketStream} is cleared: marks point at packets, and those are gone.
 */
public interface TimelineMarkers {

    /** How many marks are kept at most, so that an alert flood cannot grow the heap. */
    int CAPACITY = 10_000;

    /** Told (on the thread that changed the marks) that marks were added or cleared. */
    @FunctionalInterface
    interface Listener {
        void markersChanged();
    }

    void add(TimelineMarker marker);

    /** Removes every mark. */
    void clear();

    /** The marks held now, in the order they were added. */
    List<TimelineMarker> snapshot();

    /** The marks with {@code fromNanos <= timestampNanos < toNanos}, in the order they were added. */
    List<TimelineMarker> between(long fromNanos, long toNanos);

    void addListener(Listener listener);

    void removeListener(Listener listener);
}
