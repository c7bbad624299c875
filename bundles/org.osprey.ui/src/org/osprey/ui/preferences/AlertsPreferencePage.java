package org.osprey.ui.preferences;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/**
 * Alerts: which alerts get a toast, and how many toasts at most. Detector thresholds and alert suppression are set per
 * detector in the Detectors view.
 */
final class AlertsPreferencePage extends OspreyPreferencePage {

    static final String ID = "org.osprey.ui.preferences.alerts";

    private Button toasts;
    private Combo minimumSeverity;
    private Spinner limit;

    AlertsPreferencePage(OspreyPreferences preferences) {
        super("Alerts", "Toast notifications for what the detectors find.", preferences);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(page);

        toasts = new Button(page, SWT.CHECK);
        toasts.setText("&Show a toast for new alerts");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(toasts);
        toasts.setSelection(preferences.alertToasts());
        toasts.addListener(SWT.Selection, event -> updateEnabled());

        new Label(page, SWT.NONE).setText("&For alerts of severity");
        minimumSeverity = new Combo(page, SWT.READ_ONLY);
        minimumSeverity.setItems(OspreyPreferences.SEVERITY_NAMES.toArray(new String[0]));
        minimumSeverity.select(OspreyPreferences.SEVERITY_NAMES.indexOf(preferences.toastMinimumSeverity()));
        new Label(page, SWT.NONE).setText("or higher");

        new Label(page, SWT.NONE).setText("&At most");
        limit = new Spinner(page, SWT.BORDER);
        limit.setValues(preferences.toastLimit(), OspreyPreferences.MIN_TOAST_LIMIT,
                OspreyPreferences.MAX_TOAST_LIMIT, 0, 1, 1);
        new Label(page, SWT.NONE).setText("toasts in " + OspreyPreferences.TOAST_WINDOW_SECONDS + " seconds");
        hint(page, "Beyond that, one toast says how many more alerts came, so that a flood of alerts cannot flood the"
                + " screen. Every alert is in the Alerts view either way; clicking a toast shows it there.", 3);
        updateEnabled();
        return page;
    }

    private void updateEnabled() {
        minimumSeverity.setEnabled(toasts.getSelection());
        limit.setEnabled(toasts.getSelection());
    }

    @Override
    protected void performDefaults() {
        toasts.setSelection(OspreyPreferences.DEFAULT_ALERT_TOASTS);
        minimumSeverity.select(OspreyPreferences.SEVERITY_NAMES.indexOf(
                OspreyPreferences.DEFAULT_TOAST_MINIMUM_SEVERITY));
        limit.setSelection(OspreyPreferences.DEFAULT_TOAST_LIMIT);
        updateEnabled();
        super.performDefaults();
    }

    @Override
    protected void store() {
        preferences.setAlertToasts(toasts.getSelection());
        preferences.setToastMinimumSeverity(minimumSeverity.getItem(minimumSeverity.getSelectionIndex()));
        preferences.setToastLimit(limit.getSelection());
    }

    // for UI tests (same package, fragment)
    Combo minimumSeverityCombo() {
        return minimumSeverity;
    }

    Spinner limitSpinner() {
        return limit;
    }
}
