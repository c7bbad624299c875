package org.osprey.transport.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How an {@link AgentServer} runs. Immutable; made with {@link #builder(Path)}, where the only required setting is
 * the agent's state directory (keystore, token). Defaults are the documented protocol's (docs/protocol.md).
 *
 * @param bindAddress address to listen on ({@code 127.0.0.1} unless configured; {@code 0.0.0.0} for all)
 * @param port TCP port; 0 picks a free one ({@link AgentServer#port()} tells which)
 * @param stateDirectory where the generated keystore and token live
 * @param keystore a keystore to use instead of the generated one, or {@code null}
 * @param keystorePassword its password (ignored without {@code keystore})
 * @param tokenFile where the token is kept (default {@code stateDirectory/token})
 * @param agentId the agent's name in {@code welcome} (default: the host name)
 * @param agentVersion the software version in {@code welcome}
 * @param streamId names the sequence space of the packet stream (default: random per configuration, i.e. per agent
 *        process): keep it for as long as the same stream is served, also across server restarts
 * @param linkTypes the capture's link types for {@code welcome}
 * @param maxClientLag packets a live client may fall behind before it is skipped ahead with a {@code slow-client}
 *        gap (capped at 3/4 of the ring)
 * @param batchMaxPackets packets per batch at most
 * @param flushDelay how long a partly filled batch may wait for more packets
 * @param helloTimeout how long a new connection has to send {@code hello}
 * @param idleTimeout a connection silent in both directions this long is closed
 * @param statsInterval how often subscribed clients get {@code stats}
 * @param authFailuresPerMinute failed {@code hello}s per remote address within a minute before that address is
 *        refused with {@code rate-limited}
 * @param controlBurst control messages a client may send at once
 * @param controlPerSecond control messages per second sustained
 * @param maxRejectedControl control messages refused for the rate before the connection is closed
 * @param maxConnections open connections at most; more are refused at the upgrade (HTTP 503)
 * @param maxQueuedReplies replies (pongs, errors) a client may leave unread while it keeps sending; past this it is
 *        disconnected, so that a client that writes but never reads cannot make the agent hold ever more messages
 */
public record ServerConfig(String bindAddress, int port, Path stateDirectory, Path keystore, char[] keystorePassword,
        Path tokenFile, String agentId, String agentVersion, String streamId, List<Integer> linkTypes, int maxClientLag,
        int batchMaxPackets, Duration flushDelay, Duration helloTimeout, Duration idleTimeout, Duration statsInterval,
        int authFailuresPerMinute, int controlBurst, int controlPerSecond, int maxRejectedControl, int maxConnections, int maxQueuedReplies) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 7443;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(tokenFile, "tokenFile");
        linkTypes = List.copyOf(linkTypes);
        for (Duration duration : new Duration[] { flushDelay, helloTimeout, idleTimeout, statsInterval }) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("flush delay, hello timeout, idle timeout and stats interval must be"
                        + " positive, not " + duration);
            }
        }
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException("the keystore " + keystore + " needs its password");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (any free port) to 65535, not " + port);
        }
        if (maxClientLag < 1 || batchMaxPackets < 1 || authFailuresPerMinute < 1 || controlBurst < 1
                || controlPerSecond < 1 || maxRejectedControl < 1 || maxConnections < 1 || maxQueuedReplies < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
    }

    public static Builder builder(Path stateDirectory) {
        return new Builder(stateDirectory);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(stateDirectory);
        b.bindAddress = bindAddress;
        b.port = port;
        b.keystore = keystore;
        b.keystorePassword = keystorePassword;
        b.tokenFile = tokenFile;
        b.agentId = agentId;
        b.agentVersion = agentVersion;
        b.streamId = streamId;
        b.linkTypes = linkTypes;
        b.maxClientLag = maxClientLag;
        b.batchMaxPackets = batchMaxPackets;
        b.flushDelay = flushDelay;
        b.helloTimeout = helloTimeout;
        b.idleTimeout = idleTimeout;
        b.statsInterval = statsInterval;
        b.authFailuresPerMinute = authFailuresPerMinute;
        b.controlBurst = controlBurst;
        b.controlPerSecond = controlPerSecond;
        b.maxRejectedControl = maxRejectedControl;
        b.maxConnections = maxConnections;
        b.maxQueuedReplies = maxQueuedReplies;
        return b;
    }

    /** Never shows the keystore password. */
    @Override
    public String toString() {
        return "ServerConfig[" + bindAddress + ":" + port + ", state " + stateDirectory + ", keystore "
                + (keystore == null ? "generated" : keystore) + ", token " + tokenFile + "]";
    }

    public static final class Builder {
        private final Path stateDirectory;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port = DEFAULT_PORT;
        private Path keystore;
        private char[] keystorePassword;
        private Path tokenFile;
        private String agentId;
        private String agentVersion = "0.1.0";
        private String streamId;
        private List<Integer> linkTypes = List.of(1);
        private int maxClientLag = 65_536;
        private int batchMaxPackets = 1024;
        private Duration flushDelay = Duration.ofMillis(5);
        private Duration helloTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(120);
        private Duration statsInterval = Duration.ofSeconds(1);
        private int authFailuresPerMinute = 5;
        private int controlBurst = 50;
        private int controlPerSecond = 20;
        private int maxRejectedControl = 100;
        private int maxConnections = 64;
        private int maxQueuedReplies = 1024;

        private Builder(Path stateDirectory) {
            this.stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory");
        }

        public Builder bindAddress(String value) { bindAddress = value; return this; }
        public Builder port(int value) { port = value; return this; }
        /** Use this keystore (PKCS#12 or JKS with one private key) instead of the generated one. */
        public Builder keystore(Path file, char[] password) { keystore = file; keystorePassword = password; return this; }
        public Builder tokenFile(Path value) { tokenFile = value; return this; }
        public Builder agentId(String value) { agentId = value; return this; }
        public Builder agentVersion(String value) { agentVersion = value; return this; }
        public Builder streamId(String value) { streamId = value; return this; }
        public Builder linkTypes(List<Integer> value) { linkTypes = value; return this; }
        public Builder maxClientLag(int value) { maxClientLag = value; return this; }
        public Builder batchMaxPackets(int value) { batchMaxPackets = value; return this; }
        public Builder flushDelay(Duration value) { flushDelay = value; return this; }
        public Builder helloTimeout(Duration value) { helloTimeout = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder statsInterval(Duration value) { statsInterval = value; return this; }
        public Builder authFailuresPerMinute(int value) { authFailuresPerMinute = value; return this; }
        public Builder controlRate(int burst, int perSecond) { controlBurst = burst; controlPerSecond = perSecond; return this; }
        public Builder maxRejectedControl(int value) { maxRejectedControl = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder maxQueuedReplies(int value) { maxQueuedReplies = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(bindAddress, port, stateDirectory, keystore, keystorePassword,
                    tokenFile != null ? tokenFile : stateDirectory.resolve("token"),
                    agentId != null ? agentId : hostName(), agentVersion,
                    streamId != null ? streamId : UUID.randomUUID().toString(), linkTypes, maxClientLag,
                    batchMaxPackets, flushDelay, helloTimeout, idleTimeout, statsInterval, authFailuresPerMinute,
                    controlBurst, controlPerSecond, maxRejectedControl, maxConnections, maxQueuedReplies);
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "osprey-agent";
            }
        }
    }
}
