package org.osprey.ui.status;

import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.osprey.ui.UiRefresher;

/**
 * The progress part of the window's status line (a ToolControl in the bottom trim bar): the running job's name and
 * what it is doing, a progress bar of its worked/total, and a Cancel button. Nothing shows while no job runs. With
 * several jobs running it shows the newest and counts the others.
 * <p>
 * Jobs report on their own threads into {@link RunningJobs}, which only marks this control dirty; it redraws on the
 * {@link UiRefresher} tick, so never more than 10 times a second, and never waits for a job.
 */
public final class ProgressStatusControl {

    /** Width of the job text in characters: a fixed width, so the status line does not jump as the text changes. */
    private static final int LABEL_CHARS = 48;
    private static final int BAR_WIDTH = 160;

    @Inject
    RunningJobs runningJobs;

    @Inject
    UiRefresher refresher;

    private Composite area;
    private Label text;
    private ProgressBar bar;
    private Button cancel;
    private UiRefresher.Registration registration;
    private Runnable markDirty;
    /** The job shown, to cancel; UI thread only. */
    private JobProgress shown;

    @PostConstruct
    public void create(Composite parent) {
        area = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(6, 1).spacing(6, 0).applyTo(area);
        text = new Label(area, SWT.NONE);
        GridDataFactory.swtDefaults().align(SWT.FILL, SWT.CENTER)
                .hint(LABEL_CHARS * averageCharWidth(text), SWT.DEFAULT).applyTo(text);
        bar = new ProgressBar(area, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.swtDefaults().align(SWT.FILL, SWT.CENTER).hint(BAR_WIDTH, SWT.DEFAULT).applyTo(bar);
        cancel = new Button(area, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setToolTipText("Stop this job (what it has done so far is kept)");
        cancel.addListener(SWT.Selection, event -> cancelShownJob());
        GridDataFactory.swtDefaults().align(SWT.CENTER, SWT.CENTER).applyTo(cancel);

        setChildrenVisible(false);
        registration = refresher.register(this::refresh);
        markDirty = registration::markDirty;
        runningJobs.addChangeListener(markDirty);
        refresh(); // jobs may be running already
    }

    @PreDestroy
    public void dispose() {
        runningJobs.removeChangeListener(markDirty);
        registration.unregister();
    }

    /** Whether a job is shown (false: the status line's progress area is empty). */
    public boolean isShowingJob() {
        return shown != null;
    }

    /** The text shown, e.g. "Opening synscan.pcapng: 1,024 packets", or "" when idle. */
    public String text() {
        return text.getText();
    }

    public ProgressBar progressBar() {
        return bar;
    }

    public Button cancelButton() {
        return cancel;
    }

    private void refresh() {
        if (area.isDisposed()) {
            return;
        }
        List<JobProgress> running = runningJobs.running();
        JobProgress newest = running.isEmpty() ? null : running.get(running.size() - 1);
        boolean wasShowing = shown != null;
        shown = newest;
        if (newest == null) {
            text.setText("");
            text.setToolTipText(null);
        } else {
            String label = newest.label();
            if (running.size() > 1) {
                label += " (+" + (running.size() - 1) + " more)";
            }
            if (newest.isCanceled()) {
                label += " \u2014 cancelling\u2026";
            }
            text.setText(label);
            text.setToolTipText(label);
            int total = newest.totalWork();
            bar.setVisible(total > 0);
            if (total > 0) {
                bar.setMaximum(total);
                bar.setSelection(newest.worked());
            }
            cancel.setEnabled(!newest.isCanceled());
        }
        if (wasShowing != (newest != null)) {
            setChildrenVisible(newest != null);
        }
    }

    private void setChildrenVisible(boolean visible) {
        text.setVisible(visible);
        bar.setVisible(visible && shown.totalWork() > 0);
        cancel.setVisible(visible);
        area.requestLayout();
    }

    private void cancelShownJob() {
        if (shown != null) {
            shown.job().cancel();
            registration.markDirty(); // show "cancelling" at once, not at the job's next report
        }
    }

    private static int averageCharWidth(Label label) {
        GC gc = new GC(label);
        try {
            return (int) Math.ceil(gc.getFontMetrics().getAverageCharacterWidth());
        } finally {
            gc.dispose();
        }
    }
}
