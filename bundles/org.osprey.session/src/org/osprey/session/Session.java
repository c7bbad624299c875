package org.osprey.session;

import java.net.URI;

import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.ConnectionStatistics;

/** One connection of the client's stream to one capture agent, from start until the session ends. */
public interface Session {

    /** Where the packets come from. */
    enum Kind {
        /** An agent in this process capturing the default interface. */
        EMBEDDED_LIVE,
        /** An agent in this process running the traffic generator: demo data. */
        EMBEDDED_DEMO,
        /** An agent elsewhere. */
        REMOTE
    }

    Kind kind();

    /** {@code true} when the packets are generated demo traffic, not a capture. */
    default boolean isDemo() {
        return kind() == Kind.EMBEDDED_DEMO;
    }

    /** In words, e.g. "live capture on eth0 (embedded agent)". */
    String description();

    /** The agent's address. */
    URI agentUri();

    /** The agent certificate's SHA-256 fingerprint as pinned for this session, or {@code null} until connected. */
    String fingerprint();

    ConnectionState connectionState();

    /** Received, missed by cause, reconnections; and the agent's latest counters (kernel drops among them). */
    ConnectionStatistics statistics();

    /** Whether the session is still the current one. */
    boolean isActive();
}
