package org.osprey.ui.preferences;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * A page of the preference dialog that edits {@link OspreyPreferences} directly (no JFace preference store): it
 * shows the stored values when made, writes them in {@link #performOk()}, shows the defaults on Restore Defaults, and
 * writes the values to disk on Apply.
 */
abstract class OspreyPreferencePage extends PreferencePage {

    protected final OspreyPreferences preferences;

    OspreyPreferencePage(String title, String description, OspreyPreferences preferences) {
        super(title);
        setDescription(description);
        this.preferences = preferences;
    }

    /** Writes the page's values into the preferences; called only when the page is valid. */
    protected abstract void store();

    @Override
    public final boolean performOk() {
        if (getControl() == null) {
            return true; // never shown: nothing edited
        }
        if (!isValid()) {
            return false;
        }
        store();
        return true;
    }

    @Override
    protected void performApply() {
        if (performOk()) {
            OspreyPreferenceDialog.save(preferences, getShell());
        }
    }

    /** A wrapped hint under a field. */
    static Label hint(Composite parent, String text, int columns) {
        Label hint = new Label(parent, SWT.WRAP);
        hint.setText(text);
        GridDataFactory.fillDefaults().span(columns, 1).grab(true, false).hint(360, SWT.DEFAULT)
                .applyTo(hint);
        return hint;
    }
}
