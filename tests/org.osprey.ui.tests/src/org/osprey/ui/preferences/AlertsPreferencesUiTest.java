package org.osprey.ui.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.prefs.BackingStoreException;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;

/**
 * The alert preferences: toast severity and limit (their bounds, and the Alerts page of the dialog with real input),
 * and the detector settings the Detectors view keeps per detector id (through the file on disk).
 */
class AlertsPreferencesUiTest {

    private static final String DETECTOR = "osprey.portscan";

    private final IEclipsePreferences node = InstanceScope.INSTANCE.getNode(OspreyPreferences.NODE);
    private Display display;
    private Shell shell;
    private UiRobot robot;
    private Path screenshots;

    @BeforeEach
    void openShell() {
        display = Display.getDefault();
        robot = new UiRobot(display);
        shell = new Shell(display);
        shell.setText("Osprey alert preferences UI test");
        shell.setBounds(20, 20, 900, 600);
        shell.open();
        robot.drain();
        screenshots = TestFiles.output().resolve("screenshots");
    }

    @AfterEach
    void closeShellsAndForget() throws BackingStoreException {
        robot.closeAllShells();
        new OspreyPreferences().setDetectorSettings(DETECTOR, Map.of());
        node.clear();
        node.flush();
    }

    @Test
    void toastsDefaultToHighAndThreeAndRefuseWhatIsOutOfBounds() {
        OspreyPreferences preferences = new OspreyPreferences();
        assertTrue(preferences.alertToasts());
        assertEquals("HIGH", preferences.toastMinimumSeverity());
        assertEquals(3, preferences.toastLimit());
        assertThrows(IllegalArgumentException.class, () -> preferences.setToastMinimumSeverity("SEVERE"));
        assertThrows(IllegalArgumentException.class, () -> preferences.setToastLimit(0));
        node.put(OspreyPreferences.TOAST_MINIMUM_SEVERITY, "LOUD"); // a hand-edited file
        node.putInt(OspreyPreferences.TOAST_LIMIT, 500);
        assertEquals("HIGH", preferences.toastMinimumSeverity(), "an unknown name reads as the default");
        assertEquals(OspreyPreferences.MAX_TOAST_LIMIT, preferences.toastLimit(), "read clamped");
    }

    @Test
    void detectorSettingsGoThroughTheFileOnDiskPerDetectorAndEmptyForgetsThem() throws Exception {
        OspreyPreferences preferences = new OspreyPreferences();
        assertEquals(Map.of(), preferences.detectorSettings(DETECTOR));
        preferences.setDetectorSettings(DETECTOR, Map.of("ports", 50.0, "window.seconds", 2.5));
        preferences.flush();
        Path file = OspreyPreferencesTest.prefsPath();
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("detectors/" + DETECTOR + "/ports=50.0"), "saved to " + file + ": " + lines);
        node.node("detectors/" + DETECTOR).put("junk", "not a number");
        assertEquals(Map.of("ports", 50.0, "window.seconds", 2.5), new OspreyPreferences().detectorSettings(DETECTOR),
                "read back, a value that is no number left out");
        assertEquals(List.of(DETECTOR), preferences.detectorsWithSettings());

        preferences.setDetectorSettings(DETECTOR, Map.of());
        assertEquals(Map.of(), preferences.detectorSettings(DETECTOR));
        assertEquals(List.of(), preferences.detectorsWithSettings());
        assertThrows(IllegalArgumentException.class, () -> preferences.detectorSettings("a/b"));
    }

    @Test
    void theAlertsPageStoresSeverityAndLimitOnOk() {
        OspreyPreferenceDialog dialog = new OspreyPreferenceDialog(shell, new OspreyPreferences());
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.getShell().forceActive();
        robot.drain();
        robot.click(dialog.pageItem("Alerts"));
        robot.waitUntil("the Alerts page", () -> dialog.getSelectedPage() instanceof AlertsPreferencePage);
        AlertsPreferencePage page = (AlertsPreferencePage) dialog.getSelectedPage();
        assertEquals("HIGH", page.minimumSeverityCombo().getText(), "the default shown");
        assertEquals(3, page.limitSpinner().getSelection());

        page.minimumSeverityCombo().select(OspreyPreferences.SEVERITY_NAMES.indexOf("MEDIUM"));
        page.minimumSeverityCombo().notifyListeners(SWT.Selection, new Event());
        // the focus given, then real keys: GTK's spin button takes no focus from a posted press under Xvfb
        page.limitSpinner().setFocus();
        robot.pressKey(SWT.ARROW_UP, '\0');
        robot.pressKey(SWT.ARROW_UP, '\0');
        robot.waitUntil("the spinner at 5", () -> page.limitSpinner().getSelection() == 5);
        robot.screenshot(dialog.getShell(), screenshots, "preferences-alerts");
        robot.click(dialog.okButton());
        robot.waitUntil("the dialog to close", () -> dialog.getShell() == null);

        assertEquals(Window.OK, dialog.getReturnCode());
        OspreyPreferences stored = new OspreyPreferences();
        assertEquals("MEDIUM", stored.toastMinimumSeverity());
        assertEquals(5, stored.toastLimit());
        assertTrue(stored.alertToasts());
        assertFalse(node.get(OspreyPreferences.ALERT_TOASTS, null) != null, "a default is not stored");
    }
}
