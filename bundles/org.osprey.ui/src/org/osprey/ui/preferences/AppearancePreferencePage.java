package org.osprey.ui.preferences;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/** Appearance: the window's theme (applied when the dialog closes with OK, see {@link PreferencesHandler}). */
final class AppearancePreferencePage extends OspreyPreferencePage {

    static final String ID = "org.osprey.ui.preferences.appearance";

    private Button light;
    private Button dark;

    AppearancePreferencePage(OspreyPreferences preferences) {
        super("Appearance", "How the window looks.", preferences);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(page);
        light = new Button(page, SWT.RADIO);
        light.setText("&Light theme");
        dark = new Button(page, SWT.RADIO);
        dark.setText("&Dark theme");
        boolean isDark = OspreyPreferences.DARK_THEME.equals(preferences.theme());
        light.setSelection(!isDark);
        dark.setSelection(isDark);
        return page;
    }

    @Override
    protected void performDefaults() {
        light.setSelection(true);
        dark.setSelection(false);
        super.performDefaults();
    }

    @Override
    protected void store() {
        preferences.setTheme(dark.getSelection() ? OspreyPreferences.DARK_THEME : OspreyPreferences.LIGHT_THEME);
    }
}
