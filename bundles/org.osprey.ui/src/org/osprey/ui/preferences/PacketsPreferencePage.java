package org.osprey.ui.preferences;

import java.text.NumberFormat;
import java.util.Locale;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** Packets: how many packets the client keeps, and how often the views redraw. */
final class PacketsPreferencePage extends OspreyPreferencePage {

    static final String ID = "org.osprey.ui.preferences.packets";

    private Text ringCapacity;
    private Spinner refreshRate;

    PacketsPreferencePage(OspreyPreferences preferences) {
        super("Packets", "How many packets the client keeps and how often the views show new ones.", preferences);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(page);

        new Label(page, SWT.NONE).setText("&Keep the newest");
        ringCapacity = new Text(page, SWT.BORDER | SWT.RIGHT);
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(ringCapacity);
        ringCapacity.setText(format(preferences.ringCapacity()));
        ringCapacity.addListener(SWT.Modify, event -> validate());
        new Label(page, SWT.NONE).setText("packets");
        hint(page, String.format("Older packets are discarded. From %s to %s; the client's memory grows with"
                + " every packet kept.", format(OspreyPreferences.MIN_RING_CAPACITY),
                format(OspreyPreferences.MAX_RING_CAPACITY)), 3);

        new Label(page, SWT.NONE).setText("&Refresh the views");
        refreshRate = new Spinner(page, SWT.BORDER);
        refreshRate.setValues(preferences.refreshRate(), OspreyPreferences.MIN_REFRESH_RATE,
                OspreyPreferences.MAX_REFRESH_RATE, 0, 1, 1);
        new Label(page, SWT.NONE).setText("times a second");
        hint(page, "Fewer refreshes leave more processor time for capture on slow machines.", 3);
        validate();
        return page;
    }

    @Override
    protected void performDefaults() {
        ringCapacity.setText(format(OspreyPreferences.DEFAULT_RING_CAPACITY));
        refreshRate.setSelection(OspreyPreferences.DEFAULT_REFRESH_RATE);
        super.performDefaults();
    }

    @Override
    protected void store() {
        preferences.setRingCapacity((int) parse(ringCapacity.getText()));
        preferences.setRefreshRate(refreshRate.getSelection());
    }

    private void validate() {
        long value = parse(ringCapacity.getText());
        String problem = null;
        if (value < 0) {
            problem = "The number of packets to keep must be a whole number.";
        } else if (value < OspreyPreferences.MIN_RING_CAPACITY || value > OspreyPreferences.MAX_RING_CAPACITY) {
            problem = String.format("Keep between %s and %s packets.", format(OspreyPreferences.MIN_RING_CAPACITY),
                    format(OspreyPreferences.MAX_RING_CAPACITY));
        }
        setErrorMessage(problem);
        setValid(problem == null);
    }

    static String format(long packets) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(packets);
    }

    /** The number typed, with or without thousands separators (commas, dots, spaces); -1 when it is not one. */
    static long parse(String text) {
        String digits = text.strip().replaceAll("[,. _'\u00a0]", "");
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }

    // for UI tests (same package, fragment)
    Text ringCapacityText() {
        return ringCapacity;
    }
}
