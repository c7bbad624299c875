package org.osprey.detect.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.engine.AlertListener;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.engine.DetectorStatus.State;
import org.osprey.detect.engine.PacketSource;
import org.osprey.detect.internal.DetectorSlot.InspectorContext;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;

/**
 * One detection run. A worker thread pulls batches from the source and hands each batch to each active detector in
 * turn (detector by detector, so that a detector's time is measured once per batch and a stuck detector is a point
 * the run can resume from).
 * <p>
 * Everything the worker does is a resumable step kept in fields ({@link #phase}, {@link #cursor}): when the watchdog
 * finds a call into a detector that has not returned within the stall budget, it marks that worker abandoned,
 * quarantines the detector and starts a fresh worker, which carries on with the next detector of the same batch. The
 * abandoned thread, if it ever comes back, sees it was abandoned at its next step and ends without touching the run;
 * alerts it raises are dropped. So no other detector loses a packet or sees one twice.
 * <p>
 * Changes from other threads (a detector joins or leaves, a reinstatement) are queued and applied by the worker
 * between batches.
 */
final class Run implements DetectionRun {

    private static final System.Logger LOG = System.getLogger(Run.class.getName());
    private static final long SECOND = 1_000_000_000L;

    private enum Phase { READ, BATCH, FINISH }

    /** A thread working for the run. Its monitor guards the call in progress, shared with the watchdog. */
    private static final class Worker {
        Thread thread;
        volatile boolean abandoned;
        DetectorSlot inCall;
        String callName;
        long callStart;
    }

    private final String name;
    private final PacketSource source;
    private final AlertListener listener;
    private final EngineBudgets budgets;
    private final Consumer<Run> onEnd;
    private final List<DetectorSlot> slots = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Consumer<Worker>> commands = new ConcurrentLinkedQueue<>();
    private final List<Runnable> statusListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final PacketSummary[] batch;

    // The worker's resumable state: written by the current worker only (handed over through the worker's monitor).
    private Phase phase = Phase.READ;
    private int cursor;
    private int batchCount;
    private long lastPacketTime;
    private boolean sawPacket;

    private volatile Worker worker;
    private volatile boolean closeRequested;
    private volatile long packetsInspected;
    private volatile String endReason;

    Run(String name, PacketSource source, AlertListener listener, EngineBudgets budgets, List<Detector> detectors,
            Map<String, Map<String, Double>> settings, Consumer<Run> onEnd) {
        this.name = name;
        this.source = source;
        this.listener = listener;
        this.budgets = budgets;
        this.onEnd = onEnd;
        this.batch = new PacketSummary[budgets.batchSize()];
        for (Detector detector : detectors) {
            DetectorSlot slot = newSlot(detector);
            if (slot != null) {
                slots.add(slot);
                commands.add(me -> startInspector(me, slot));
            }
        }
        settings.forEach((id, values) -> {
            if (indexOf(id) >= 0) {
                configure(id, values);
            }
        });
    }

    void startWorker() {
        Worker next = new Worker();
        next.thread = new Thread(() -> work(next), "osprey-detect " + name);
        next.thread.setDaemon(true);
        worker = next;
        next.thread.start();
    }

    // ---- the worker ----

    private void work(Worker me) {
        try {
            while (!me.abandoned) {
                switch (phase) {
                    case READ -> read(me);
                    case BATCH -> {
                        inspectBatch(me);
                        if (!me.abandoned) {
                            phase = Phase.READ;
                        }
                    }
                    case FINISH -> {
                        finish(me);
                        if (!me.abandoned) {
                            end();
                        }
                        return;
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            // a bug of the engine's own (detectors' exceptions are caught where they are called)
            LOG.log(Level.ERROR, "detection run " + name + " failed", e);
            if (!me.abandoned) {
                endReason = "engine error: " + e;
                end();
            }
        }
    }

    private void read(Worker me) {
        runCommands(me);
        if (me.abandoned) {
            return;
        }
        if (closeRequested) {
            phase = Phase.FINISH;
            cursor = 0;
            return;
        }
        int count;
        try {
            count = source.next(batch);
        } catch (IOException | RuntimeException e) {
            endReason = e.getMessage() != null ? e.getMessage() : e.toString();
            count = PacketSource.END;
        }
        if (count == PacketSource.END) {
            phase = Phase.FINISH;
            cursor = 0;
        } else if (count == 0) {
            LockSupport.parkNanos(budgets.idleWaitNanos());
        } else {
            batchCount = count;
            for (int i = 0; i < count; i++) { // the latest, not the last: captures merged from several are not sorted
                long time = batch[i].timestampNanos();
                lastPacketTime = sawPacket ? Math.max(lastPacketTime, time) : time;
                sawPacket = true;
            }
            packetsInspected += count;
            cursor = 0;
            phase = Phase.BATCH;
        }
    }

    /** Hands the batch to each active detector from {@link #cursor} on. */
    private void inspectBatch(Worker me) {
        while (cursor < slots.size()) {
            DetectorSlot slot = slots.get(cursor++);
            if (slot.isActive()) {
                inspect(me, slot);
                if (me.abandoned) {
                    return;
                }
            }
        }
        for (int i = 0; i < batchCount; i++) {
            batch[i] = null; // let the packets go; a ring source's copies must not outlive the ring
        }
    }

    private void inspect(Worker me, DetectorSlot slot) {
        if (!enter(me, slot, "inspect")) {
            return;
        }
        PacketInspector inspector = slot.inspector;
        DisplayFilter filter = slot.filter;
        int offered = 0;
        int inspected = 0;
        Throwable failure = null;
        try {
            for (int i = 0; i < batchCount; i++) {
                PacketSummary packet = batch[i];
                long time = packet.timestampNanos();
                slot.packetTime = time;
                if (time >= slot.nextTick) {
                    if (slot.nextTick != Long.MIN_VALUE) {
                        inspector.timeAdvanced(time);
                        slot.gate.expire(time, slot.settings);
                    }
                    slot.nextTick = time + SECOND;
                }
                if (filter == null || filter.matches(packet)) {
                    inspected++;
                    inspector.inspect(packet);
                }
                offered++;
                if (me.abandoned) {
                    return;
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
        long spent = System.nanoTime() - me.callStart;
        if (!exit(me)) {
            return;
        }
        slot.packetsSeen += inspected;
        slot.nanosSpent += spent;
        if (failure != null) {
            quarantine(slot, "threw " + describe(failure));
            return;
        }
        slot.windowPackets += offered;
        slot.windowNanos += spent;
        if (slot.windowPackets >= budgets.slowWindowPackets()) {
            long perPacket = slot.windowNanos / slot.windowPackets;
            if (perPacket > budgets.slowNanosPerPacket()) {
                quarantine(slot, String.format("too slow: %.1f µs per packet on average over %,d packets"
                        + " (budget %.1f µs)", perPacket / 1e3, slot.windowPackets,
                        budgets.slowNanosPerPacket() / 1e3));
            }
            slot.windowPackets = 0;
            slot.windowNanos = 0;
        }
    }

    /** The end: packet time advances to the last packet and every active inspector is closed. */
    private void finish(Worker me) {
        while (cursor < slots.size() && !me.abandoned) {
            DetectorSlot slot = slots.get(cursor++);
            if (!slot.isActive()) {
                continue;
            }
            if (sawPacket && call(me, slot, "timeAdvanced", () -> slot.inspector.timeAdvanced(lastPacketTime))) {
                continue;
            }
            if (me.abandoned) {
                return;
            }
            close(me, slot);
            if (me.abandoned) {
                return;
            }
        }
    }

    private void close(Worker me, DetectorSlot slot) {
        call(me, slot, "close", () -> slot.inspector.close());
        slot.context.live = false;
    }

    private void end() {
        ended.countDown();
        onEnd.accept(this);
        fireStatusChanged();
    }

    private void runCommands(Worker me) {
        Consumer<Worker> command;
        while (!me.abandoned && (command = commands.poll()) != null) {
            command.accept(me);
        }
    }

    // ---- calls into detectors, guarded ----

    private interface DetectorCall {
        void run() throws Exception;
    }

    /**
     * Calls the detector under the watchdog; a throw quarantines it.
     *
     * @return true when the call failed (threw, or the worker was abandoned meanwhile)
     */
    private boolean call(Worker me, DetectorSlot slot, String what, DetectorCall body) {
        if (!enter(me, slot, what)) {
            return true;
        }
        Throwable failure = null;
        try {
            body.run();
        } catch (Throwable e) {
            failure = e;
        }
        long spent = System.nanoTime() - me.callStart;
        if (!exit(me)) {
            return true;
        }
        slot.nanosSpent += spent;
        if (failure != null) {
            quarantine(slot, what + " threw " + describe(failure));
            return true;
        }
        return false;
    }

    private static boolean enter(Worker me, DetectorSlot slot, String what) {
        synchronized (me) {
            if (me.abandoned) {
                return false;
            }
            me.inCall = slot;
            me.callName = what;
            me.callStart = System.nanoTime();
            return true;
        }
    }

    /** @return false when the watchdog abandoned this worker during the call */
    private static boolean exit(Worker me) {
        synchronized (me) {
            me.inCall = null;
            return !me.abandoned;
        }
    }

    /** Called by the engine's watchdog thread now and then. */
    void checkStall(long now) {
        Worker current = worker;
        if (current == null) {
            return;
        }
        DetectorSlot stuck;
        String what;
        long started;
        synchronized (current) {
            if (current.abandoned || current.inCall == null || now - current.callStart <= budgets.stallNanos()) {
                return;
            }
            current.abandoned = true;
            stuck = current.inCall;
            what = current.callName;
            started = current.callStart;
        }
        stuck.nanosSpent += now - started;
        quarantine(stuck, String.format("did not return from %s within %,d ms (a spin or a block); its thread %s was"
                + " interrupted and abandoned", what, budgets.stallNanos() / 1_000_000, current.thread.getName()));
        current.thread.interrupt();
        startWorker();
    }

    private void quarantine(DetectorSlot slot, String reason) {
        InspectorContext context = slot.context;
        if (context != null) {
            context.live = false;
        }
        slot.reason = reason;
        slot.state = State.QUARANTINED;
        LOG.log(Level.WARNING, "detector " + slot.id + " quarantined in run " + name + ": " + reason);
        fireStatusChanged();
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getName());
        if (e.getMessage() != null) {
            text.append(": ").append(e.getMessage());
        }
        StackTraceElement[] frames = e.getStackTrace();
        if (frames.length > 0) {
            text.append(" at ").append(frames[0]);
        }
        return text.toString();
    }

    // ---- joining and leaving ----

    private DetectorSlot newSlot(Detector detector) {
        try {
            return new DetectorSlot(detector);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "detector " + detector.getClass().getName() + " cannot join run " + name
                    + ": it failed to describe itself (" + describe(e) + ")");
            return null;
        }
    }

    /** Starts a fresh inspector for the slot (joining or reinstated); a failure quarantines it with the reason. */
    private void startInspector(Worker me, DetectorSlot slot) {
        slot.nextTick = Long.MIN_VALUE;
        slot.windowPackets = 0;
        slot.windowNanos = 0;
        InspectorContext context = new InspectorContext(slot, alert -> deliver(slot, alert));
        slot.context = context;
        slot.state = State.ACTIVE;
        slot.reason = null;
        String filterText;
        try {
            filterText = slot.detector.filter();
            slot.filter = filterText == null || filterText.isBlank() ? null : DisplayFilter.compile(filterText);
        } catch (FilterSyntaxException e) {
            quarantine(slot, "its filter does not compile: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            quarantine(slot, "filter() threw " + describe(e));
            return;
        }
        PacketInspector[] started = new PacketInspector[1];
        if (call(me, slot, "start", () -> started[0] = slot.detector.start(context))) {
            return;
        }
        if (started[0] == null) {
            quarantine(slot, "start returned no inspector");
            return;
        }
        slot.inspector = started[0];
        fireStatusChanged();
    }

    void join(Detector detector) {
        commands.add(me -> {
            for (DetectorSlot slot : slots) {
                if (slot.detector == detector && slot.state != State.REMOVED) {
                    return; // already in
                }
            }
            DetectorSlot slot = newSlot(detector);
            if (slot == null) {
                return;
            }
            int existing = indexOf(slot.id);
            if (existing >= 0 && slots.get(existing).state != State.REMOVED) {
                slots.add(slot);
                quarantine(slot, "another detector in this run already has the id " + slot.id);
                return;
            }
            if (existing >= 0) {
                // the same detector back (its bundle was updated or copied in again): one line, counters go on
                DetectorSlot before = slots.get(existing);
                slot.packetsSeen = before.packetsSeen;
                slot.alertsRaised = before.alertsRaised;
                slot.alertsSuppressed = before.alertsSuppressed;
                slot.nanosSpent = before.nanosSpent;
                try {
                    slot.settings = DetectorSettings.of(slot.parameters, before.settings.values());
                } catch (IllegalArgumentException changedParameters) {
                    // the new version's parameters differ: it starts from its defaults
                }
                slots.set(existing, slot);
            } else {
                slots.add(slot);
            }
            startInspector(me, slot);
        });
        wake();
    }

    /** Wakes the worker if it waits for a live source, so that a queued change applies at once. */
    private void wake() {
        Worker current = worker;
        if (current != null) {
            LockSupport.unpark(current.thread);
        }
    }

    void leave(Detector detector) {
        commands.add(me -> {
            for (DetectorSlot slot : slots) {
                if (slot.detector == detector && slot.state != State.REMOVED) {
                    if (slot.isActive()) {
                        close(me, slot);
                        if (me.abandoned) {
                            return;
                        }
                    }
                    slot.inspector = null;
                    slot.state = State.REMOVED;
                    fireStatusChanged();
                }
            }
        });
        wake();
    }

    private int indexOf(String id) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).id.equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private DetectorSlot slot(String detectorId) {
        int index = indexOf(detectorId);
        if (index < 0) {
            List<String> known = new ArrayList<>();
            slots.forEach(slot -> known.add(slot.id));
            throw new IllegalArgumentException("no detector '" + detectorId + "' in run " + name + " (known: "
                    + known + ")");
        }
        return slots.get(index);
    }

    // ---- alerts ----

    private void deliver(DetectorSlot slot, Alert alert) {
        InspectorContext context = slot.context;
        Worker current = worker;
        if (context == null || !context.live || current == null || Thread.currentThread() != current.thread) {
            return; // an inspector the engine let go of, or a thread it abandoned
        }
        // under the worker's monitor: once the watchdog abandoned this thread, nothing it raises gets through, and
        // the listener is never called by two threads at once
        synchronized (current) {
            if (current.abandoned) {
                return;
            }
            slot.alertsRaised++;
            if (alert.timestampNanos() == 0 && slot.packetTime != 0) {
                alert = alert.toBuilder().timestampNanos(slot.packetTime).build();
            }
            Alert admitted = slot.gate.admit(alert, slot.settings);
            if (admitted == null) {
                slot.alertsSuppressed++;
                return;
            }
            try {
                listener.alertRaised(admitted);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "alert listener of run " + name + " threw", e);
            }
        }
    }

    // ---- DetectionRun ----

    @Override
    public List<DetectorStatus> detectors() {
        List<DetectorStatus> statuses = new ArrayList<>(slots.size());
        for (DetectorSlot slot : slots) {
            statuses.add(slot.status());
        }
        return statuses;
    }

    @Override
    public long packetsInspected() {
        return packetsInspected;
    }

    @Override
    public long packetsMissed() {
        return source.missed();
    }

    @Override
    public void configure(String detectorId, Map<String, Double> values) {
        DetectorSlot slot = slot(detectorId);
        slot.settings = DetectorSettings.of(slot.parameters, values); // throws before anything changes
        fireStatusChanged();
    }

    @Override
    public void reinstate(String detectorId) {
        DetectorSlot slot = slot(detectorId);
        if (slot.state == State.REMOVED) {
            throw new IllegalArgumentException("detector " + detectorId + " was removed; it cannot be reinstated");
        }
        commands.add(me -> {
            if (slot.state == State.QUARANTINED) {
                startInspector(me, slot);
            }
        });
        wake();
    }

    @Override
    public String awaitEnd() throws InterruptedException {
        ended.await();
        return endReason;
    }

    boolean hasEnded() {
        return ended.getCount() == 0;
    }

    @Override
    public void addStatusListener(Runnable statusListener) {
        statusListeners.add(statusListener);
    }

    @Override
    public void removeStatusListener(Runnable statusListener) {
        statusListeners.remove(statusListener);
    }

    private void fireStatusChanged() {
        for (Runnable statusListener : statusListeners) {
            try {
                statusListener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "status listener of run " + name + " threw", e);
            }
        }
    }

    @Override
    public void close() {
        closeRequested = true;
        Worker current = worker;
        if (current == null || Thread.currentThread() == current.thread) {
            return;
        }
        LockSupport.unpark(current.thread);
        try {
            // a hang guard only: a stuck close() is abandoned by the watchdog after the stall budget
            if (!ended.await(budgets.stallNanos() * 3 + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS)) {
                LOG.log(Level.WARNING, "detection run " + name + " did not end after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "detection run " + name;
    }
}
