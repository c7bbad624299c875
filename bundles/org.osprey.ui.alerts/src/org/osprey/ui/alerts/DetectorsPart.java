package org.osprey.ui.alerts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.prefs.BackingStoreException;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.alerts.internal.DetectorSettingsApplier;
import org.osprey.ui.preferences.OspreyPreferences;

/**
 * The Detectors view: each detector of the client's detection run (the {@link DetectionRun} service with
 * {@value DetectorSettingsApplier#CLIENT_RUN_FILTER}) with its state (active, quarantined and why, removed), packets
 * seen, alerts raised and suppressed, and time spent; below, the selected detector's settings: its parameters with
 * their ranges (and the engine's alert hygiene), applied live with Apply and kept in the preferences, so that they
 * apply again at the next start ({@link DetectorSettingsApplier}). Reinstate lets a quarantined detector run again.
 * <p>
 * Counters are read once a second and when the run reports a change, on the {@link UiRefresher}'s tick.
 */
public final class DetectorsPart {

    /** The part's element id in the application model (contributed by fragment.e4xmi). */
    public static final String PART_ID = "org.osprey.ui.alerts.part.detectors";

    /** The status table's columns. */
    public static final String[] COLUMN_TITLES = { "Detector", "State", "Packets", "Alerts", "Suppressed", "Time (ms)",
        "Reason" };
    private static final int[] COLUMN_WIDTHS = { 150, 100, 80, 60, 80, 80, 300 };
    private static final int COUNTER_REFRESH_MILLIS = 1000;

    @Inject
    UiRefresher refresher;

    private final OspreyPreferences preferences = new OspreyPreferences();
    private final Runnable statusListener = this::statusChanged;
    private final Runnable everySecond = this::everySecond;
    private final Map<String, Text> valueFields = new LinkedHashMap<>();
    /** Injected again on whatever thread the service comes or goes on, read on the UI thread. */
    private volatile DetectionRun run;
    private UiRefresher.Registration registration;
    private List<DetectorStatus> statuses = List.of();
    /** The detector whose settings are shown, or null. */
    private String shownSettingsId;

    private Label runState;
    private Table table;
    private Label description;
    private Composite parameters;
    private ScrolledComposite parametersScroll;
    private Label settingsProblem;
    private Button apply;
    private Button defaults;
    private Button reinstate;
    private Display display;

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite top = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(top);
        runState = new Label(top, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 2).applyTo(runState);
        table = new Table(top, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMN_TITLES.length; i++) {
            TableColumn column = new TableColumn(table, i >= 2 && i <= 5 ? SWT.RIGHT : SWT.LEFT);
            column.setText(COLUMN_TITLES[i]);
            column.setWidth(COLUMN_WIDTHS[i]);
        }
        table.addListener(SWT.Selection, event -> showSettings(selectedStatus()));
        createSettingsArea(sash);
        sash.setWeights(55, 45);

        registration = refresher.register(this::refresh);
        if (run != null) {
            run.addStatusListener(statusListener);
        }
        display.timerExec(COUNTER_REFRESH_MILLIS, everySecond);
        refresh();
    }

    /** The client's detection run, a DS service: injected again (null) when it goes and when it comes back. */
    @Inject
    @Optional
    void setRun(@Service(filterExpression = DetectorSettingsApplier.CLIENT_RUN_FILTER) DetectionRun newRun) {
        if (run == newRun) {
            return;
        }
        if (run != null && registration != null) {
            run.removeStatusListener(statusListener);
        }
        run = newRun;
        if (registration != null) {
            if (run != null) {
                run.addStatusListener(statusListener);
            }
            registration.markDirty();
        }
    }

    @Focus
    public void setFocus() {
        table.setFocus();
    }

    @PreDestroy
    public void dispose() {
        if (run != null) {
            run.removeStatusListener(statusListener);
        }
        registration.unregister();
        if (!display.isDisposed()) {
            display.timerExec(-1, everySecond);
        }
    }

    // ------------------------------------------------------------------ for tests

    public Table table() {
        return table;
    }

    /** The statuses shown, in table order. */
    public List<DetectorStatus> shownStatuses() {
        return statuses;
    }

    /** Selects a detector like a click on its row, showing its settings. */
    public void select(String detectorId) {
        for (int row = 0; row < statuses.size(); row++) {
            if (statuses.get(row).id().equals(detectorId)) {
                table.setSelection(row);
                showSettings(statuses.get(row));
                return;
            }
        }
        throw new IllegalArgumentException("no detector " + detectorId + " shown");
    }

    /** The value field of one parameter of the shown detector. */
    public Text valueField(String key) {
        Text field = valueFields.get(key);
        if (field == null) {
            throw new IllegalArgumentException("no parameter " + key + " shown (" + valueFields.keySet() + ")");
        }
        return field;
    }

    public Button applyButton() {
        return apply;
    }

    public Button reinstateButton() {
        return reinstate;
    }

    /** Why the settings cannot be applied, or "". */
    public String settingsProblem() {
        return settingsProblem.getVisible() ? settingsProblem.getText() : "";
    }

    public String runStateText() {
        return runState.getText();
    }

    // ------------------------------------------------------------------ building

    private void createSettingsArea(Composite parent) {
        Composite area = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(area);
        description = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(description);
        description.setText("Select a detector to see and change its settings.");

        parametersScroll = new ScrolledComposite(area, SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(parametersScroll);
        parametersScroll.setExpandHorizontal(true);
        parametersScroll.setExpandVertical(true);
        parameters = new Composite(parametersScroll, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(parameters);
        parametersScroll.setContent(parameters);

        settingsProblem = new Label(area, SWT.WRAP);
        settingsProblem.setForeground(display.getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(settingsProblem);
        settingsProblem.setVisible(false);

        Composite buttons = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(buttons);
        apply = new Button(buttons, SWT.PUSH);
        apply.setText("&Apply");
        apply.setToolTipText("Applies the values to the running detector and keeps them for the next start");
        apply.addListener(SWT.Selection, event -> applySettings());
        defaults = new Button(buttons, SWT.PUSH);
        defaults.setText("&Defaults");
        defaults.addListener(SWT.Selection, event -> showDefaults());
        reinstate = new Button(buttons, SWT.PUSH);
        reinstate.setText("&Reinstate");
        reinstate.setToolTipText("Lets the quarantined detector inspect packets again, with fresh state");
        reinstate.addListener(SWT.Selection, event -> reinstateSelected());
        setSettingsEnabled(false);
    }

    // ------------------------------------------------------------------ refreshing

    /** On the run's thread. */
    private void statusChanged() {
        registration.markDirty();
    }

    private void everySecond() {
        if (table.isDisposed()) {
            return;
        }
        registration.markDirty(); // counters move with every packet; the run reports only changes of state
        display.timerExec(COUNTER_REFRESH_MILLIS, everySecond);
    }

    private void refresh() {
        if (table.isDisposed()) {
            return;
        }
        DetectionRun current = run;
        if (current == null) {
            statuses = List.of();
            runState.setText("Detection is not running in this client.");
        } else {
            statuses = current.detectors();
            long missed = current.packetsMissed();
            runState.setText(String.format("%,d detectors; %,d packets inspected%s", statuses.size(),
                    current.packetsInspected(),
                    missed > 0 ? String.format(", %,d missed (the ring overtook detection)", missed) : ""));
        }
        String selected = shownSettingsId;
        if (table.getItemCount() != statuses.size()) {
            table.setItemCount(statuses.size());
        }
        for (int row = 0; row < statuses.size(); row++) {
            DetectorStatus status = statuses.get(row);
            TableItem item = table.getItem(row);
            item.setText(new String[] {
                status.name(),
                stateText(status.state()),
                String.format("%,d", status.packetsSeen()),
                String.format("%,d", status.alertsRaised()),
                String.format("%,d", status.alertsSuppressed()),
                String.format("%,.1f", status.nanosSpent() / 1e6),
                status.reason() == null ? "" : status.reason() });
            item.setForeground(status.state() == DetectorStatus.State.ACTIVE ? null
                    : display.getSystemColor(status.state() == DetectorStatus.State.QUARANTINED ? SWT.COLOR_DARK_RED
                            : SWT.COLOR_WIDGET_DISABLED_FOREGROUND));
            item.setData(status);
            if (status.id().equals(selected) && table.getSelectionIndex() != row) {
                table.setSelection(row);
            }
        }
        DetectorStatus shown = selectedStatus();
        reinstate.setEnabled(shown != null && shown.state() == DetectorStatus.State.QUARANTINED);
        if (shown == null && shownSettingsId != null) {
            showSettings(null);
        }
    }

    static String stateText(DetectorStatus.State state) {
        return switch (state) {
            case ACTIVE -> "active";
            case QUARANTINED -> "quarantined";
            case REMOVED -> "removed";
        };
    }

    private DetectorStatus selectedStatus() {
        int row = table.getSelectionIndex();
        return row >= 0 && row < statuses.size() ? statuses.get(row) : null;
    }

    // ------------------------------------------------------------------ settings

    private void showSettings(DetectorStatus status) {
        for (Control control : parameters.getChildren()) {
            control.dispose();
        }
        valueFields.clear();
        hideProblem();
        shownSettingsId = status == null ? null : status.id();
        if (status == null) {
            description.setText("Select a detector to see and change its settings.");
            setSettingsEnabled(false);
            relayout();
            return;
        }
        String text = status.name() + " " + status.version() + " (" + status.id() + ")";
        if (!status.description().isEmpty()) {
            text += ": " + status.description();
        }
        if (status.reason() != null) { // also in the table's last column, often out of sight in the narrow stack
            boolean quarantined = status.state() == DetectorStatus.State.QUARANTINED;
            text += "\n" + (quarantined ? "Quarantined: " : "") + status.reason();
        }
        description.setText(text);
        Map<String, Double> values = status.settings().values();
        for (DetectorParameter parameter : status.parameters()) {
            Label label = new Label(parameters, SWT.NONE);
            label.setText(parameter.label());
            label.setToolTipText(parameter.description());
            Text field = new Text(parameters, SWT.BORDER | SWT.RIGHT);
            GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).applyTo(field);
            Double value = values.get(parameter.key());
            field.setText(format(value != null ? value : parameter.defaultValue()));
            field.setToolTipText(parameter.description());
            field.addListener(SWT.DefaultSelection, event -> applySettings());
            Label range = new Label(parameters, SWT.NONE); // short: the side stack is narrow
            range.setText(format(parameter.minimum()) + "\u2013" + format(parameter.maximum()));
            range.setToolTipText("From " + format(parameter.minimum()) + " to " + format(parameter.maximum())
                    + ", default " + format(parameter.defaultValue()) + ". " + parameter.description());
            valueFields.put(parameter.key(), field);
        }
        setSettingsEnabled(status.state() != DetectorStatus.State.REMOVED);
        reinstate.setEnabled(status.state() == DetectorStatus.State.QUARANTINED);
        relayout();
    }

    private void relayout() {
        parametersScroll.setMinSize(parameters.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        parameters.layout(true);
        description.getParent().layout(true, true);
    }

    private void setSettingsEnabled(boolean enabled) {
        apply.setEnabled(enabled);
        defaults.setEnabled(enabled);
        reinstate.setEnabled(false);
    }

    private void showDefaults() {
        DetectorStatus status = find(shownSettingsId);
        if (status == null) {
            return;
        }
        for (DetectorParameter parameter : status.parameters()) {
            valueFields.get(parameter.key()).setText(format(parameter.defaultValue()));
        }
    }

    /**
     * Apply: the values that differ from the defaults are stored in the preferences first (so that the settings
     * applier, which sees the run change, agrees), then given to the run, which checks them; a value it refuses is
     * explained and nothing is changed.
     */
    private void applySettings() {
        DetectorStatus status = find(shownSettingsId);
        DetectionRun current = run;
        if (status == null || current == null) {
            return;
        }
        Map<String, Double> changed = new LinkedHashMap<>();
        for (DetectorParameter parameter : status.parameters()) {
            String text = valueFields.get(parameter.key()).getText().strip().replace(",", "");
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                showProblem(parameter.label() + ": '" + text + "' is not a number.");
                return;
            }
            if (value < parameter.minimum() || value > parameter.maximum()) {
                showProblem(parameter.label() + " must be between " + format(parameter.minimum()) + " and "
                        + format(parameter.maximum()) + ", not " + format(value) + ".");
                valueFields.get(parameter.key()).setFocus();
                return;
            }
            if (value != parameter.defaultValue()) {
                changed.put(parameter.key(), value);
            }
        }
        Map<String, Double> before = preferences.detectorSettings(status.id());
        preferences.setDetectorSettings(status.id(), changed);
        try {
            current.configure(status.id(), changed);
        } catch (IllegalArgumentException e) {
            preferences.setDetectorSettings(status.id(), before);
            showProblem(e.getMessage());
            return;
        }
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            showProblem("Applied, but not saved for the next start: " + e.getMessage());
            return;
        }
        hideProblem();
        registration.markDirty();
    }

    private void reinstateSelected() {
        DetectorStatus status = find(shownSettingsId);
        DetectionRun current = run;
        if (status != null && current != null) {
            current.reinstate(status.id());
            registration.markDirty();
        }
    }

    private DetectorStatus find(String id) {
        if (id == null) {
            return null;
        }
        DetectionRun current = run;
        for (DetectorStatus status : current == null ? statuses : current.detectors()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        return null;
    }

    private void showProblem(String problem) {
        settingsProblem.setText(problem);
        settingsProblem.setVisible(true);
        ((org.eclipse.swt.layout.GridData) settingsProblem.getLayoutData()).exclude = false;
        settingsProblem.getParent().layout(true, true);
    }

    private void hideProblem() {
        if (settingsProblem.getVisible()) {
            settingsProblem.setVisible(false);
            ((org.eclipse.swt.layout.GridData) settingsProblem.getLayoutData()).exclude = true;
            settingsProblem.getParent().layout(true, true);
        }
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
