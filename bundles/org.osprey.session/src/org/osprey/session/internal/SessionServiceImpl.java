package org.osprey.session.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osprey.agent.LocalAgent;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.NetworkInterfaceInfo;
import org.osprey.detect.Alert;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.eve.EveJson;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.RemoteAgent;
import org.osprey.session.Session;
import org.osprey.session.SessionException;
import org.osprey.session.SessionListener;
import org.osprey.session.SessionService;
import org.osprey.stream.FilterSyntaxException;
import org.osprey.stream.PacketStream;
import org.osprey.transport.client.AgentConnection;
import org.osprey.transport.client.ConnectionListener;
import org.osprey.transport.client.ConnectionSettings;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.FirstUseTrust;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.server.ServerConfig;

/**
 * The client's {@link SessionService}.
 * <p>
 * <b>Embedded agent.</b> A {@link LocalAgent} on 127.0.0.1 with a free port, its state (certificate, token) in
 * {@code <osprey home>/embedded-agent}, and a replay ring of {@value #EMBEDDED_RING} packets: enough to resume after a
 * reconnection of several seconds at 10k packets/s without doubling the client's memory. The client pins the agent's
 * certificate it has just read, so the first connection needs no trust-on-first-use question.
 * <p>
 * <b>Osprey home</b> is the system property {@value #HOME_PROPERTY}, else {@code ~/.osprey}; remote agents'
 * fingerprints are kept in its {@code known_agents}.
 */
@Component(service = SessionService.class)
public final class SessionServiceImpl implements SessionService {

    /** System property naming the directory Osprey keeps its state in. */
    public static final String HOME_PROPERTY = "osprey.home";
    static final int EMBEDDED_RING = 200_000;
    /** The demo's pace: lively in every view, light on a laptop. */
    static final int DEMO_PACKETS_PER_SECOND = 1_000;

    private static final System.Logger LOG = System.getLogger(SessionServiceImpl.class.getName());

    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    @Reference
    private PacketStream stream;

    @Reference
    private CaptureSources sources;

    /** Where alerts the agent's own detection sends are kept for the views; absent outside the desktop client. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AlertStore alertStore;

    private Path home;
    private KnownAgents knownAgents;

    // guarded by lock
    private ActiveSession current;

    /** For DS. */
    public SessionServiceImpl() {
    }

    /** Outside DS (tests, benchmarks). */
    public SessionServiceImpl(PacketStream stream, CaptureSources sources, Path home) {
        this.stream = stream;
        this.sources = sources;
        setHome(home);
    }

    @Activate
    void activate() {
        String configured = System.getProperty(HOME_PROPERTY);
        setHome(configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".osprey"));
    }

    private void setHome(Path home) {
        this.home = home;
        this.knownAgents = new KnownAgents(home.resolve("known_agents"));
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    public Session startEmbedded(EmbeddedMode mode) throws SessionException {
        synchronized (lock) {
            endCurrent();
            String description;
            Function<PacketStream, CaptureSource> source;
            if (mode == EmbeddedMode.LIVE) {
                NetworkInterfaceInfo nif = defaultInterface();
                description = "live capture on " + nif.name() + " (embedded agent)";
                source = agentStream -> sources.live(LiveCaptureOptions.on(nif.name()).build(), agentStream);
            } else {
                description = "demo traffic from the generator (embedded agent)";
                GeneratorOptions demo = GeneratorOptions.withSeed(System.nanoTime())
                        .packetsPerSecond(DEMO_PACKETS_PER_SECOND).build();
                source = agentStream -> sources.generator(demo, agentStream);
            }
            Path agentHome = home.resolve("embedded-agent");
            LocalAgent agent;
            String token;
            try {
                agent = LocalAgent.start(EMBEDDED_RING, source, ServerConfig.builder(agentHome)
                        .bindAddress(ServerConfig.DEFAULT_BIND_ADDRESS).port(0).agentId("embedded"));
            } catch (CaptureException e) {
                throw new SessionException(e.getMessage(), e, e.reason() == CaptureException.Reason.PERMISSION_DENIED);
            } catch (IOException | GeneralSecurityException e) {
                throw new SessionException("The embedded agent could not start: " + e.getMessage(), e, false);
            }
            try {
                token = agent.token();
            } catch (IOException e) {
                agent.close();
                throw new SessionException("The embedded agent's token cannot be read: " + e.getMessage(), e, false);
            }
            // the embedded agent listens on a new port each time: its pin lives for this session only
            Path pins = agentHome.resolve("known_agents");
            try {
                Files.deleteIfExists(pins);
            } catch (IOException e) {
                agent.close();
                throw new SessionException("Cannot reset " + pins + ": " + e.getMessage(), e, false);
            }
            ConnectionSettings settings = ConnectionSettings
                    .builder(agent.uri(), token, new KnownAgents(pins))
                    .expectedFingerprint(agent.fingerprint())
                    .firstUseTrust(FirstUseTrust.REFUSE)
                    .start(ConnectionSettings.StartPosition.OLDEST_HELD) // all the agent captured, from its start
                    .clientName("osprey-desktop")
                    .build();
            return begin(mode == EmbeddedMode.LIVE ? Session.Kind.EMBEDDED_LIVE : Session.Kind.EMBEDDED_DEMO,
                    description, settings, agent);
        }
    }

    @Override
    public Session connect(RemoteAgent remote) {
        synchronized (lock) {
            endCurrent();
            ConnectionSettings.Builder settings = ConnectionSettings.builder(remote.uri(), remote.token(), knownAgents)
                    .channels(Channel.PACKETS, Channel.STATS, Channel.ALERTS) // alerts: from an agent that detects
                    .firstUseTrust(FirstUseTrust.REFUSE)
                    .clientName("osprey-desktop");
            if (remote.trustedFingerprint() != null) {
                settings.expectedFingerprint(remote.trustedFingerprint());
            }
            return begin(Session.Kind.REMOTE, remote.uri().getAuthority(), settings.build(), null);
        }
    }

    @Override
    public String knownFingerprint(java.net.URI agent) {
        return knownAgents.fingerprint(KnownAgents.agentKey(agent));
    }

    /** The known-agents file of remote agents (fingerprints pinned on first use). */
    public KnownAgents knownAgents() {
        return knownAgents;
    }

    private ActiveSession begin(Session.Kind kind, String description, ConnectionSettings settings, LocalAgent agent) {
        AgentConnection connection = new AgentConnection(settings, stream);
        ActiveSession session = new ActiveSession(kind, description, connection, agent);
        connection.addListener(new ConnectionListener() {
            @Override
            public void stateChanged(ConnectionState state) {
                for (SessionListener listener : listeners) {
                    listener.connectionStateChanged(session, state);
                }
            }

            @Override
            public void agentError(String code, String message, Integer position, boolean fatal) {
                for (SessionListener listener : listeners) {
                    listener.agentError(session, code, message, position);
                }
            }

            @Override
            public void alertReceived(String alertJson) {
                agentAlert(session, alertJson);
            }
        });
        stream.clear(); // a new agent's packets are numbered from 1
        current = session;
        for (SessionListener listener : listeners) {
            listener.sessionChanged(session);
        }
        connection.start();
        return session;
    }

    /**
     * An alert of the agent's own detection (it saw everything it captured, even what a server-side filter kept from
     * this client). Its packet numbers are the agent's, not this stream's, so they go into the evidence rather than
     * marking rows.
     */
    private void agentAlert(ActiveSession session, String alertJson) {
        AlertStore store = alertStore;
        if (store == null) {
            return;
        }
        Alert alert;
        try {
            alert = EveJson.parse(alertJson);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring an alert from {0} that is not one: {1}",
                    session.description(), e.getMessage());
            return;
        }
        Alert.Builder kept = alert.toBuilder().clearSequences().evidence("raised by", "agent " + session.description());
        if (alert.sequenceCount() > 0) {
            kept.evidence("agent packets", alert.sequenceCount() == 1 ? Long.toString(alert.sequence(0))
                    : alert.sequence(0) + " .. " + alert.sequence(alert.sequenceCount() - 1) + " ("
                            + alert.sequenceCount() + ")");
        }
        store.addAgentAlert(kept.build(), "agent " + session.description()); // one entry when the client saw it too
    }

    /** For tests outside DS: where the agent's alerts go. */
    public void setAlertStore(AlertStore store) {
        this.alertStore = store;
    }

    @Override
    public Session current() {
        synchronized (lock) {
            return current;
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (endCurrent()) {
                for (SessionListener listener : listeners) {
                    listener.sessionChanged(null);
                }
            }
        }
    }

    private boolean endCurrent() {
        if (current == null) {
            return false;
        }
        current.end();
        current = null;
        return true;
    }

    @Override
    public void setAgentFilter(String filter) throws FilterSyntaxException {
        ActiveSession session;
        synchronized (lock) {
            session = current;
        }
        if (session != null) {
            session.connection().setFilter(filter);
        }
    }

    @Override
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    /**
     * The interface a capture tool would pick: the first one up with an address that is not loopback, else the first
     * one up (loopback then: better than nothing on a machine without a network).
     */
    private NetworkInterfaceInfo defaultInterface() throws SessionException {
        List<NetworkInterfaceInfo> interfaces;
        try {
            interfaces = sources.interfaces();
        } catch (CaptureException e) {
            throw new SessionException(e.getMessage(), e, e.reason() == CaptureException.Reason.PERMISSION_DENIED);
        }
        return interfaces.stream().filter(nif -> nif.up() && !nif.loopback() && !nif.addresses().isEmpty()).findFirst()
                .or(() -> interfaces.stream().filter(NetworkInterfaceInfo::up).findFirst())
                .orElseThrow(() -> new SessionException("No network interface is up to capture from.", null, false));
    }
}
