package org.osprey.ui.session;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.SessionException;
import org.osprey.session.SessionService;

/**
 * Starts the embedded agent in a job (making its certificate the first time and opening the capture take a moment).
 * When live capture is refused, a dialog says why and offers the demo mode; other failures are shown as they are.
 */
public final class EmbeddedAgentStarter {

    private static final System.Logger LOG = System.getLogger(EmbeddedAgentStarter.class.getName());

    static final String DEMO_BUTTON = "Start Demo Mode";
    static final String OFFLINE_BUTTON = "Stay Offline";

    private final SessionService sessions;
    private final Shell shell;

    public EmbeddedAgentStarter(SessionService sessions, Shell shell) {
        this.sessions = sessions;
        this.shell = shell;
    }

    /** Schedules the start and returns the job. */
    public Job start(EmbeddedMode mode) {
        Job job = Job.create(jobName(mode),
                (IProgressMonitor monitor) -> {
                    try {
                        sessions.startEmbedded(mode);
                        return Status.OK_STATUS;
                    } catch (SessionException e) {
                        LOG.log(System.Logger.Level.WARNING, "{0} failed: {1}{2}", jobName(mode), e.getMessage(),
                                mode == EmbeddedMode.LIVE ? " (the demo mode is offered instead)" : "");
                        shell.getDisplay().asyncExec(() -> reportFailure(mode, e));
                        return Status.info(e.getMessage()); // the dialog tells the person: no error for the job's log
                    }
                });
        job.setUser(false);
        job.schedule();
        return job;
    }

    private static String jobName(EmbeddedMode mode) {
        return mode == EmbeddedMode.LIVE ? "Starting live capture" : "Starting the demo traffic";
    }

    private void reportFailure(EmbeddedMode mode, SessionException failure) {
        if (shell.isDisposed()) {
            return;
        }
        if (mode == EmbeddedMode.LIVE) {
            String why = failure.isCapturePermission() ? "Osprey may not capture live traffic on this machine."
                    : "Osprey could not start live capture.";
            MessageDialog dialog = new MessageDialog(shell, "Live Capture Unavailable", null,
                    why + "\n\n" + failure.getMessage() + "\n\nThe demo mode streams generated traffic, attacks"
                            + " included, through the same agent and views.\nIt is marked DEMO in the status line"
                            + " and in the window's title.",
                    MessageDialog.WARNING, 0, DEMO_BUTTON, OFFLINE_BUTTON);
            if (dialog.open() == 0) {
                start(EmbeddedMode.DEMO);
            }
        } else {
            MessageDialog.openError(shell, "Demo Mode Unavailable", failure.getMessage());
        }
    }
}
