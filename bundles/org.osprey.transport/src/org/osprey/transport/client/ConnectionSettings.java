package org.osprey.transport.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.Message;

/**
 * Everything an {@link AgentConnection} needs to know before it starts. Immutable; made with {@link #builder}.
 *
 * @param agent {@code wss://host:port/osprey}
 * @param token the agent's access token (never logged)
 * @param knownAgents where pinned certificate fingerprints are recorded
 * @param expectedFingerprint the fingerprint a person confirmed for this agent (normalized), or {@code null}: when
 *        set, only that certificate is accepted, and it is recorded on success
 * @param firstUseTrust asked when the agent is neither recorded nor expected
 * @param channels what to subscribe to
 * @param filter the initial server-side display filter, or {@code null} for every packet
 * @param encodings packet encodings offered to the agent, preferred first
 * @param start where the first connection starts in the agent's sequence
 * @param backoff reconnection delays
 * @param handshakeTimeout how long one attempt may take from TCP connect to the agent's welcome
 * @param keepAliveInterval how often a ping is sent while connected; an agent that says nothing (no packets, stats
 *        or pong) for three intervals is taken for a dead link, and the connection is dropped and resumed
 * @param clientName sent in hello for the agent's log
 */
public record ConnectionSettings(URI agent, String token, KnownAgents knownAgents, String expectedFingerprint,
        FirstUseTrust firstUseTrust, List<Channel> channels, String filter, List<Encoding> encodings,
        StartPosition start, BackoffPolicy backoff, Duration handshakeTimeout, Duration keepAliveInterval,
        String clientName) {

    /** Where the first connection starts in the agent's sequence of packets. */
    public enum StartPosition {
        /** Only packets captured from now on. */
        LIVE,
        /** Everything the agent's replay ring still holds, then live. */
        OLDEST_HELD
    }

    public ConnectionSettings {
        Objects.requireNonNull(agent, "agent");
        if (!"wss".equalsIgnoreCase(agent.getScheme()) || agent.getHost() == null) {
            throw new IllegalArgumentException("agent must be a wss://host:port URI (TLS only): " + agent);
        }
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(knownAgents, "knownAgents");
        expectedFingerprint = expectedFingerprint == null ? null : KnownAgents.requireFingerprint(expectedFingerprint);
        Objects.requireNonNull(firstUseTrust, "firstUseTrust");
        channels = List.copyOf(channels);
        filter = filter == null || filter.isBlank() ? null : filter;
        encodings = List.copyOf(encodings);
        if (encodings.isEmpty()) {
            throw new IllegalArgumentException("at least one encoding must be offered");
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(backoff, "backoff");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(clientName, "clientName");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** The agent's key in {@link KnownAgents}: {@code host:port}. */
    public String agentKey() {
        return KnownAgents.agentKey(agent);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ConnectionSettings[agent=" + agent + ", channels=" + channels + ", filter=" + filter + ", encodings="
                + encodings + ", start=" + start + "]";
    }

    /**
     * Settings for this agent with the defaults: channels packets and stats, all packets, binary preferred over JSON,
     * live from now, {@link BackoffPolicy#DEFAULT}, {@link FirstUseTrust#ACCEPT}, 15 s handshake, ping every 10 s.
     *
     * @param agent {@code wss://host:port} (the path {@value Message#ENDPOINT_PATH} is added when there is none)
     */
    public static Builder builder(URI agent, String token, KnownAgents knownAgents) {
        return new Builder(agent, token, knownAgents);
    }

    /** Makes {@link ConnectionSettings}; every setter returns the builder. */
    public static final class Builder {
        private final URI agent;
        private final String token;
        private final KnownAgents knownAgents;
        private String expectedFingerprint;
        private FirstUseTrust firstUseTrust = FirstUseTrust.ACCEPT;
        private List<Channel> channels = List.of(Channel.PACKETS, Channel.STATS);
        private String filter;
        private List<Encoding> encodings = List.of(Encoding.BINARY, Encoding.JSON);
        private StartPosition start = StartPosition.LIVE;
        private BackoffPolicy backoff = BackoffPolicy.DEFAULT;
        private Duration handshakeTimeout = Duration.ofSeconds(15);
        private Duration keepAliveInterval = Duration.ofSeconds(10);
        private String clientName = "osprey-client/0.1";

        private Builder(URI agent, String token, KnownAgents knownAgents) {
            Objects.requireNonNull(agent, "agent");
            String path = agent.getRawPath();
            this.agent = path == null || path.isEmpty() ? agent.resolve(Message.ENDPOINT_PATH) : agent;
            this.token = token;
            this.knownAgents = knownAgents;
        }

        /** Accept only the certificate with this SHA-256 fingerprint (colons optional), e.g. as a person confirmed it. */
        public Builder expectedFingerprint(String fingerprint) {
            this.expectedFingerprint = fingerprint;
            return this;
        }

        public Builder firstUseTrust(FirstUseTrust trust) {
            this.firstUseTrust = trust;
            return this;
        }

        public Builder channels(Channel... channels) {
            this.channels = List.of(channels);
            return this;
        }

        /** The initial server-side display filter; {@code null} or blank for every packet. */
        public Builder filter(String filter) {
            this.filter = filter;
            return this;
        }

        /** Packet encodings to offer, preferred first. */
        public Builder encodings(Encoding... encodings) {
            this.encodings = List.of(encodings);
            return this;
        }

        public Builder start(StartPosition start) {
            this.start = start;
            return this;
        }

        public Builder backoff(BackoffPolicy backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = interval;
            return this;
        }

        public Builder clientName(String name) {
            this.clientName = name;
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(agent, token, knownAgents, expectedFingerprint, firstUseTrust, channels,
                    filter, encodings, start, backoff, handshakeTimeout, keepAliveInterval, clientName);
        }
    }
}
