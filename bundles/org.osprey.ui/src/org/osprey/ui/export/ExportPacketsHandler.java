package org.osprey.ui.export;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/**
 * File > Export Packets…: asks which packets and which file ({@link ExportPacketsDialog}), then writes them in the
 * background ({@link ExportPacketsJob}, with progress and Cancel in the status line). Enabled while the active part
 * offers a {@link PacketExportSource} in its context (the packet table does).
 */
public final class ExportPacketsHandler {

    public static final String COMMAND_ID = "org.osprey.ui.command.exportPackets";

    @CanExecute
    public boolean canExecute(@Optional PacketExportSource source) {
        return source != null;
    }

    /** @return the scheduled export, or {@code null} when the dialog was cancelled */
    @Execute
    public ExportPacketsJob execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, PacketExportSource source) {
        ExportPacketsDialog dialog = new ExportPacketsDialog(shell, source);
        return dialog.open() == Window.OK ? start(dialog, shell) : null;
    }

    /** Schedules the export the dialog (closed with OK) asked for; problems are reported in a dialog on the shell. */
    static ExportPacketsJob start(ExportPacketsDialog dialog, Shell shell) {
        ExportPacketsJob job = new ExportPacketsJob(dialog.packets(), dialog.file()).reportProblemsIn(shell);
        job.schedule();
        return job;
    }
}
