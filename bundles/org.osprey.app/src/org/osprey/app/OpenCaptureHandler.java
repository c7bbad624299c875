package org.osprey.app;

import java.nio.file.Path;

import jakarta.inject.Named;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.osprey.session.SessionService;
import org.osprey.stream.PacketStream;
import org.osprey.ui.OpenCaptureJob;

/**
 * File > Open Capture… (Ctrl+O): replays a capture file into the packet stream. The file is the command's
 * {@value #PATH_PARAMETER} parameter when given (the {@code -capture FILE} start argument, scripts, tests), otherwise
 * the one the user picks in a file dialog.
 */
public final class OpenCaptureHandler {

    public static final String COMMAND_ID = "org.osprey.app.command.openCapture";
    /** Optional command parameter: the path of the capture file to open without asking. */
    public static final String PATH_PARAMETER = "org.osprey.app.command.openCapture.path";

    static final String[] FILTER_EXTENSIONS = { "*.pcap;*.pcapng;*.cap", "*" };
    static final String[] FILTER_NAMES = { "Capture files (*.pcap, *.pcapng, *.cap)", "All files" };

    /**
     * @return the scheduled replay, or {@code null} when the user cancelled the file dialog
     */
    @Execute
    public OpenCaptureJob execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, PacketStream stream,
            @Optional @Named(PATH_PARAMETER) String path, @Optional MWindow window, @Optional SessionService sessions) {
        String chosen = path != null && !path.isBlank() ? path : askForFile(shell);
        if (chosen == null) {
            return null;
        }
        if (sessions != null) {
            sessions.stop(); // a file replaces live traffic, as in Wireshark: the stream has one publisher at a time
        }
        Path file = Path.of(chosen).toAbsolutePath().normalize();
        OpenCaptureJob job = new OpenCaptureJob(file, stream).reportProblemsIn(shell);
        if (window != null) {
            job.addJobChangeListener(new JobChangeAdapter() {
                @Override
                public void done(IJobChangeEvent event) {
                    if (event.getResult().getSeverity() != IStatus.ERROR) {
                        showFileNameInTitle(shell, window, file);
                    }
                }
            });
        }
        job.schedule();
        return job;
    }

    private static String askForFile(Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Open Capture");
        dialog.setFilterExtensions(FILTER_EXTENSIONS);
        dialog.setFilterNames(FILTER_NAMES);
        return dialog.open();
    }

    private static void showFileNameInTitle(Shell shell, MWindow window, Path file) {
        if (shell.isDisposed()) {
            return;
        }
        shell.getDisplay().asyncExec(() -> window.setLabel(OspreyWindow.title(file)));
    }
}
