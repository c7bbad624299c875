package org.osprey.ui.status;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.jobs.ProgressProvider;

/**
 * The jobs running right now and how far each has got, for the status line: pure e4 has no progress view, so this is
 * the job manager's {@link ProgressProvider}. Every job that is not a system job gets a {@link JobProgress} as its
 * progress monitor while it runs; the job reports into it from its own thread and the status line reads it on the UI
 * thread at its next tick.
 * <p>
 * Reporting costs the job a few volatile writes and one call of each change listener, which must be cheap and never
 * block (a {@code UiRefresher.Registration::markDirty} is).
 */
public final class RunningJobs extends ProgressProvider {

    private final IJobManager jobManager;
    private final List<JobProgress> running = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private final IJobChangeListener jobEnded = new JobChangeAdapter() {
        @Override
        public void done(IJobChangeEvent event) {
            // also for a job whose run() never called done() on its monitor
            if (running.removeIf(progress -> progress.job() == event.getJob())) {
                changed();
            }
        }
    };
    private boolean installed;

    public RunningJobs(IJobManager jobManager) {
        this.jobManager = jobManager;
    }

    /** Becomes the job manager's progress provider (there is one per job manager) and starts following jobs. */
    public void install() {
        jobManager.addJobChangeListener(jobEnded);
        jobManager.setProgressProvider(this);
        installed = true;
    }

    /** Stops following jobs and gives the job manager back its default monitors. */
    public void uninstall() {
        if (installed) {
            installed = false;
            jobManager.setProgressProvider(null);
            jobManager.removeJobChangeListener(jobEnded);
            running.clear();
        }
    }

    /**
     * Called (from any thread, mostly the jobs' own) whenever a job starts, ends or reports progress.
     *
     * @param listener cheap and non-blocking: it runs on the reporting job's thread
     */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    public void removeChangeListener(Runnable listener) {
        changeListeners.remove(listener);
    }

    /** The jobs running now, oldest first (a snapshot). */
    public List<JobProgress> running() {
        return List.copyOf(running);
    }

    @Override
    public IProgressMonitor createMonitor(Job job) {
        if (job.isSystem()) {
            return new NullProgressMonitor();
        }
        JobProgress progress = new JobProgress(job, this::changed);
        running.add(progress);
        changed();
        return progress;
    }

    private void changed() {
        for (Runnable listener : changeListeners) {
            listener.run();
        }
    }
}
