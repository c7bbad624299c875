package org.osprey.transport.client;

import java.time.Duration;
import java.util.Objects;

import org.osprey.transport.protocol.Encoding;

/**
 * Where an {@link AgentConnection} stands, as told to {@link ConnectionListener}s: {@link Connecting},
 * {@link Connected}, {@link Reconnecting} (attempt number and the delay before it) or {@link Offline} (closed by the
 * user, or a failure that retrying cannot mend, with the reason). Values; switch over them with patterns or
 * {@link #kind()}.
 */
public sealed interface ConnectionState {

    /** The four states, for code that only needs the kind. */
    enum Kind {
        CONNECTING, CONNECTED, RECONNECTING, OFFLINE
    }

    Kind kind();

    /**
     * Opening the connection: TCP, TLS with the pinned certificate, WebSocket upgrade, hello, until the agent's welcome.
     *
     * @param attempt 1 for the first connection; on reconnection the attempt announced by the {@link Reconnecting}
     *        state before it
     */
    record Connecting(int attempt) implements ConnectionState {
        @Override
        public Kind kind() {
            return Kind.CONNECTING;
        }
    }

    /**
     * Welcomed and subscribed: packets flow.
     *
     * @param agentId the agent's identifier from its welcome
     * @param agentVersion the agent's software version
     * @param encoding how packets travel on this connection
     * @param fingerprint the agent certificate's SHA-256 fingerprint
     * @param resumeFrom the agent sequence number asked for in the subscription, or {@code null} for live from now
     * @param agentRestarted the agent's sequence numbers started over since the last connection (it was restarted):
     *        what it captured while this client was away and no longer holds is unknown
     */
    record Connected(String agentId, String agentVersion, Encoding encoding, String fingerprint, Long resumeFrom,
            boolean agentRestarted) implements ConnectionState {
        @Override
        public Kind kind() {
            return Kind.CONNECTED;
        }
    }

    /**
     * The connection was lost (or could not be made) and will be tried again after {@code delay}.
     *
     * @param attempt the number of the coming attempt since the last stable connection, from 1
     * @param delay how long until that attempt
     * @param cause what went wrong, in words
     */
    record Reconnecting(int attempt, Duration delay, String cause) implements ConnectionState {
        @Override
        public Kind kind() {
            return Kind.RECONNECTING;
        }
    }

    /** Why a connection is offline. */
    enum OfflineReason {
        /** Not started yet. */
        NOT_STARTED,
        /** {@link AgentConnection#close()} was called. */
        CLOSED,
        /** The agent refused the token. */
        UNAUTHORIZED,
        /** The agent's certificate differs from the one recorded for it: see {@link UntrustedCertificateException}. */
        CERTIFICATE_CHANGED,
        /** The certificate is not the expected one, or was refused on first use. */
        CERTIFICATE_NOT_TRUSTED,
        /** No protocol version or packet encoding in common with the agent. */
        INCOMPATIBLE
    }

    /**
     * Not connected, and no reconnection will be tried.
     *
     * @param reason why
     * @param message what happened, in words a person can act on
     * @param cause the exception behind it, or {@code null}; an {@link UntrustedCertificateException} for the
     *        certificate reasons (it names both fingerprints)
     */
    record Offline(OfflineReason reason, String message, Throwable cause) implements ConnectionState {
        public Offline {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Kind kind() {
            return Kind.OFFLINE;
        }

        /** The refused certificate's details, for the certificate reasons; otherwise {@code null}. */
        public UntrustedCertificateException certificateProblem() {
            return cause instanceof UntrustedCertificateException untrusted ? untrusted : null;
        }
    }
}
