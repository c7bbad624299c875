package org.osprey.ui.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.prefs.BackingStoreException;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;

/**
 * The preference dialog as a person uses it: the ring size typed into the Packets page (a value out of bounds is
 * refused with a message and a disabled OK), OK clicked, and the value found in the instance-scope preferences and in
 * their file on disk.
 */
class PreferenceDialogUiTest {

    private final IEclipsePreferences node = InstanceScope.INSTANCE.getNode(OspreyPreferences.NODE);
    private Display display;
    private Shell shell;
    private UiRobot robot;
    private Path screenshots;

    @BeforeEach
    void openShell() throws BackingStoreException {
        node.clear();
        display = Display.getDefault();
        robot = new UiRobot(display);
        shell = new Shell(display);
        shell.setText("Osprey preferences UI test");
        shell.setBounds(20, 20, 900, 600);
        shell.open();
        robot.drain();
        screenshots = TestFiles.output().resolve("screenshots");
    }

    @AfterEach
    void closeShellsAndForget() throws BackingStoreException {
        robot.closeAllShells();
        node.clear();
        node.flush();
    }

    private OspreyPreferenceDialog open() {
        OspreyPreferenceDialog dialog = new OspreyPreferenceDialog(shell, new OspreyPreferences());
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.getShell().forceActive();
        robot.drain();
        return dialog;
    }

    @Test
    void theRingSizeTypedOnThePacketsPageIsStoredOnOk() throws Exception {
        OspreyPreferenceDialog dialog = open();
        PacketsPreferencePage page = (PacketsPreferencePage) dialog.getSelectedPage();
        assertEquals("1,000,000", page.ringCapacityText().getText(), "the default shown");

        robot.replaceText(page.ringCapacityText(), "9999");
        robot.waitUntil("the page to refuse 9,999", () -> !page.isValid());
        assertEquals("Keep between 10,000 and 50,000,000 packets.", page.getErrorMessage());
        assertFalse(dialog.okButton().getEnabled(), "OK is disabled while the page is invalid");
        robot.screenshot(dialog.getShell(), screenshots, "preferences-ring-refused");

        robot.replaceText(page.ringCapacityText(), "250000");
        robot.waitUntil("the page to take 250000", () -> page.isValid());
        assertTrue(dialog.okButton().getEnabled());
        robot.screenshot(dialog.getShell(), screenshots, "preferences-packets");
        robot.click(dialog.okButton());
        robot.waitUntil("the dialog to close", () -> dialog.getShell() == null);

        assertEquals(Window.OK, dialog.getReturnCode());
        assertEquals(250_000, InstanceScope.INSTANCE.getNode(OspreyPreferences.NODE)
                .getInt(OspreyPreferences.RING_CAPACITY, -1));
        assertEquals(250_000, new OspreyPreferences().ringCapacity());
        Path file = OspreyPreferencesTest.prefsPath();
        assertTrue(Files.readAllLines(file).contains("packets.ringCapacity=250000"), "saved to " + file);
    }

    @Test
    void theAgentPageRefusesAnAddressWithoutTlsAndStoresTheEmbeddedAgentChoice() {
        OspreyPreferenceDialog dialog = open();
        robot.click(dialog.pageItem("Agent"));
        robot.waitUntil("the Agent page", () -> dialog.getSelectedPage() instanceof AgentPreferencePage);
        AgentPreferencePage page = (AgentPreferencePage) dialog.getSelectedPage();
        assertEquals(OspreyPreferences.DEFAULT_AGENT_URL, page.urlText().getText());

        robot.replaceText(page.urlText(), "ws://10.0.0.7:7443/osprey");
        robot.waitUntil("the page to refuse ws://", () -> !page.isValid());
        assertEquals("The agent URL starts with wss:// (agents speak TLS only).", page.getErrorMessage());
        assertFalse(dialog.okButton().getEnabled());
        robot.replaceText(page.urlText(), "wss://10.0.0.7:7443/osprey");
        robot.waitUntil("the page to take wss://", () -> page.isValid());

        assertTrue(page.sourceButton(OspreyPreferences.EmbeddedSource.DEMO).getEnabled());
        robot.click(page.startEmbeddedButton());
        robot.waitUntil("the sources to be disabled with the embedded agent off",
                () -> !page.sourceButton(OspreyPreferences.EmbeddedSource.DEMO).getEnabled());
        robot.screenshot(dialog.getShell(), screenshots, "preferences-agent");
        robot.click(dialog.okButton());
        robot.waitUntil("the dialog to close", () -> dialog.getShell() == null);

        OspreyPreferences stored = new OspreyPreferences();
        assertEquals("wss://10.0.0.7:7443/osprey", stored.agentUrl());
        assertFalse(stored.startEmbeddedAgent());
        assertEquals(OspreyPreferences.DEFAULT_RING_CAPACITY, stored.ringCapacity(), "the Packets page unchanged");
    }

    @Test
    void cancelKeepsTheStoredValue() {
        OspreyPreferenceDialog dialog = open();
        PacketsPreferencePage page = (PacketsPreferencePage) dialog.getSelectedPage();
        robot.replaceText(page.ringCapacityText(), "20000");
        robot.waitUntil("the typed value", () -> page.ringCapacityText().getText().equals("20000"));
        robot.click(dialog.cancelButton());
        robot.waitUntil("the dialog to close", () -> dialog.getShell() == null);
        assertEquals(Window.CANCEL, dialog.getReturnCode());
        assertEquals(OspreyPreferences.DEFAULT_RING_CAPACITY, new OspreyPreferences().ringCapacity());
    }
}
