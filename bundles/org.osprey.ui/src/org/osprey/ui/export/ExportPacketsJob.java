package org.osprey.ui.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureWriter;

/**
 * Writes packets to a pcapng file: each packet's captured bytes, wire length, nanosecond timestamp and link type, with
 * one interface block per link type (the packets' original interface ids are not kept: a client's packets may come
 * from several agents whose interface numbers mean nothing together).
 * <p>
 * The packets are written to a {@code .part} file beside the target, which replaces the target only when everything
 * was written: a cancelled or failed export leaves no half file and an existing file untouched. Problems (disk full,
 * permission, missing folder) end in the job's result with a message saying what to do, and in a dialog when
 * {@link #reportProblemsIn(Shell)} was called.
 */
public final class ExportPacketsJob extends Job {

    /** Title of the dialog shown when the export failed. */
    public static final String ERROR_TITLE = "Cannot export packets";

    /** Cancellation and progress are looked at once per this many packets (a power of two). */
    private static final int CHECK_INTERVAL = 1024;

    private final List<PacketSummary> packets;
    private final Path file;
    private volatile long packetsWritten;
    private Shell problemShell;

    /**
     * @param packets what to write, in this order; the list must not change while the job runs
     * @param file the pcapng file to create or replace
     * @throws IllegalArgumentException when there is no packet to write
     */
    public ExportPacketsJob(List<PacketSummary> packets, Path file) {
        super(String.format("Exporting %,d packets to %s", packets.size(), file.getFileName()));
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("there are no packets to export");
        }
        this.packets = List.copyOf(packets);
        this.file = file.toAbsolutePath().normalize();
        setUser(true);
    }

    /** Shows a dialog on this shell (from its UI thread) when the export fails. */
    public ExportPacketsJob reportProblemsIn(Shell shell) {
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

    /** The file written. */
    public Path file() {
        return file;
    }

    /** How many packets have been written so far (all of them once the job ended well). */
    public long packetsWritten() {
        return packetsWritten;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == ExportPacketsJob.class;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, "Writing " + file.getFileName(), packets.size());
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        boolean complete = false;
        try {
            try (CaptureWriter writer = CaptureFiles.create(partial, CaptureFormat.PCAPNG, packets.get(0).linkType())) {
                if (!write(writer, progress)) {
                    return Status.CANCEL_STATUS;
                }
            }
            moveIntoPlace(partial);
            complete = true;
            return Status.OK_STATUS;
        } catch (IOException e) {
            return new Status(IStatus.ERROR, ExportPacketsJob.class, explain(e), e);
        } catch (IllegalArgumentException e) {
            // a packet the format cannot hold (e.g. a link type above 65535): say which, write nothing
            return new Status(IStatus.ERROR, ExportPacketsJob.class, "Packet " + (packetsWritten + 1)
                    + " cannot be written to pcapng: " + e.getMessage() + ". Nothing was exported.", e);
        } finally {
            if (!complete) {
                deleteQuietly(partial);
            }
            monitor.done();
        }
    }

    /** @return false when cancelled */
    private boolean write(CaptureWriter writer, SubMonitor progress) throws IOException {
        int count = packets.size();
        for (int i = 0; i < count; i++) {
            PacketSummary p = packets.get(i);
            // interface 0 for all: one interface block per link type
            writer.write(p.frame(), p.capturedLength(), p.wireLength(), p.linkType(), 0, p.timestampNanos());
            if (((i + 1) & (CHECK_INTERVAL - 1)) == 0) {
                packetsWritten = i + 1;
                if (progress.isCanceled()) {
                    return false;
                }
                progress.worked(CHECK_INTERVAL);
                progress.subTask(String.format("%,d of %,d packets", i + 1, count));
            }
        }
        packetsWritten = count;
        return true;
    }

    private void moveIntoPlace(Path partial) throws IOException {
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A message that says what went wrong and what the person can do about it. */
    private String explain(IOException e) {
        Path folder = file.getParent();
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : String.valueOf(e.getMessage());
        if (reason.contains("No space left on device") || reason.contains("Disk quota exceeded")) {
            return "The disk holding " + folder + " is full (" + reason + ").\n\nFree some space or export to another"
                    + " disk. Nothing was exported.";
        }
        if (e instanceof AccessDeniedException || reason.contains("Permission denied")
                || reason.contains("Operation not permitted")) {
            return "You may not write to " + folder + " (permission denied).\n\nChoose a folder you can write to."
                    + " Nothing was exported.";
        }
        if (reason.contains("Read-only file system")) {
            return folder + " is on a read-only file system.\n\nChoose another folder. Nothing was exported.";
        }
        if (e instanceof NoSuchFileException) {
            return "The folder " + folder + " does not exist.\n\nChoose an existing folder. Nothing was exported.";
        }
        return "Writing " + file + " failed: " + reason + ".\n\nNothing was exported.";
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // the export already failed with its own message; a leftover .part file is harmless
        }
    }

    private void showProblem(IStatus result) {
        Shell shell = problemShell;
        if (shell == null || shell.isDisposed() || result.getSeverity() != IStatus.ERROR) {
            return;
        }
        shell.getDisplay().asyncExec(() -> {
            if (!shell.isDisposed()) {
                // not blocking: the job is over, nothing waits for the answer
                MessageDialog dialog = new MessageDialog(shell, ERROR_TITLE, null, result.getMessage(),
                        MessageDialog.ERROR, 0, "OK");
                dialog.setBlockOnOpen(false);
                dialog.open();
            }
        });
    }
}
