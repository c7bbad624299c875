package org.osprey.ui.preferences;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.osgi.service.prefs.BackingStoreException;

/**
 * Window > Preferences: the Packets, Agent, Alerts and Appearance pages in a JFace preference dialog. OK stores every
 * page's values into {@link OspreyPreferences} and writes them to disk; whoever listens to the preferences applies
 * them.
 */
public final class OspreyPreferenceDialog extends PreferenceDialog {

    static final String TITLE = "Preferences";
    static final String SAVE_ERROR_TITLE = "Cannot save preferences";

    private final OspreyPreferences preferences;

    public OspreyPreferenceDialog(Shell parent, OspreyPreferences preferences) {
        super(parent, pages(preferences));
        this.preferences = preferences;
        setSelectedNode(PacketsPreferencePage.ID);
    }

    private static PreferenceManager pages(OspreyPreferences preferences) {
        PreferenceManager manager = new PreferenceManager();
        manager.addToRoot(new PreferenceNode(PacketsPreferencePage.ID, new PacketsPreferencePage(preferences)));
        manager.addToRoot(new PreferenceNode(AgentPreferencePage.ID, new AgentPreferencePage(preferences)));
        manager.addToRoot(new PreferenceNode(AlertsPreferencePage.ID, new AlertsPreferencePage(preferences)));
        manager.addToRoot(new PreferenceNode(AppearancePreferencePage.ID, new AppearancePreferencePage(preferences)));
        return manager;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected void okPressed() {
        super.okPressed(); // performOk of every page; closes unless a page refused
        if (getReturnCode() == Window.OK) {
            save(preferences, getParentShell());
        }
    }

    // for UI tests (same package, fragment)
    Button okButton() {
        return getButton(IDialogConstants.OK_ID);
    }

    Button cancelButton() {
        return getButton(IDialogConstants.CANCEL_ID);
    }

    /** The tree item of the page with this title. */
    TreeItem pageItem(String title) {
        for (TreeItem item : getTreeViewer().getTree().getItems()) {
            if (item.getText().equals(title)) {
                return item;
            }
        }
        throw new IllegalArgumentException("no page " + title);
    }

    /** Writes the preferences to disk; a failure is shown in a dialog (the values still apply until exit). */
    static void save(OspreyPreferences preferences, Shell shell) {
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            MessageDialog.openError(shell, SAVE_ERROR_TITLE, "The preferences apply now but could not be saved for"
                    + " the next start: " + e.getMessage() + "\n\nCheck that the workspace folder is writable.");
        }
    }
}
