package org.osprey.ui.alerts.internal;

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
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.ui.preferences.OspreyPreferences;

/**
 * Gives the client's detection run the detector settings the analyst stored (Detectors view, kept in
 * {@link OspreyPreferences#detectorSettings}): once for each detector, when the run service appears or when the
 * detector first joins it. The run keeps what it was given for its later restarts (a cleared stream), and whatever
 * configures the run afterwards (the Detectors view, which stores first) is not overridden. A DS component, so
 * settings apply whether or not the Detectors view is open; it is also what starts the client's detection at start.
 * <p>
 * The run's status changes on its own thread; the applier looks at it on a thread of its own, coalescing changes that
 * come while it works. A stored value the detector no longer accepts (its range changed in a new version) is reported
 * and left out: the detector runs with its defaults.
 */
@Component(service = {})
public final class DetectorSettingsApplier {

    /** The service property that marks the client's detection run. */
    public static final String CLIENT_RUN_FILTER = "(osprey.detection=client)";

    private final OspreyPreferences preferences = new OspreyPreferences();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("osprey-detector-settings").daemon().factory());
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable statusListener = this::schedule;
    /** The detectors whose stored settings the current run was given. Worker thread only. */
    private final Set<String> applied = new HashSet<>();
    private volatile DetectionRun run;

    @Reference(target = CLIENT_RUN_FILTER, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC)
    void bindRun(DetectionRun newRun) {
        run = newRun;
        newRun.addStatusListener(statusListener);
        worker.execute(applied::clear); // a new run service: every detector gets its settings again
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
            if (status.state() == DetectorStatus.State.REMOVED || !applied.add(status.id())) {
                continue;
            }
            Map<String, Double> stored = preferences.detectorSettings(status.id());
            if (stored.isEmpty()) {
                continue;
            }
            try {
                current.configure(status.id(), stored);
            } catch (IllegalArgumentException e) {
                ILog.of(DetectorSettingsApplier.class).warn("The stored settings of detector " + status.id()
                        + " do not fit it (" + e.getMessage() + "); it runs with its defaults until they are set"
                        + " again in the Detectors view.");
            }
        }
    }
}
