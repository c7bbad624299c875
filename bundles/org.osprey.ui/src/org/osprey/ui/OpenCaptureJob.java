package org.osprey.ui;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormatException;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.PacketStream;

/**
 * File > Open Capture: replays a pcap or pcapng file into the {@link PacketStream} as fast as it can be read, so that
 * every view shows it the way it shows live packets.
 * <p>
 * Opening replaces what the stream holds (like opening a file in Wireshark), but only once the file has been
 * recognised as a capture: a file that is not one leaves the stream as it was. Progress is reported in bytes of the
 * file; cancelling keeps the packets published so far. A file whose tail is broken keeps every packet before the
 * damage and says so. Problems end in the job's result status and, when {@link #reportProblemsIn(Shell)} was called,
 * in a dialog on that shell.
 */
public final class OpenCaptureJob extends Job {

    /** Title of the dialog for a file that could not be opened at all. */
    public static final String ERROR_TITLE = "Cannot open capture file";
    /** Title of the dialog for a file that was read only up to some damage. */
    public static final String DAMAGED_TITLE = "Capture file is damaged";

    private static final int PROGRESS_UNITS = 1_000;
    /** Cancellation and progress are looked at once per this many packets (a power of two) to keep the loop tight. */
    private static final int CHECK_INTERVAL = 1024;

    private final Path file;
    private final PacketStream stream;
    private volatile long packetsPublished;
    private Shell problemShell;

    public OpenCaptureJob(Path file, PacketStream stream) {
        super("Opening " + file.getFileName());
        this.file = file;
        this.stream = stream;
        setUser(true);
        // one replay at a time into one stream: the stream takes one publishing thread at a time
        setRule(new PublishRule(stream));
    }

    /** Shows a dialog on this shell (from its UI thread) when the file cannot be opened or is damaged. */
    public OpenCaptureJob reportProblemsIn(Shell shell) {
        if (problemShell == null) {
            addJobChangeListener(new JobChangeAdapter() {
                @Override
                public void done(IJobChangeEvent event) {
                    showProblem(event.getResult());
                }
            });
        }
        this.problemShell = shell;
        return this;
    }

    /** The file this job reads. */
    public Path file() {
        return file;
    }

    /** How many packets this job has published into the stream so far. */
    public long packetsPublished() {
        return packetsPublished;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == OpenCaptureJob.class;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try (CaptureReader reader = CaptureFiles.open(file)) {
            stream.clear();
            return replay(reader, SubMonitor.convert(monitor, "Reading " + file.getFileName(), PROGRESS_UNITS));
        } catch (CaptureFormatException e) {
            return error(e.getMessage());
        } catch (FileSystemException e) {
            // NoSuchFile, AccessDenied and the like: their message is "<file>: <reason>"
            return error(e.getMessage());
        } catch (IOException e) {
            return error(file + ": cannot be read: " + e.getMessage());
        } finally {
            monitor.done();
        }
    }

    private IStatus replay(CaptureReader reader, SubMonitor progress) {
        long size = Math.max(1, reader.size());
        int unitsReported = 0;
        long published = 0;
        try {
            PacketSummary packet;
            while ((packet = reader.next()) != null) {
                stream.publish(packet);
                published++;
                if ((published & (CHECK_INTERVAL - 1)) == 0) {
                    packetsPublished = published;
                    if (progress.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    int units = (int) (reader.position() * PROGRESS_UNITS / size);
                    progress.worked(units - unitsReported);
                    unitsReported = units;
                    progress.subTask(String.format("%,d packets", published));
                }
            }
            return Status.OK_STATUS;
        } catch (CaptureFormatException e) {
            return new Status(IStatus.WARNING, OpenCaptureJob.class, e.getMessage() + "\n\nThe " + published
                    + " packets before the damage were read and are shown.");
        } catch (IOException e) {
            return error(file + ": reading stopped after " + published + " packets (they are shown): "
                    + e.getMessage());
        } catch (RuntimeException e) {
            // a decoder bug must not lose what was read, nor pass silently
            return new Status(IStatus.ERROR, OpenCaptureJob.class, file + ": reading stopped after " + published
                    + " packets (they are shown) by an internal error: " + e, e);
        } finally {
            packetsPublished = published;
        }
    }

    private static IStatus error(String message) {
        return new Status(IStatus.ERROR, OpenCaptureJob.class, message);
    }

    private void showProblem(IStatus result) {
        Shell shell = problemShell;
        if (shell == null || shell.isDisposed() || result.isOK() || result.getSeverity() == IStatus.CANCEL) {
            return;
        }
        boolean damaged = result.getSeverity() == IStatus.WARNING;
        shell.getDisplay().asyncExec(() -> {
            if (shell.isDisposed()) {
                return;
            }
            // not blocking: the job is over, nothing waits for the answer
            MessageDialog dialog = new MessageDialog(shell, damaged ? DAMAGED_TITLE : ERROR_TITLE, null,
                    result.getMessage(), damaged ? MessageDialog.WARNING : MessageDialog.ERROR, 0, "OK");
            dialog.setBlockOnOpen(false);
            dialog.open();
        });
    }

    /** Serialises replays into the same stream. */
    private record PublishRule(PacketStream stream) implements ISchedulingRule {

        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule instanceof PublishRule other && other.stream == stream;
        }
    }
}
