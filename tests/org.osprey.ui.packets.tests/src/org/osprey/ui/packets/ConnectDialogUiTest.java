package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.agent.LocalAgent;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.GeneratorOptions;
import org.osprey.session.RemoteAgent;
import org.osprey.session.Session;
import org.osprey.session.internal.SessionServiceImpl;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.testing.TestFiles;
import org.osprey.testing.ui.UiRobot;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.server.ServerConfig;
import org.osprey.ui.session.ConnectDialog;
import org.osprey.ui.session.RecentAgents;

/**
 * Capture > Connect to Agent… as a person uses it against a real agent: type the address and token, check the
 * certificate, compare and trust the fingerprint, connect; the session then receives the agent's packets. Real
 * widgets, real key presses and clicks.
 */
class ConnectDialogUiTest {

    private Display display;
    private Shell shell;
    private UiRobot robot;
    private ServiceTracker<CaptureSources, CaptureSources> captureTracker;
    private LocalAgent agent;
    private SessionServiceImpl sessions;
    private PacketStreamImpl stream;

    @BeforeEach
    void startAgent() throws Exception {
        display = Display.getDefault();
        robot = new UiRobot(display);
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        captureTracker = new ServiceTracker<>(context, CaptureSources.class, null);
        captureTracker.open();
        CaptureSources sources = captureTracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(sources);
        Path home = Files.createTempDirectory("osprey-connect-ui");
        agent = LocalAgent.start(10_000,
                agentStream -> sources.generator(GeneratorOptions.withSeed(9).packetsPerSecond(500).build(), agentStream),
                ServerConfig.builder(home.resolve("agent")).port(0));
        stream = new PacketStreamImpl(100_000);
        sessions = new SessionServiceImpl(stream, sources, home);
        shell = new Shell(display);
        shell.setBounds(20, 20, 900, 600);
        shell.open();
        robot.drain();
    }

    @AfterEach
    void stop() {
        sessions.stop();
        agent.close();
        robot.closeAllShells();
        captureTracker.close();
    }

    @Test
    void connectsOnlyOnceTheFingerprintIsConfirmedAndThenReceivesTheAgentsPackets() throws Exception {
        ConnectDialog dialog = new ConnectDialog(shell, sessions, new RecentAgents());
        dialog.setBlockOnOpen(false);
        dialog.open();
        robot.drain();
        Shell dialogShell = dialog.getShell();
        Combo address = find(dialogShell, Combo.class, combo -> true);
        Text token = find(dialogShell, Text.class, text -> (text.getStyle() & SWT.PASSWORD) != 0);
        Button check = find(dialogShell, Button.class, button -> button.getText().contains("Check Certificate"));
        Button trust = find(dialogShell, Button.class, button -> (button.getStyle() & SWT.CHECK) != 0);
        Button connect = find(dialogShell, Button.class, button -> button.getText().equals("&Connect"));

        address.setFocus();
        address.setText("");
        robot.type(agent.uri().toString());
        token.setFocus();
        String secret = agent.token();
        robot.type(secret);
        robot.waitUntil("the address and token typed", () -> address.getText().equals(agent.uri().toString())
                && token.getText().equals(secret));
        assertFalse(connect.isEnabled(), "no connection before the certificate was checked");

        robot.click(check);
        robot.waitUntil("the fingerprint shown", () -> labelTexts(dialogShell).stream()
                .anyMatch(text -> text.contains(agent.fingerprint()) && text.contains("First connection")));
        assertTrue(trust.isEnabled());
        assertFalse(connect.isEnabled(), "an unknown certificate must be confirmed first");
        robot.screenshot(dialogShell, TestFiles.output().resolve("screenshots"), "connect-dialog-first-use");

        robot.click(trust);
        robot.waitUntil("Connect enabled once trusted", connect::isEnabled);
        robot.click(connect);
        robot.waitUntil("the dialog closed with OK", () -> dialog.getReturnCode() == Window.OK);
        RemoteAgent chosen = dialog.agent();
        assertEquals(agent.uri(), chosen.uri());
        assertEquals(agent.fingerprint(), chosen.trustedFingerprint());
        assertEquals(agent.uri().toString(), new RecentAgents().list().get(0), "remembered as the most recent");

        Session session = sessions.connect(chosen);
        robot.waitUntil("the agent's packets", () -> session.connectionState() instanceof ConnectionState.Connected
                && stream.statistics().packets() >= 50);
        assertEquals(agent.fingerprint(), sessions.knownFingerprint(agent.uri()), "trusted once, remembered");
    }

    private static List<String> labelTexts(Composite root) {
        List<String> texts = new ArrayList<>();
        collect(root, Label.class, label -> true, found -> texts.add(found.getText()));
        return texts;
    }

    private static <T extends Control> T find(Composite root, Class<T> type, Predicate<T> which) {
        List<T> found = new ArrayList<>();
        collect(root, type, which, found::add);
        assertEquals(1, found.size(), "exactly one " + type.getSimpleName() + " found: " + found);
        return found.get(0);
    }

    private static <T extends Control> void collect(Composite root, Class<T> type, Predicate<T> which,
            java.util.function.Consumer<T> sink) {
        for (Control child : root.getChildren()) {
            if (type.isInstance(child) && which.test(type.cast(child))) {
                sink.accept(type.cast(child));
            }
            if (child instanceof Composite composite) {
                collect(composite, type, which, sink);
            }
        }
    }
}
