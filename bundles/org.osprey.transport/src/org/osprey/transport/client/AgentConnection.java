package org.osprey.transport.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;
import org.osprey.stream.PacketStream;
import org.osprey.transport.client.ConnectionState.Offline;
import org.osprey.transport.client.ConnectionState.OfflineReason;
import org.osprey.transport.internal.client.AgentSession;
import org.osprey.transport.internal.client.PacketReceiver;
import org.osprey.transport.internal.client.PinningTrustManager;
import org.osprey.transport.internal.client.ReconnectBackoff;
import org.osprey.transport.protocol.ErrorCode;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.tls.TlsProtocols;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live connection to one capture agent that feeds a local {@link PacketStream}: TLS 1.3 with the agent's pinned
 * certificate ({@link KnownAgents}, trust on first use), {@code hello}/{@code subscribe}, every received packet
 * decoded into a summary and published, and automatic reconnection with exponential backoff that resumes right
 * after the last packet received, so nothing the agent still holds is lost. Losses the agent reports ({@code gap}) are
 * counted by cause in {@link #statistics()}, never skipped silently.
 * <p>
 * Life cycle: {@link #start()} once; the state goes {@code CONNECTING -> CONNECTED}, on loss
 * {@code RECONNECTING -> CONNECTING -> CONNECTED} again, and ends {@code OFFLINE} after {@link #close()} or a failure
 * retrying cannot mend (token refused, certificate changed or not trusted, no common protocol). An offline
 * connection stays offline: make a new one (e.g. after the person trusted the new certificate).
 * <p>
 * Threads: every public method is thread-safe. Listeners are called on the connection's own event thread, in order.
 * Packets are published on a network thread, one batch at a time (the connection is the local stream's only
 * publisher while it runs). {@link #close()} waits (briefly) for the network threads to stop; do not call it from a
 * {@link PacketStream} publisher.
 */
public final class AgentConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    /** Largest packet batch accepted: the agent sends at most 512 KiB plus one frame (JSON: base64 and text around it). */
    private static final long MAX_BINARY_MESSAGE = 4L << 20;
    private static final long MAX_TEXT_MESSAGE = 8L << 20;
    /** Keep-alive intervals without a word from the agent after which the link is taken for dead. */
    private static final int SILENT_INTERVALS = 3;

    private final ConnectionSettings settings;
    private final PacketReceiver receiver;
    private final PinningTrustManager trustManager;
    private final ReconnectBackoff backoff;
    private final ScheduledExecutorService events;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final AgentSession.Events sessionEvents = new SessionEvents();
    private final Object lifecycle = new Object();

    private volatile ConnectionState state = new Offline(OfflineReason.NOT_STARTED, "not started", null);
    private volatile String filter;
    private volatile AgentSession current;
    private volatile Thread eventThread;

    // guarded by lifecycle
    private WebSocketClient client;
    private boolean started;
    private boolean closed;

    // event thread only
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> keepAlive;
    private long pingId;

    /**
     * @param target the local stream the received packets are published into
     */
    public AgentConnection(ConnectionSettings settings, PacketStream target) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.receiver = new PacketReceiver(Objects.requireNonNull(target, "target"));
        this.trustManager = new PinningTrustManager(settings.agentKey(), settings.knownAgents(),
                settings.expectedFingerprint(), settings.firstUseTrust());
        this.backoff = new ReconnectBackoff(settings.backoff(), new Random());
        this.filter = settings.filter();
        this.events = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "osprey-connection " + settings.agentKey());
            thread.setDaemon(true);
            eventThread = thread;
            return thread;
        });
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The current state (the latest one told to listeners, or about to be). */
    public ConnectionState state() {
        return state;
    }

    /** Counters: packets received, position in the agent's sequence, losses by cause, the agent's own stats. */
    public ConnectionStatistics statistics() {
        return receiver.statistics();
    }

    /** The server-side filter in force (or to be used at the next connection), {@code null} for every packet. */
    public String filter() {
        return filter;
    }

    /**
     * Adds a listener for state changes and agent errors. Add listeners before {@link #start()}, or read
     * {@link #state()} after adding one, so that no change is missed.
     */
    public void addListener(ConnectionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts connecting; returns at once (watch the state). A failed first attempt is retried like a lost connection.
     *
     * @throws IllegalStateException when started before or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException(closed ? "connection is closed" : "connection was started already");
            }
            started = true;
            client = newWebSocketClient();
        }
        events.execute(() -> attempt(1));
    }

    /**
     * Changes the server-side display filter: at once on a live connection (capture keeps running), and for every
     * later reconnection. The text is compiled here first, so a syntax error is thrown with its position before
     * anything is sent; the agent may still refuse it (then {@link ConnectionListener#agentError} with
     * {@code bad-filter} and the previous filter stays in force on the agent).
     *
     * @param text the filter, or {@code null}/blank for every packet
     */
    public void setFilter(String text) throws FilterSyntaxException {
        String newFilter = text == null || text.isBlank() ? null : text;
        if (newFilter != null) {
            DisplayFilter.compile(newFilter);
        }
        filter = newFilter;
        receiver.filterChanged(newFilter != null);
        AgentSession session = current;
        if (session != null) {
            session.changeFilter(newFilter);
        }
    }

    /**
     * Closes the connection (status 1000 to the agent), stops reconnecting and the network threads, and goes
     * {@link OfflineReason#CLOSED offline}. No packet is published after this returns. Idempotent.
     */
    @Override
    public void close() {
        WebSocketClient toStop;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = client;
        }
        receiver.stop();
        Runnable closeSession = () -> {
            cancelTimers();
            AgentSession session = current;
            current = null;
            if (session != null) {
                session.close("closed by the client");
            }
        };
        if (Thread.currentThread() == eventThread) {
            closeSession.run();
        } else {
            try {
                events.submit(closeSession).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
                LOG.debug("closing the session of {}: {}", settings.agent(), e.toString());
            }
        }
        stopQuietly(toStop);
        Offline offline = new Offline(OfflineReason.CLOSED, "closed", null);
        state = offline;
        events.execute(() -> notifyState(offline));
        events.shutdown();
    }

    // ------------------------------------------------------------------ event thread

    private void attempt(int attempt) {
        WebSocketClient webSocketClient;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            webSocketClient = client;
        }
        setState(new ConnectionState.Connecting(attempt));
        trustManager.reset();
        AgentSession session = new AgentSession(settings, receiver, () -> filter, sessionEvents);
        current = session;
        timer = events.schedule(() -> handshakeExpired(session), settings.handshakeTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            CompletableFuture<Session> connecting = webSocketClient.connect(session, settings.agent());
            connecting.whenComplete((opened, failure) -> {
                if (failure != null) {
                    session.connectFailed(failure);
                }
            });
        } catch (IOException | RuntimeException e) {
            session.connectFailed(e);
        }
    }

    private void handshakeExpired(AgentSession session) {
        if (session == current && !session.isWelcomed()) {
            session.abort();
            ended(session, "no welcome from the agent within " + settings.handshakeTimeout().toSeconds() + " s", null);
        }
    }

    private void welcomed(AgentSession session, Message.Welcome welcome, PacketReceiver.Resume resume) {
        if (session != current) {
            return;
        }
        cancelTimers();
        backoff.connected(System.nanoTime());
        long interval = settings.keepAliveInterval().toNanos();
        keepAlive = events.scheduleWithFixedDelay(() -> keepAlive(session), interval, interval, TimeUnit.NANOSECONDS);
        if (resume.agentRestarted()) {
            LOG.warn("agent {} restarted (new stream {}): resuming from its oldest held packet {}", settings.agent(),
                    welcome.streamId(), resume.resumeFrom());
        }
        setState(new ConnectionState.Connected(welcome.agentId(), welcome.agentVersion(), welcome.encoding(),
                trustManager.lastPresentedFingerprint(), resume.resumeFrom(), resume.agentRestarted()));
    }

    /**
     * Pings the agent, which answers; an agent silent for {@value #SILENT_INTERVALS} intervals is taken for a dead link
     * (a cable pulled, a NAT that forgot the connection: TCP itself may not notice for many minutes, and our own pings
     * keep Jetty's idle timeout from firing).
     */
    private void keepAlive(AgentSession session) {
        if (session != current) {
            return;
        }
        long silence = session.silenceNanos();
        if (silence > SILENT_INTERVALS * settings.keepAliveInterval().toNanos()) {
            session.abort();
            ended(session, "nothing heard from the agent for " + TimeUnit.NANOSECONDS.toMillis(silence)
                    + " ms (dead link)", null);
            return;
        }
        session.ping(++pingId);
    }

    private void ended(AgentSession session, String why, Throwable cause) {
        if (session != current) {
            return;
        }
        current = null;
        cancelTimers();
        UntrustedCertificateException refused = trustManager.lastRefusal();
        if (refused != null) {
            goOffline(refused.reason() == UntrustedCertificateException.Reason.CHANGED
                    ? OfflineReason.CERTIFICATE_CHANGED
                    : OfflineReason.CERTIFICATE_NOT_TRUSTED, refused.getMessage(), refused);
            return;
        }
        Message.Error fatal = session.fatalError();
        OfflineReason permanent = fatal == null ? null : permanentFailure(fatal.errorCode());
        if (permanent != null) {
            goOffline(permanent, "the agent refused the connection: " + fatal.code() + ": " + fatal.message(), null);
            return;
        }
        if (session.isWelcomed()) {
            backoff.disconnected(System.nanoTime());
        }
        long delay = backoff.nextDelayNanos();
        int attempt = backoff.attempts();
        LOG.info("connection to {} lost ({}); attempt {} in {} ms", settings.agent(), why, attempt,
                TimeUnit.NANOSECONDS.toMillis(delay));
        setState(new ConnectionState.Reconnecting(attempt, Duration.ofNanos(delay), why));
        timer = events.schedule(() -> attempt(attempt), delay, TimeUnit.NANOSECONDS);
    }

    /** Failures that retrying cannot mend; everything else (network, agent restart, rate limit) is retried. */
    private static OfflineReason permanentFailure(ErrorCode code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
        case UNAUTHORIZED -> OfflineReason.UNAUTHORIZED;
        case UNSUPPORTED_VERSION, UNSUPPORTED_ENCODING -> OfflineReason.INCOMPATIBLE;
        default -> null;
        };
    }

    private void goOffline(OfflineReason reason, String message, Throwable cause) {
        LOG.error("connection to {} is offline: {}", settings.agent(), message);
        WebSocketClient toStop;
        synchronized (lifecycle) {
            toStop = closed ? null : client;
            closed = true;
        }
        receiver.stop();
        setState(new Offline(reason, message, cause));
        stopQuietly(toStop);
        events.shutdown();
    }

    private void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
    }

    private void setState(ConnectionState newState) {
        state = newState;
        notifyState(newState);
    }

    private void notifyState(ConnectionState newState) {
        for (ConnectionListener listener : listeners) {
            try {
                listener.stateChanged(newState);
            } catch (RuntimeException e) {
                LOG.warn("connection listener {} failed on {}", listener, newState, e);
            }
        }
    }

    /** Moves session events to the event thread (and ignores them after close). */
    private final class SessionEvents implements AgentSession.Events {
        @Override
        public void welcomed(AgentSession session, Message.Welcome welcome, PacketReceiver.Resume resume) {
            post(() -> AgentConnection.this.welcomed(session, welcome, resume));
        }

        @Override
        public void agentError(AgentSession session, Message.Error error) {
            LOG.warn("agent {} reported {}{}: {}", settings.agent(), error.fatal() ? "fatal " : "", error.code(),
                    error.message());
            post(() -> {
                for (ConnectionListener listener : listeners) {
                    try {
                        listener.agentError(error.code(), error.message(), error.position(), error.fatal());
                    } catch (RuntimeException e) {
                        LOG.warn("connection listener {} failed on an agent error", listener, e);
                    }
                }
            });
        }

        @Override
        public void alert(AgentSession session, Message.Alert alert) {
            post(() -> {
                for (ConnectionListener listener : listeners) {
                    try {
                        listener.alertReceived(alert.json());
                    } catch (RuntimeException e) {
                        LOG.warn("connection listener {} failed on an alert", listener, e);
                    }
                }
            });
        }

        @Override
        public void ended(AgentSession session, String why, Throwable cause) {
            post(() -> AgentConnection.this.ended(session, why, cause));
        }

        private void post(Runnable event) {
            try {
                events.execute(event);
            } catch (RejectedExecutionException e) {
                // closed: nothing more to tell
            }
        }
    }

    // ------------------------------------------------------------------ Jetty

    private WebSocketClient newWebSocketClient() {
        try {
            SSLContext tls = SSLContext.getInstance(TlsProtocols.TLS_1_3);
            tls.init(null, new TrustManager[] { trustManager }, null);
            SslContextFactory.Client sslContextFactory = new SslContextFactory.Client() {
                @Override
                protected void checkEndPointIdentificationAlgorithm() {
                    // no warning: the pin authenticates the agent; its self-signed certificate names no host to check
                }
            };
            sslContextFactory.setSslContext(tls);
            sslContextFactory.setIncludeProtocols(TlsProtocols.TLS_1_3);
            sslContextFactory.setEndpointIdentificationAlgorithm(null);

            QueuedThreadPool threads = new QueuedThreadPool(8, 1);
            threads.setName("osprey-client " + settings.agentKey());
            threads.setDaemon(true);
            HttpClient http = new HttpClient();
            http.setSslContextFactory(sslContextFactory);
            http.setExecutor(threads);
            http.setConnectTimeout(settings.handshakeTimeout().toMillis());

            WebSocketClient webSocketClient = new WebSocketClient(http);
            webSocketClient.setMaxBinaryMessageSize(MAX_BINARY_MESSAGE);
            webSocketClient.setMaxTextMessageSize(MAX_TEXT_MESSAGE);
            // a backstop only: our own pings count as activity, so keepAlive() is what notices a silent agent
            webSocketClient.setIdleTimeout(settings.keepAliveInterval().multipliedBy(SILENT_INTERVALS + 1));
            webSocketClient.setStopTimeout(2_000);
            webSocketClient.start();
            return webSocketClient;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS 1.3 is not available in this Java runtime", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the WebSocket client: " + e.getMessage(), e);
        }
    }

    private void stopQuietly(WebSocketClient toStop) {
        if (toStop == null) {
            return;
        }
        try {
            toStop.stop();
        } catch (Exception e) {
            LOG.debug("stopping the WebSocket client of {}: {}", settings.agent(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "AgentConnection[" + settings.agent() + ", " + state.kind() + "]";
    }
}
