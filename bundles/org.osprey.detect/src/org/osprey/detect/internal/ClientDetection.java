package org.osprey.detect.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.engine.DetectionEngine;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.engine.PacketSources;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamListener;

/**
 * Detection in the desktop client: a run over the client's {@link PacketStream} service feeding the
 * {@link AlertStore} service, offered as the {@link DetectionRun} service with {@code osprey.detection=client} (it
 * delegates to the current run). When the stream is cleared, the run is closed, the store emptied and a new run
 * started with fresh inspectors and the analyst's settings.
 * <p>
 * A delayed component: it starts when something gets the service (the client's alerts UI does at startup), so a
 * headless agent that has the bundle, and a DS PacketStream nobody uses, runs no detection.
 */
@Component(service = DetectionRun.class, property = ClientDetection.PROPERTY + "=" + ClientDetection.CLIENT)
public final class ClientDetection implements DetectionRun, StreamListener {

    public static final String PROPERTY = "osprey.detection";
    public static final String CLIENT = "client";

    private static final System.Logger LOG = System.getLogger(ClientDetection.class.getName());

    private final PacketStream stream;
    private final DetectionEngine engine;
    private final AlertStore store;
    private final List<Runnable> statusListeners = new CopyOnWriteArrayList<>();
    private final Runnable forwardStatus = this::fireStatusChanged;
    /** What the analyst set, re-applied to each new run. */
    private final Map<String, Map<String, Double>> settings = new ConcurrentHashMap<>();
    private volatile DetectionRun current;

    @Activate
    public ClientDetection(@Reference PacketStream stream, @Reference DetectionEngine engine,
            @Reference AlertStore store) {
        this.stream = stream;
        this.engine = engine;
        this.store = store;
        current = startRun(stream.oldestSequence());
        stream.addStreamListener(this);
    }

    private DetectionRun startRun(long fromSequence) {
        DetectionRun run;
        try {
            run = engine.start(CLIENT, PacketSources.ofStream(stream, fromSequence), store::add, settings);
        } catch (IllegalArgumentException e) {
            // a detector came back in a new version whose parameters no longer take what the analyst had set
            LOG.log(Level.WARNING, "the analyst's detector settings no longer apply, using the defaults: "
                    + e.getMessage());
            settings.clear();
            run = engine.start(CLIENT, PacketSources.ofStream(stream, fromSequence), store::add, settings);
        }
        run.addStatusListener(forwardStatus);
        return run;
    }

    @Override
    public synchronized void cleared(long nextSequence) {
        DetectionRun old = current;
        old.removeStatusListener(forwardStatus);
        old.close(); // alerts its inspectors raise while closing still go to the store, and are cleared with it
        store.clear();
        current = startRun(nextSequence);
        fireStatusChanged();
    }

    @Deactivate
    synchronized void deactivate() {
        stream.removeStreamListener(this);
        current.removeStatusListener(forwardStatus);
        current.close();
    }

    @Override
    public List<DetectorStatus> detectors() {
        return current.detectors();
    }

    @Override
    public long packetsInspected() {
        return current.packetsInspected();
    }

    @Override
    public long packetsMissed() {
        return current.packetsMissed();
    }

    @Override
    public void configure(String detectorId, Map<String, Double> values) {
        current.configure(detectorId, values);
        settings.put(detectorId, Map.copyOf(values));
    }

    @Override
    public void reinstate(String detectorId) {
        current.reinstate(detectorId);
    }

    /** Waits for the current run to end: when the client shuts down. */
    @Override
    public String awaitEnd() throws InterruptedException {
        return current.awaitEnd();
    }

    @Override
    public void addStatusListener(Runnable listener) {
        statusListeners.add(listener);
    }

    @Override
    public void removeStatusListener(Runnable listener) {
        statusListeners.remove(listener);
    }

    /** The service's users do not own the run; it ends with the component. */
    @Override
    public void close() {
    }

    private void fireStatusChanged() {
        for (Runnable listener : statusListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "status listener of the client's detection threw", e);
            }
        }
    }
}
