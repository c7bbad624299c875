package org.osprey.ui.preferences;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

/**
 * The desktop client's preferences: key names, typed getters with defaults and bounds, setters, and change listeners.
 * Values live in the instance-scope preferences of {@value #NODE} (the workspace's
 * {@code .metadata/.plugins/org.eclipse.core.runtime/.settings/org.osprey.ui.prefs}); a value never set reads as its
 * default, and a stored value out of bounds reads clamped, so a hand-edited file cannot break the client.
 * <p>
 * An instance is a cheap view of the preference node, not a singleton: make one where needed
 * ({@code new OspreyPreferences()}). Setters change the node at once (listeners hear it); {@link #flush()} writes it
 * to disk (the preference dialog does on OK).
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@value #RING_CAPACITY}</td><td>int {@value #MIN_RING_CAPACITY}..{@value #MAX_RING_CAPACITY}</td>
 * <td>{@value #DEFAULT_RING_CAPACITY}</td><td>packets the client's PacketStream keeps; the oldest are discarded
 * (applied live by {@link StreamConfigurationApplier})</td></tr>
 * <tr><td>{@value #REFRESH_RATE}</td><td>int {@value #MIN_REFRESH_RATE}..{@value #MAX_REFRESH_RATE}</td>
 * <td>{@value #DEFAULT_REFRESH_RATE}</td><td>how many times a second the views redraw (the UiRefresher's tick
 * rate)</td></tr>
 * <tr><td>{@value #AGENT_URL}</td><td>wss:// URI</td><td>{@value #DEFAULT_AGENT_URL}</td><td>the agent Connect
 * offers first</td></tr>
 * <tr><td>{@value #AGENT_TOKEN_FILE}</td><td>path</td><td>~/.osprey/agent/token</td><td>the file holding that
 * agent's access token</td></tr>
 * <tr><td>{@value #START_EMBEDDED_AGENT}</td><td>boolean</td><td>true</td><td>start an agent inside the client
 * at startup and connect to it</td></tr>
 * <tr><td>{@value #EMBEDDED_SOURCE}</td><td>{@link EmbeddedSource} name</td><td>LIVE</td><td>what the
 * embedded agent captures: the default interface, or the demo traffic generator</td></tr>
 * <tr><td>{@value #THEME}</td><td>theme id</td><td>{@value #LIGHT_THEME}</td><td>the window's CSS theme
 * ({@value #LIGHT_THEME} or {@value #DARK_THEME}); applied through the e4 theme engine, which also keeps it</td></tr>
 * <tr><td>{@value #ALERT_TOASTS}</td><td>boolean</td><td>true</td><td>show a toast for alerts at or above
 * the toast severity</td></tr>
 * <tr><td>{@value #TOAST_MINIMUM_SEVERITY}</td><td>severity name</td><td>{@value #DEFAULT_TOAST_MINIMUM_SEVERITY}
 * </td><td>the lowest severity that gets a toast</td></tr>
 * <tr><td>{@value #TOAST_LIMIT}</td><td>int {@value #MIN_TOAST_LIMIT}..{@value #MAX_TOAST_LIMIT}</td>
 * <td>{@value #DEFAULT_TOAST_LIMIT}</td><td>toasts per {@value #TOAST_WINDOW_SECONDS} s at most; beyond, one
 * summary toast counts the rest</td></tr>
 * <tr><td>{@code detectors/ID/KEY}</td><td>number</td><td>the parameter's default</td><td>the analyst's value of
 * one detector parameter (Detectors view), applied to the client's detection run at start and when changed</td></tr>
 * </table>
 */
public final class OspreyPreferences {

    /** The preference node (the bundle's symbolic name). */
    public static final String NODE = "org.osprey.ui";

    public static final String RING_CAPACITY = "packets.ringCapacity";
    public static final int DEFAULT_RING_CAPACITY = 1_000_000;
    public static final int MIN_RING_CAPACITY = 10_000;
    public static final int MAX_RING_CAPACITY = 50_000_000;

    public static final String REFRESH_RATE = "ui.refreshRate";
    public static final int DEFAULT_REFRESH_RATE = 10;
    public static final int MIN_REFRESH_RATE = 1;
    public static final int MAX_REFRESH_RATE = 10;

    public static final String AGENT_URL = "agent.url";
    public static final String DEFAULT_AGENT_URL = "wss://127.0.0.1:7443/osprey";

    public static final String AGENT_TOKEN_FILE = "agent.tokenFile";

    public static final String START_EMBEDDED_AGENT = "agent.startEmbedded";
    public static final boolean DEFAULT_START_EMBEDDED_AGENT = true;

    public static final String EMBEDDED_SOURCE = "agent.embeddedSource";

    public static final String THEME = "appearance.theme";
    public static final String LIGHT_THEME = "org.osprey.app.theme.light";
    public static final String DARK_THEME = "org.osprey.app.theme.dark";

    public static final String ALERT_TOASTS = "alerts.toasts";
    public static final boolean DEFAULT_ALERT_TOASTS = true;

    public static final String TOAST_MINIMUM_SEVERITY = "alerts.toastMinimumSeverity";
    public static final String DEFAULT_TOAST_MINIMUM_SEVERITY = "HIGH";
    /**
     * The names of {@code org.osprey.detect.Severity}, lowest first (this bundle does not depend on the detector SPI;
     * the alerts bundle's tests check that the two agree).
     */
    public static final List<String> SEVERITY_NAMES = List.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");

    public static final String TOAST_LIMIT = "alerts.toastLimit";
    public static final int DEFAULT_TOAST_LIMIT = 3;
    public static final int MIN_TOAST_LIMIT = 1;
    public static final int MAX_TOAST_LIMIT = 20;
    /** The window of the toast limit. */
    public static final int TOAST_WINDOW_SECONDS = 10;

    /** The child node holding one node per detector id, with the analyst's parameter values. */
    private static final String DETECTORS = "detectors";

    /** What an agent started inside the client captures; the names are those of org.osprey.session.EmbeddedMode. */
    public enum EmbeddedSource {
        /** Live capture of the default interface (needs capture permission; else the client offers the demo). */
        LIVE("Live capture of the default interface"),
        /** The traffic generator, labelled as demo in the window. */
        DEMO("Demo traffic generator");

        private final String label;

        EmbeddedSource(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final IEclipsePreferences node;

    /** The client's preferences (instance scope of {@value #NODE}). */
    public OspreyPreferences() {
        this(InstanceScope.INSTANCE.getNode(NODE));
    }

    /** Preferences kept in another node (tests use a node of their own). */
    public OspreyPreferences(IEclipsePreferences node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    // ------------------------------------------------------------------ packets

    public int ringCapacity() {
        return Math.clamp(node.getInt(RING_CAPACITY, DEFAULT_RING_CAPACITY), MIN_RING_CAPACITY, MAX_RING_CAPACITY);
    }

    public void setRingCapacity(int packets) {
        putInt(RING_CAPACITY, checked(RING_CAPACITY, packets, MIN_RING_CAPACITY, MAX_RING_CAPACITY),
                DEFAULT_RING_CAPACITY);
    }

    public int refreshRate() {
        return Math.clamp(node.getInt(REFRESH_RATE, DEFAULT_REFRESH_RATE), MIN_REFRESH_RATE, MAX_REFRESH_RATE);
    }

    public void setRefreshRate(int ticksPerSecond) {
        putInt(REFRESH_RATE, checked(REFRESH_RATE, ticksPerSecond, MIN_REFRESH_RATE, MAX_REFRESH_RATE),
                DEFAULT_REFRESH_RATE);
    }

    // ------------------------------------------------------------------ agent

    public String agentUrl() {
        return node.get(AGENT_URL, DEFAULT_AGENT_URL);
    }

    public void setAgentUrl(String url) {
        putString(AGENT_URL, url.strip(), DEFAULT_AGENT_URL);
    }

    public Path agentTokenFile() {
        String stored = node.get(AGENT_TOKEN_FILE, null);
        return stored == null || stored.isBlank() ? defaultTokenFile() : Path.of(stored);
    }

    public void setAgentTokenFile(Path file) {
        putString(AGENT_TOKEN_FILE, file.toString(), defaultTokenFile().toString());
    }

    /** Where {@code osprey agent} keeps its token by default. */
    public static Path defaultTokenFile() {
        return Path.of(System.getProperty("user.home"), ".osprey", "agent", "token");
    }

    public boolean startEmbeddedAgent() {
        return node.getBoolean(START_EMBEDDED_AGENT, DEFAULT_START_EMBEDDED_AGENT);
    }

    public void setStartEmbeddedAgent(boolean start) {
        if (start == DEFAULT_START_EMBEDDED_AGENT) {
            node.remove(START_EMBEDDED_AGENT);
        } else {
            node.putBoolean(START_EMBEDDED_AGENT, start);
        }
    }

    public EmbeddedSource embeddedSource() {
        String stored = node.get(EMBEDDED_SOURCE, EmbeddedSource.LIVE.name());
        for (EmbeddedSource source : EmbeddedSource.values()) {
            if (source.name().equals(stored)) {
                return source;
            }
        }
        return EmbeddedSource.LIVE;
    }

    public void setEmbeddedSource(EmbeddedSource source) {
        putString(EMBEDDED_SOURCE, source.name(), EmbeddedSource.LIVE.name());
    }

    // ------------------------------------------------------------------ appearance

    public String theme() {
        return node.get(THEME, LIGHT_THEME);
    }

    public void setTheme(String themeId) {
        putString(THEME, themeId, LIGHT_THEME);
    }

    // ------------------------------------------------------------------ alerts

    public boolean alertToasts() {
        return node.getBoolean(ALERT_TOASTS, DEFAULT_ALERT_TOASTS);
    }

    public void setAlertToasts(boolean show) {
        if (show == DEFAULT_ALERT_TOASTS) {
            node.remove(ALERT_TOASTS);
        } else {
            node.putBoolean(ALERT_TOASTS, show);
        }
    }

    /** One of {@link #SEVERITY_NAMES}; a stored name that is none of them reads as the default. */
    public String toastMinimumSeverity() {
        String stored = node.get(TOAST_MINIMUM_SEVERITY, DEFAULT_TOAST_MINIMUM_SEVERITY);
        return SEVERITY_NAMES.contains(stored) ? stored : DEFAULT_TOAST_MINIMUM_SEVERITY;
    }

    public void setToastMinimumSeverity(String severityName) {
        if (!SEVERITY_NAMES.contains(severityName)) {
            throw new IllegalArgumentException(TOAST_MINIMUM_SEVERITY + " must be one of " + SEVERITY_NAMES + ", not "
                    + severityName);
        }
        putString(TOAST_MINIMUM_SEVERITY, severityName, DEFAULT_TOAST_MINIMUM_SEVERITY);
    }

    public int toastLimit() {
        return Math.clamp(node.getInt(TOAST_LIMIT, DEFAULT_TOAST_LIMIT), MIN_TOAST_LIMIT, MAX_TOAST_LIMIT);
    }

    public void setToastLimit(int toastsPerWindow) {
        putInt(TOAST_LIMIT, checked(TOAST_LIMIT, toastsPerWindow, MIN_TOAST_LIMIT, MAX_TOAST_LIMIT),
                DEFAULT_TOAST_LIMIT);
    }

    /**
     * The analyst's values of one detector's parameters (only those changed from the defaults), in key order; empty
     * when none was changed. A value that is not a number is left out.
     */
    public Map<String, Double> detectorSettings(String detectorId) {
        Map<String, Double> values = new TreeMap<>();
        try {
            if (!node.nodeExists(detectorPath(detectorId))) {
                return values;
            }
            Preferences detector = node.node(detectorPath(detectorId));
            for (String key : detector.keys()) {
                double value = detector.getDouble(key, Double.NaN);
                if (!Double.isNaN(value)) {
                    values.put(key, value);
                }
            }
        } catch (BackingStoreException e) {
            ILog.of(OspreyPreferences.class).warn("Cannot read the settings of detector " + detectorId, e);
        }
        return values;
    }

    /** Replaces one detector's stored values; an empty map forgets them (the defaults apply). */
    public void setDetectorSettings(String detectorId, Map<String, Double> values) {
        try {
            Preferences detector = node.node(detectorPath(detectorId));
            detector.clear();
            for (Map.Entry<String, Double> value : values.entrySet()) {
                detector.putDouble(value.getKey(), value.getValue());
            }
            if (values.isEmpty()) {
                detector.removeNode();
            }
        } catch (BackingStoreException e) {
            throw new IllegalStateException("Cannot store the settings of detector " + detectorId, e);
        }
    }

    /** The ids of the detectors with stored values. */
    public List<String> detectorsWithSettings() {
        try {
            return node.nodeExists(DETECTORS) ? List.of(node.node(DETECTORS).childrenNames()) : List.of();
        } catch (BackingStoreException e) {
            ILog.of(OspreyPreferences.class).warn("Cannot read the detector settings", e);
            return List.of();
        }
    }

    private static String detectorPath(String detectorId) {
        if (detectorId.isEmpty() || detectorId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("not a detector id: '" + detectorId + "'");
        }
        return DETECTORS + "/" + detectorId;
    }

    // ------------------------------------------------------------------ storing and listening

    /** Writes the values to disk. */
    public void flush() throws BackingStoreException {
        node.flush();
    }

    /**
     * Calls {@code changed} with the key of every value that changes (on the thread that changed it) until the
     * returned registration is closed.
     */
    public Registration addListener(Consumer<String> changed) {
        IPreferenceChangeListener listener = event -> changed.accept(event.getKey());
        node.addPreferenceChangeListener(listener);
        return () -> node.removePreferenceChangeListener(listener);
    }

    /** A listener's registration; closing it stops the calls. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Defaults are not stored, so a later release's better default reaches everyone who never changed it. */
    private void putInt(String key, int value, int defaultValue) {
        if (value == defaultValue) {
            node.remove(key);
        } else {
            node.putInt(key, value);
        }
    }

    private void putString(String key, String value, String defaultValue) {
        if (value.equals(defaultValue)) {
            node.remove(key);
        } else {
            node.put(key, value);
        }
    }

    private static int checked(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
