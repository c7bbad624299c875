package org.osprey.detect.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osprey.detect.Detector;
import org.osprey.detect.engine.AlertListener;
import org.osprey.detect.engine.DetectionEngine;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.PacketSource;

/**
 * The detection engine without OSGi: a list of detectors that may change while runs go on, the runs, and one watchdog
 * thread that looks for calls into detectors that do not return. The DS service ({@link DetectionEngineComponent})
 * and the SDK's replay harness both use it.
 */
public class Engine implements DetectionEngine {

    private final EngineBudgets budgets;
    private final List<Detector> detectors = new CopyOnWriteArrayList<>();
    private final Set<Run> runs = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    public Engine(EngineBudgets budgets) {
        this.budgets = budgets;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "osprey-detect watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), budgets.stallNanos() / 10);
        watchdog.scheduleWithFixedDelay(this::checkStalls, period, period, TimeUnit.NANOSECONDS);
    }

    public EngineBudgets budgets() {
        return budgets;
    }

    /** A detector appeared: every run takes it in from its next batch. */
    public synchronized void addDetector(Detector detector) {
        // by identity: two services may well be equal objects (records), and each is a detector of its own
        if (detectors.stream().noneMatch(known -> known == detector)) {
            detectors.add(detector);
            runs.forEach(run -> run.join(detector));
        }
    }

    /** A detector went away: every run closes its inspector and lists it as removed. */
    public synchronized void removeDetector(Detector detector) {
        detectors.removeIf(known -> known == detector);
        runs.forEach(run -> run.leave(detector));
    }

    @Override
    public List<Detector> detectors() {
        return List.copyOf(detectors);
    }

    @Override
    public DetectionRun start(String name, PacketSource source, AlertListener listener) {
        return start(name, source, listener, Map.of());
    }

    @Override
    public DetectionRun start(String name, PacketSource source, AlertListener listener,
            Map<String, Map<String, Double>> settings) {
        Run run = new Run(name, source, listener, budgets, detectors(), settings, runs::remove);
        runs.add(run);
        // a detector added between the snapshot above and this line joins twice; the run ignores the second
        detectors.forEach(run::join);
        run.startWorker();
        return run;
    }

    /** Closes every run and stops the watchdog. */
    public void shutdown() {
        runs.forEach(Run::close);
        watchdog.shutdownNow();
    }

    private void checkStalls() {
        long now = System.nanoTime();
        for (Run run : runs) {
            run.checkStall(now);
        }
    }
}
