package org.osprey.ui.preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.URIUtil;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.prefs.BackingStoreException;
import org.osprey.ui.preferences.OspreyPreferences.EmbeddedSource;

/** The preferences without a display: defaults, bounds, listeners, and the round trip through the file on disk. */
class OspreyPreferencesTest {

    private final IEclipsePreferences node = InstanceScope.INSTANCE.getNode(OspreyPreferences.NODE);

    @AfterEach
    void forgetEverything() throws BackingStoreException {
        node.clear();
        node.flush();
    }

    @Test
    void unsetValuesReadAsTheirDocumentedDefaults() throws BackingStoreException {
        node.clear();
        OspreyPreferences preferences = new OspreyPreferences();
        assertEquals(1_000_000, preferences.ringCapacity());
        assertEquals(10, preferences.refreshRate());
        assertEquals("wss://127.0.0.1:7443/osprey", preferences.agentUrl());
        assertEquals(Path.of(System.getProperty("user.home"), ".osprey/agent/token"), preferences.agentTokenFile());
        assertTrue(preferences.startEmbeddedAgent());
        assertEquals(EmbeddedSource.LIVE, preferences.embeddedSource());
        assertEquals("org.osprey.app.theme.light", preferences.theme());
    }

    @Test
    void valuesGoThroughTheFileOnDiskAndDefaultsAreNotStored() throws Exception {
        OspreyPreferences preferences = new OspreyPreferences();
        preferences.setRingCapacity(250_000);
        preferences.setRefreshRate(4);
        preferences.setAgentUrl(" wss://10.0.0.7:7443/osprey ");
        preferences.setAgentTokenFile(Path.of("/etc/osprey/token"));
        preferences.setStartEmbeddedAgent(false);
        preferences.setEmbeddedSource(EmbeddedSource.DEMO);
        preferences.setTheme(OspreyPreferences.DARK_THEME);
        preferences.setRingCapacity(OspreyPreferences.DEFAULT_RING_CAPACITY - 1);
        preferences.flush();

        Properties onDisk = prefsFile();
        assertEquals("999999", onDisk.getProperty("packets.ringCapacity"));
        assertEquals("4", onDisk.getProperty("ui.refreshRate"));
        assertEquals("wss://10.0.0.7:7443/osprey", onDisk.getProperty("agent.url"));
        assertEquals("/etc/osprey/token", onDisk.getProperty("agent.tokenFile"));
        assertEquals("false", onDisk.getProperty("agent.startEmbedded"));
        assertEquals("DEMO", onDisk.getProperty("agent.embeddedSource"));
        assertEquals(OspreyPreferences.DARK_THEME, onDisk.getProperty("appearance.theme"));

        OspreyPreferences reloaded = new OspreyPreferences();
        assertEquals(999_999, reloaded.ringCapacity());
        assertEquals(4, reloaded.refreshRate());
        assertEquals("wss://10.0.0.7:7443/osprey", reloaded.agentUrl());
        assertEquals(Path.of("/etc/osprey/token"), reloaded.agentTokenFile());
        assertFalse(reloaded.startEmbeddedAgent());
        assertEquals(EmbeddedSource.DEMO, reloaded.embeddedSource());
        assertEquals(OspreyPreferences.DARK_THEME, reloaded.theme());

        // back to a default: the key leaves the file
        reloaded.setRingCapacity(OspreyPreferences.DEFAULT_RING_CAPACITY);
        reloaded.flush();
        assertNull(prefsFile().getProperty("packets.ringCapacity"));
        assertEquals(OspreyPreferences.DEFAULT_RING_CAPACITY, reloaded.ringCapacity());
    }

    @Test
    void outOfBoundsValuesAreRefusedWhenSetAndClampedWhenHandEdited() {
        OspreyPreferences preferences = new OspreyPreferences();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> preferences.setRingCapacity(9_999));
        assertEquals("packets.ringCapacity must be between 10000 and 50000000, not 9999", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> preferences.setRefreshRate(11));
        assertThrows(IllegalArgumentException.class, () -> preferences.setRefreshRate(0));

        InstanceScope.INSTANCE.getNode(OspreyPreferences.NODE).putInt(OspreyPreferences.RING_CAPACITY, 5);
        InstanceScope.INSTANCE.getNode(OspreyPreferences.NODE).putInt(OspreyPreferences.REFRESH_RATE, 100);
        InstanceScope.INSTANCE.getNode(OspreyPreferences.NODE).put(OspreyPreferences.EMBEDDED_SOURCE, "printer");
        assertEquals(10_000, preferences.ringCapacity());
        assertEquals(10, preferences.refreshRate());
        assertEquals(EmbeddedSource.LIVE, preferences.embeddedSource());
    }

    @Test
    void listenersHearTheKeysThatChangeUntilClosed() {
        OspreyPreferences preferences = new OspreyPreferences();
        List<String> heard = new ArrayList<>();
        OspreyPreferences.Registration registration = preferences.addListener(heard::add);
        preferences.setRingCapacity(20_000);
        preferences.setRefreshRate(2);
        preferences.setRingCapacity(OspreyPreferences.DEFAULT_RING_CAPACITY); // removal is a change too
        registration.close();
        preferences.setRefreshRate(3);
        assertEquals(List.of(OspreyPreferences.RING_CAPACITY, OspreyPreferences.REFRESH_RATE,
                OspreyPreferences.RING_CAPACITY), heard);
    }

    /** Where Equinox keeps the instance-scope preferences of org.osprey.ui: under the workspace's metadata. */
    static Path prefsPath() throws URISyntaxException {
        Path workspace = Path.of(URIUtil.toURI(Platform.getInstanceLocation().getURL()));
        return workspace.resolve(".metadata/.plugins/org.eclipse.core.runtime/.settings")
                .resolve(OspreyPreferences.NODE + ".prefs");
    }

    /** The instance-scope preference file of org.osprey.ui, parsed. */
    private static Properties prefsFile() throws IOException, URISyntaxException {
        Path file = prefsPath();
        assertTrue(Files.isRegularFile(file), "written: " + file);
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }
}
