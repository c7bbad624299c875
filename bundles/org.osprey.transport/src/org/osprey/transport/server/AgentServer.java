package org.osprey.transport.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.osprey.stream.PacketStream;
import org.osprey.transport.internal.server.AuthFailureLimiter;
import org.osprey.transport.internal.server.ClientSession;
import org.osprey.transport.internal.server.ServerContext;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.tls.AgentKeystore;
import org.osprey.transport.tls.OwnerOnlyFiles;
import org.osprey.transport.tls.TlsProtocols;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's secure WebSocket server: serves one {@link PacketStream} to authenticated clients at
 * {@code wss://HOST:PORT/osprey} with the protocol of docs/protocol.md. Jetty 12 core WebSocket API, no servlets;
 * TLS 1.3 only.
 * <p>
 * Plain Java, for the agent application and tests to create directly:
 * <pre>
 * AgentServer server = new AgentServer(ServerConfig.builder(stateDir).port(0).build(), stream);
 * server.start();
 * System.out.println(server.uri() + " " + server.fingerprint() + " token in " + server.tokenFile());
 * ...
 * server.stop();
 * </pre>
 * The stream is only read (by each client's sender, from its ring); the server never publishes and never slows the
 * publisher. {@link #start} and {@link #stop} may be called from any thread, once each in this order (a stopped
 * server can be started again).
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    private static final long AUTH_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Connections beyond the WebSocket limit still accepted, so that they can be refused with a clear 503. */
    private static final int SPARE_CONNECTIONS = 16;

    private final ServerConfig config;
    private final PacketStream stream;
    private final CaptureCounters captureCounters;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();

    private Server jetty;
    private ScheduledExecutorService timers;
    private AgentKeystore keystore;
    private AccessToken token;
    private volatile URI uri;
    private volatile int port = -1;

    public AgentServer(ServerConfig config, PacketStream stream) {
        this(config, stream, CaptureCounters.NONE);
    }

    /** @param captureCounters losses before the stream (kernel, hand-off queue) for clients' {@code stats} */
    public AgentServer(ServerConfig config, PacketStream stream, CaptureCounters captureCounters) {
        this.config = Objects.requireNonNull(config, "config");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.captureCounters = Objects.requireNonNull(captureCounters, "captureCounters");
    }

    /**
     * Loads or makes the keystore and token, binds and starts serving. The server may be started again after
     * {@link #stop()}: it listens on the same port (the one picked at the first start when configured with 0).
     *
     * @throws IOException when the port is in use or the address cannot be bound (the message says which), or the
     *         state files cannot be read or written
     * @throws GeneralSecurityException when the keystore cannot be opened or made
     */
    public synchronized void start() throws IOException, GeneralSecurityException {
        if (jetty != null) {
            throw new IllegalStateException("already started");
        }
        keystore = config.keystore() != null ? AgentKeystore.load(config.keystore(), config.keystorePassword())
                : AgentKeystore.loadOrCreate(config.stateDirectory(), List.of(config.bindAddress()));
        token = AccessToken.loadOrCreate(config.tokenFile());
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("osprey-server-timer").factory());
        ServerContext context = new ServerContext(config, stream, token,
                new AuthFailureLimiter(config.authFailuresPerMinute(), AUTH_WINDOW_NANOS, System::nanoTime),
                captureCounters, timers, sessions, new AtomicLong());

        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("osprey-wss");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, tls(keystore),
                new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost(config.bindAddress());
        // a restart listens where clients know the agent to be, also when the first start picked a free port
        connector.setPort(port > 0 ? port : config.port());
        server.addConnector(connector);
        // TCP/TLS connections that never upgrade count too: beyond this many Jetty stops accepting for a while
        server.addBean(new NetworkConnectionLimit(config.maxConnections() + SPARE_CONNECTIONS, connector));
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(Message.MAX_CLIENT_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(Message.MAX_CLIENT_MESSAGE_BYTES);
            container.setIdleTimeout(config.idleTimeout());
            container.addMapping(Message.ENDPOINT_PATH, (request, response, callback) -> {
                if (sessions.size() >= config.maxConnections()) {
                    Response.writeError(request, response, callback, 503, "too many connections");
                    return null;
                }
                // no extensions: permessage-deflate would spend the agent's CPU (which capture needs) on every batch
                response.setExtensions(List.of());
                return new ClientSession(context);
            });
        }));
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            timers.shutdownNow();
            throw bindFailure(e);
        }
        jetty = server;
        port = connector.getLocalPort();
        uri = URI.create("wss://" + uriHost(config.bindAddress()) + ":" + port + Message.ENDPOINT_PATH);
        if (keystore.created()) {
            LOG.info("Made a new self-signed certificate in {}", keystore.path());
        }
        if (token.created()) {
            LOG.info("Made a new access token in {} (readable by its owner only)", token.file());
        }
        warnIfExposed(token.file());
        warnIfExposed(keystore.path());
        LOG.info("Serving {} (TLS 1.3, certificate SHA-256 {}), token in {}", uri, keystore.fingerprint(), token.file());
    }

    /** A secret others can read is still used (the operator may have reasons) but never silently. */
    private static void warnIfExposed(Path secret) {
        try {
            if (OwnerOnlyFiles.isExposed(secret)) {
                LOG.warn("{} can be read or written by other users; make it owner-only: chmod 600 {}", secret, secret);
            }
        } catch (IOException e) {
            LOG.warn("Cannot check the permissions of {}: {}", secret, e.getMessage());
        }
    }

    private static SslContextFactory.Server tls(AgentKeystore keystore) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keystore.keyStore());
        String password = new String(keystore.password());
        tls.setKeyStorePassword(password);
        tls.setKeyManagerPassword(password);
        tls.setIncludeProtocols(TlsProtocols.TLS_1_3);
        return tls;
    }

    private IOException bindFailure(Exception e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return new IOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
                    + cause.getMessage() + (config.port() != 0 ? " (is another agent running? choose another port)" : ""), e);
        }
        return e instanceof IOException io ? io : new IOException("cannot start the server: " + e, e);
    }

    private static String uriHost(String bindAddress) {
        String host = bindAddress;
        if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "127.0.0.1";
            }
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * Tells every client the agent is stopping (close status 1001), then stops listening. Idempotent.
     */
    public synchronized void stop() {
        Server server = jetty;
        if (server == null) {
            return;
        }
        jetty = null;
        for (ClientSession session : sessions) {
            session.closeForShutdown();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopQuietly(server);
        timers.shutdownNow();
        sessions.clear();
        LOG.info("Stopped serving {}", uri);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the WebSocket server failed", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Sends an alert of the agent's detection to every client subscribed to the alerts channel. Never blocks: a
     * client that reads too slowly loses alerts, counted.
     *
     * @param alertJson the alert as one JSON object (Osprey sends Suricata EVE JSON alerts, see docs/protocol.md)
     */
    public void publishAlert(String alertJson) {
        Message.Alert alert = new Message.Alert(alertJson);
        for (ClientSession session : sessions) {
            session.alert(alert);
        }
    }

    public synchronized boolean isRunning() {
        return jetty != null;
    }

    /** {@code wss://host:port/osprey} once started. */
    public URI uri() {
        return uri;
    }

    /** The port listened on (the chosen one when configured with 0), or -1 before start. */
    public int port() {
        return port;
    }

    /** The SHA-256 fingerprint of the server's certificate (what clients pin). */
    public synchronized String fingerprint() {
        return keystore == null ? null : keystore.fingerprint();
    }

    public synchronized X509Certificate certificate() {
        return keystore == null ? null : keystore.certificate();
    }

    /** Where the access token is kept (owner-only). */
    public Path tokenFile() {
        return config.tokenFile();
    }

    public ServerConfig config() {
        return config;
    }

    /** Open connections, authenticated or not. */
    public int connectionCount() {
        return sessions.size();
    }
}
