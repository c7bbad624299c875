package org.osprey.ui.alerts.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.ILog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.ui.preferences.OspreyPreferences;

/**
 * Gives the client's detection run the detector settings the analyst stored (Detectors view, kept in
 * {@link OspreyPreferences#detectorSettings}): when the run appears, when a detector joins it, and when it starts
 * afresh with defaults (a cleared stream restarts it). A DS component, so settings apply whether or not the Detectors
 * view is open.
 * <p>
 * The run's status changes on its own thread; the applier compares and configures on a thread of its own, coalescing
 * changes that come while it works. A stored value the detector no longer accepts (its range changed in a new
 * version) is reported once and left out; a detector whose settings do not take after {@value #MAX_ATTEMPTS} attempts
 * is left alone, so that the applier can never loop against the engine.
 */
@Component(service = {})
public final class DetectorSettingsApplier {

    /** The service property that marks the client's detection run. */
    public static final String CLIENT_RUN_FILTER = "(osprey.detection=client)";

    private static final int MAX_ATTEMPTS = 3;

    private final OspreyPreferences preferences = new OspreyPreferences();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("osprey-detector-settings").daemon().factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable statusListener = this::schedule;
    /** Per detector id: configure calls since its settings last matched the stored ones. Worker thread only. */
    private final Map<String, Integer> attempts = new HashMap<>();
    private volatile DetectionRun run;
    /** Detector ids already warned about (worker thread only), so that a bad stored value is reported once, not on every change. */
    private final Set<String> warned = new HashSet<>();

    @Reference(target = CLIENT_RUN_FILTER, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    void bindRun(DetectionRun newRun) {
        run = newRun;
        newRun.addStatusListener(statusListener);
        schedule();
    }

    void unbindRun(DetectionRun oldRun) {
        oldRun.removeStatusListener(statusListener);
        if (run == oldRun) {
            run = null;
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true) && !worker.isShutdown()) {
            worker.execute(() -> {
                scheduled.set(false);
                applyTo(run);
            });
        }
    }

    private void applyTo(DetectionRun current) {
        if (current == null) {
            return;
        }
        for (DetectorStatus status : current.detectors()) {
            if (status.state() == DetectorStatus.State.REMOVED) {
                continue;
            }
            Map<String, Double> stored = preferences.detectorSettings(status.id());
            DetectorSettings wanted;
            try {
                wanted = DetectorSettings.of(status.parameters(), stored);
            } catch (IllegalArgumentException e) {
                warnOnce(status.id(), "The stored settings of detector " + status.id() + " do not fit it any more ("
                        + e.getMessage() + "); it runs with its defaults until they are set again.");
                continue;
            }
            if (wanted.equals(status.settings())) {
                attempts.remove(status.id());
                warned.remove(status.id());
                continue;
            }
            int attempt = attempts.merge(status.id(), 1, Integer::sum);
            if (attempt > MAX_ATTEMPTS) {
                warnOnce(status.id(), "Detector " + status.id() + " keeps settings " + status.settings()
                        + " instead of the stored " + wanted + "; not trying again.");
                continue;
            }
            try {
                current.configure(status.id(), stored);
            } catch (IllegalArgumentException e) {
                warnOnce(status.id(), "Cannot apply the stored settings of detector " + status.id() + ": "
                        + e.getMessage());
            }
        }
    }

    private void warnOnce(String detectorId, String message) {
        if (warned.add(detectorId)) {
            ILog.of(DetectorSettingsApplier.class).warn(message);
        }
    }
}
