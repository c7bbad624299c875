package org.osprey.ui.session;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osprey.session.Session;
import org.osprey.session.SessionListener;
import org.osprey.session.SessionService;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamStatistics;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.ConnectionStatistics;
import org.osprey.transport.protocol.Message;
import org.osprey.ui.LiveView;
import org.osprey.ui.UiRefresher;

/**
 * The connection part of the status line, always visible: where packets come from (with a DEMO badge for generated
 * traffic), the connection state (connected, reconnecting in N s with the attempt, offline and why), packets per
 * second, capture-to-screen latency, drops by cause, and whether the views are live or paused (with the packets
 * that arrived since the pause).
 * <p>
 * Drops by cause: <i>kernel</i> is what the capture driver lost on the agent (pcap statistics), <i>agent queue</i>
 * what the agent skipped because this client fell behind, <i>ring</i> what the agent's replay ring no longer held
 * when this client came back. Packets the client's own ring lets go to keep memory flat are not drops.
 * <p>
 * An e4 ToolControl in the bottom trim bar. It refreshes on the {@link UiRefresher} clock, twice a second and at once
 * when the session or the pause state changes.
 */
public final class SessionStatusControl {

    private static final int PERIOD_MILLIS = 500;

    @Inject
    SessionService sessions;

    @Inject
    PacketStream stream;

    @Inject
    LiveView liveView;

    @Inject
    UiRefresher refresher;

    /** The window the status line is in: its title names the source too (DEMO included), seen from the task bar. */
    @Inject
    @Optional
    MWindow window;

    private final SessionListener sessionListener = new SessionListener() {
        @Override
        public void sessionChanged(Session current) {
            registration.markDirty();
        }

        @Override
        public void connectionStateChanged(Session session, ConnectionState state) {
            if (state instanceof ConnectionState.Reconnecting reconnecting) {
                reconnectAtNanos = System.nanoTime() + reconnecting.delay().toNanos();
            }
            registration.markDirty();
        }
    };
    private final LiveView.Listener pauseListener = view -> this.registration.markDirty();

    private UiRefresher.Registration registration;
    private volatile long reconnectAtNanos;
    private Composite area;
    private Label demoBadge;
    private Label source;
    private Label state;
    private Label rate;
    private Label latency;
    private Label drops;
    private Label mode;

    @PostConstruct
    public void create(Composite parent) {
        area = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(7).margins(6, 1).spacing(14, 0).applyTo(area);
        demoBadge = label(SWT.CENTER);
        demoBadge.setText(" DEMO ");
        demoBadge.setToolTipText("Generated demo traffic, not a capture");
        demoBadge.setBackground(new Color(0xE0, 0x7B, 0x00));
        demoBadge.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        source = label(SWT.NONE);
        state = label(SWT.NONE);
        rate = label(SWT.RIGHT);
        latency = label(SWT.RIGHT);
        drops = label(SWT.NONE);
        mode = label(SWT.NONE);
        registration = refresher.register(this::refresh);
        sessions.addListener(sessionListener);
        liveView.addListener(pauseListener);
        area.getDisplay().timerExec(PERIOD_MILLIS, this::tick);
        refresh();
    }

    @PreDestroy
    public void dispose() {
        sessions.removeListener(sessionListener);
        liveView.removeListener(pauseListener);
        registration.unregister();
    }

    /** Everything the control shows, in one line (for tests and the accessibility name). */
    public String statusText() {
        StringBuilder text = new StringBuilder();
        for (Label label : new Label[] { demoBadge, source, state, rate, latency, drops, mode }) {
            if (label.getVisible() && !label.getText().isBlank()) {
                text.append(text.isEmpty() ? "" : " | ").append(label.getText().strip());
            }
        }
        return text.toString();
    }

    private Label label(int style) {
        Label label = new Label(area, style);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).applyTo(label);
        return label;
    }

    private void tick() {
        if (area.isDisposed()) {
            return;
        }
        registration.markDirty();
        area.getDisplay().timerExec(PERIOD_MILLIS, this::tick);
    }

    private void refresh() {
        if (area.isDisposed()) {
            return;
        }
        Session session = sessions.current();
        boolean demo = session != null && session.isDemo();
        show(demoBadge, demo);
        source.setText(session == null ? "No agent" : session.description());
        String title = windowTitle(session);
        if (window != null && !title.equals(window.getLabel())) {
            window.setLabel(title);
        }
        ConnectionState connection = session == null ? null : session.connectionState();
        state.setText(stateText(connection));
        state.setForeground(area.getDisplay().getSystemColor(stateColor(connection)));
        state.setToolTipText(connection instanceof ConnectionState.Offline offline ? offline.message()
                : connection instanceof ConnectionState.Reconnecting reconnecting ? reconnecting.cause() : null);

        StreamStatistics statistics = stream.statistics();
        rate.setText(String.format("%,.0f pkt/s", statistics.packetsPerSecond()));
        long latencyNanos = liveView.displayLatencyNanos();
        boolean live = connection instanceof ConnectionState.Connected && latencyNanos >= 0;
        latency.setText(live ? String.format("latency %.1f ms", latencyNanos / 1e6) : "");
        drops.setText(session == null ? "" : dropsText(session.statistics()));
        mode.setText(liveView.isPaused() ? String.format("PAUSED (+%,d)", liveView.packetsSincePause()) : "LIVE");
        mode.setForeground(area.getDisplay().getSystemColor(liveView.isPaused() ? SWT.COLOR_DARK_YELLOW
                : SWT.COLOR_DARK_GREEN));
        area.getParent().layout(true, true);
    }

    /** "Osprey", then where the packets come from; demo traffic says so first. */
    static String windowTitle(Session session) {
        if (session == null) {
            return "Osprey";
        }
        return session.isDemo() ? "Osprey \u2014 DEMO: generated traffic, not a capture"
                : "Osprey \u2014 " + session.description();
    }

    private static void show(Label label, boolean visible) {
        label.setVisible(visible);
        ((org.eclipse.swt.layout.GridData) label.getLayoutData()).exclude = !visible;
    }

    private String stateText(ConnectionState connection) {
        if (connection == null) {
            return "offline";
        }
        return switch (connection) {
            case ConnectionState.Connecting connecting -> connecting.attempt() > 1
                    ? "connecting (attempt " + connecting.attempt() + ")" : "connecting";
            case ConnectionState.Connected connected -> "connected";
            case ConnectionState.Reconnecting reconnecting -> String.format("reconnecting in %d s (attempt %d)",
                    Math.max(0, (reconnectAtNanos - System.nanoTime() + 999_999_999L) / 1_000_000_000L),
                    reconnecting.attempt());
            case ConnectionState.Offline offline -> "offline: " + offline.message();
        };
    }

    private static int stateColor(ConnectionState connection) {
        if (connection == null) {
            return SWT.COLOR_DARK_GRAY;
        }
        return switch (connection.kind()) {
            case CONNECTED -> SWT.COLOR_DARK_GREEN;
            case CONNECTING, RECONNECTING -> SWT.COLOR_DARK_YELLOW;
            case OFFLINE -> SWT.COLOR_DARK_RED;
        };
    }

    private static String dropsText(ConnectionStatistics statistics) {
        Message.Stats agent = statistics.agentStatistics();
        long kernel = agent == null ? 0 : agent.drops().kernel();
        return String.format("drops: kernel %,d · agent queue %,d · ring %,d", kernel, statistics.missedSlowClient(),
                statistics.missedEvicted());
    }
}
