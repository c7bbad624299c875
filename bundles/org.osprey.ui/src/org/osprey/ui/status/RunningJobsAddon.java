package org.osprey.ui.status;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;

/**
 * e4 model addon (listed in Application.e4xmi) that makes the application's {@link RunningJobs}, installs it as the
 * job manager's progress provider and puts it into the application context for the status line.
 */
public final class RunningJobsAddon {

    private IEclipseContext applicationContext;
    private RunningJobs runningJobs;

    @PostConstruct
    void start(IEclipseContext applicationContext) {
        this.applicationContext = applicationContext;
        runningJobs = new RunningJobs(Job.getJobManager());
        runningJobs.install();
        applicationContext.set(RunningJobs.class, runningJobs);
    }

    @PreDestroy
    void stop() {
        applicationContext.remove(RunningJobs.class);
        runningJobs.uninstall();
    }
}
