package org.osprey.ui.preferences;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.css.swt.theme.ITheme;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/**
 * Window > Preferences…: opens the {@link OspreyPreferenceDialog}. The theme is the theme engine's (View > Theme
 * changes it too), so the dialog starts from the engine's active theme and a new choice is given to the engine, which
 * restyles the window and keeps the choice.
 */
public final class PreferencesHandler {

    public static final String COMMAND_ID = "org.osprey.ui.command.preferences";

    /** @return the dialog's return code ({@link Window#OK} or {@link Window#CANCEL}) */
    @Execute
    public int execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional IThemeEngine themes) {
        OspreyPreferences preferences = new OspreyPreferences();
        ITheme active = themes == null ? null : themes.getActiveTheme();
        if (active != null) {
            preferences.setTheme(active.getId());
        }
        int result = new OspreyPreferenceDialog(shell, preferences).open();
        if (result == Window.OK && themes != null && (active == null || !active.getId().equals(preferences.theme()))) {
            themes.setTheme(preferences.theme(), true);
        }
        return result;
    }
}
