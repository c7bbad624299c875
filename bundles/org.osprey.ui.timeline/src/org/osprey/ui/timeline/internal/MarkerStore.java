package org.osprey.ui.timeline.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;
import org.osprey.ui.timeline.TimelineMarker;
import org.osprey.ui.timeline.TimelineMarkers;

/** The {@link TimelineMarkers} service: a bounded list of marks, emptied with the client's stream. */
@Component(service = TimelineMarkers.class)
public final class MarkerStore implements TimelineMarkers {

    private final ArrayDeque<TimelineMarker> markers = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final StreamListener clearWithStream = nextSequence -> clear();

    @Reference
    private PacketStream stream;

    @Activate
    void activate() {
        stream.addStreamListener(clearWithStream);
    }

    @Deactivate
    void deactivate() {
        stream.removeStreamListener(clearWithStream);
    }

    @Override
    public void add(TimelineMarker marker) {
        synchronized (markers) {
            if (markers.size() == CAPACITY) {
                markers.removeFirst();
            }
            markers.addLast(marker);
        }
        fireChanged();
    }

    @Override
    public void clear() {
        synchronized (markers) {
            markers.clear();
        }
        fireChanged();
    }

    @Override
    public List<TimelineMarker> snapshot() {
        synchronized (markers) {
            return List.copyOf(markers);
        }
    }

    @Override
    public List<TimelineMarker> between(long fromNanos, long toNanos) {
        List<TimelineMarker> found = new ArrayList<>();
        synchronized (markers) {
            for (TimelineMarker marker : markers) {
                if (marker.timestampNanos() >= fromNanos && marker.timestampNanos() < toNanos) {
                    found.add(marker);
                }
            }
        }
        return found;
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    private void fireChanged() {
        for (Listener listener : listeners) {
            listener.markersChanged();
        }
    }
}
