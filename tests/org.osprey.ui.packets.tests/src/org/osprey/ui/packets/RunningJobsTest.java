package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osprey.testing.ui.UiRobot;
import org.osprey.ui.status.JobProgress;
import org.osprey.ui.status.RunningJobs;

/** What the status line is fed: real jobs on the real job manager report through {@link RunningJobs}. */
class RunningJobsTest {

    private RunningJobs runningJobs;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void install() {
        runningJobs = new RunningJobs(Job.getJobManager());
        runningJobs.addChangeListener(changes::incrementAndGet);
        runningJobs.install();
    }

    @AfterEach
    void uninstall() {
        runningJobs.uninstall();
    }

    @Test
    void aRunningJobIsListedWithItsWorkAndLeavesTheListWhenItEnds() throws InterruptedException {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Job job = Job.create("Indexing flows", (IProgressMonitor monitor) -> {
            monitor.beginTask("Indexing", 10);
            monitor.worked(3);
            monitor.subTask("3 of 10 flows");
            reported.countDown();
            awaitBounded(finish);
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        try {
            assertTrue(reported.await(UiRobot.WAIT_BOUND_MILLIS, TimeUnit.MILLISECONDS), "the job reported");
            JobProgress progress = progressOf(job);
            assertEquals("Indexing flows: 3 of 10 flows", progress.label());
            assertEquals(10, progress.totalWork());
            assertEquals(3, progress.worked());
            assertTrue(changes.get() >= 3, "start, begin and work were announced: " + changes.get());
        } finally {
            finish.countDown();
        }
        job.join(UiRobot.WAIT_BOUND_MILLIS, null);
        assertTrue(runningJobs.running().stream().noneMatch(p -> p.job() == job), "an ended job is gone");
    }

    @Test
    void cancellingThroughTheJobReachesItsMonitorAndTheJobStops() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Job job = Job.create("Endless", (IProgressMonitor monitor) -> {
            monitor.beginTask("Endless", IProgressMonitor.UNKNOWN);
            started.countDown();
            while (!monitor.isCanceled()) {
                Thread.onSpinWait();
            }
            return Status.CANCEL_STATUS;
        });
        job.schedule();
        assertTrue(started.await(UiRobot.WAIT_BOUND_MILLIS, TimeUnit.MILLISECONDS), "the job started");
        JobProgress progress = progressOf(job);
        assertEquals(IProgressMonitor.UNKNOWN, progress.totalWork(), "no total: the bar is hidden");
        assertEquals(0, progress.worked());
        job.cancel(); // what the status line's Cancel button does
        assertTrue(progress.isCanceled());
        job.join(UiRobot.WAIT_BOUND_MILLIS, null);
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
    }

    @Test
    void systemJobsAreNotShown() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        List<Job> seen = new ArrayList<>();
        Job job = Job.create("housekeeping", (IProgressMonitor monitor) -> {
            runningJobs.running().forEach(progress -> seen.add(progress.job()));
            ran.countDown();
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
        assertTrue(ran.await(UiRobot.WAIT_BOUND_MILLIS, TimeUnit.MILLISECONDS));
        job.join(UiRobot.WAIT_BOUND_MILLIS, null);
        assertTrue(!seen.contains(job), "a system job runs without appearing in the status line");
    }

    private JobProgress progressOf(Job job) {
        return runningJobs.running().stream().filter(progress -> progress.job() == job).findFirst()
                .orElseThrow(() -> new AssertionError(job.getName() + " is not listed: " + runningJobs.running()));
    }

    private static void awaitBounded(CountDownLatch latch) {
        try {
            latch.await(UiRobot.WAIT_BOUND_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
