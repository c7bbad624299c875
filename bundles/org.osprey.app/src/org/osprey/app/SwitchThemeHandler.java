package org.osprey.app;

import jakarta.inject.Named;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;

/**
 * View > Theme > Light / Dark: restyles the open window at once and remembers the choice for the next start (the theme
 * engine keeps it in the workspace preferences).
 */
public final class SwitchThemeHandler {

    /** Command parameter: the id of the theme to switch to (see plugin.xml). */
    public static final String THEME_PARAMETER = "org.osprey.app.command.switchTheme.theme";

    /**
     * Batik bundles the CSS engine loads classes from at run time. Its own bundle imports them optionally, so a runtime
     * can lack them; styling then fails with a ClassNotFoundException, so the menu stays disabled instead.
     */
    private static final String[] CSS_PARSER_BUNDLES = { "org.apache.batik.css", "org.apache.batik.util",
            "org.apache.batik.i18n" };

    @CanExecute
    public boolean canExecute(@Optional IThemeEngine themes) {
        return themes != null && cssParserIsComplete();
    }

    @Execute
    public void execute(IThemeEngine themes, @Named(THEME_PARAMETER) String themeId) {
        themes.setTheme(themeId, true);
    }

    static boolean cssParserIsComplete() {
        for (String bundle : CSS_PARSER_BUNDLES) {
            if (Platform.getBundle(bundle) == null) {
                return false;
            }
        }
        return true;
    }
}
