package org.osprey.ui.status;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;

/**
 * The progress monitor of one running job, as the status line shows it: its task, sub-task and how much of its total
 * work is done. Written by the job's thread (single writer), read by the UI thread.
 * <p>
 * Cancelling goes through {@link Job#cancel()}, which sets this monitor's cancel flag; the job sees it at its next
 * {@link #isCanceled()} check.
 */
public final class JobProgress extends NullProgressMonitor {

    private final Job job;
    private final Runnable onChange;
    private volatile String taskName = "";
    private volatile String subTaskName = "";
    private volatile int totalWork = UNKNOWN;
    private volatile double worked;

    JobProgress(Job job, Runnable onChange) {
        this.job = job;
        this.onChange = onChange;
    }

    public Job job() {
        return job;
    }

    /** The text to show: the job's name, then what it is doing now if it says so. */
    public String label() {
        String detail = !subTaskName.isEmpty() ? subTaskName : taskName;
        return detail.isEmpty() || detail.equals(job.getName()) ? job.getName() : job.getName() + ": " + detail;
    }

    /** The work the job announced in {@link #beginTask}, or {@link #UNKNOWN}. */
    public int totalWork() {
        return totalWork;
    }

    /** The work done so far, in units of {@link #totalWork()}, never above it. */
    public int worked() {
        int total = totalWork;
        return total <= 0 ? 0 : (int) Math.min(total, worked);
    }

    @Override
    public void beginTask(String name, int total) {
        taskName = name == null ? "" : name;
        totalWork = total;
        worked = 0;
        onChange.run();
    }

    @Override
    public void setTaskName(String name) {
        taskName = name == null ? "" : name;
        onChange.run();
    }

    @Override
    public void subTask(String name) {
        subTaskName = name == null ? "" : name;
        onChange.run();
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    @Override
    public void internalWorked(double work) {
        if (work > 0) {
            worked += work; // one writer: the job's thread
            onChange.run();
        }
    }

    @Override
    public void setCanceled(boolean canceled) {
        super.setCanceled(canceled);
        onChange.run();
    }
}
