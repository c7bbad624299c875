package org.osprey.session.internal;

import java.net.URI;

import org.osprey.agent.LocalAgent;
import org.osprey.session.Session;
import org.osprey.transport.client.AgentConnection;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.ConnectionStatistics;

/** A session: the connection to its agent, and the agent itself when it is embedded. */
public final class ActiveSession implements Session {

    private final Kind kind;
    private final String description;
    private final AgentConnection connection;
    private final LocalAgent embeddedAgent;
    private volatile boolean active = true;

    ActiveSession(Kind kind, String description, AgentConnection connection, LocalAgent embeddedAgent) {
        this.kind = kind;
        this.description = description;
        this.connection = connection;
        this.embeddedAgent = embeddedAgent;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public URI agentUri() {
        return connection.settings().agent();
    }

    @Override
    public String fingerprint() {
        return connection.state() instanceof ConnectionState.Connected connected ? connected.fingerprint()
                : connection.settings().expectedFingerprint();
    }

    @Override
    public ConnectionState connectionState() {
        return connection.state();
    }

    @Override
    public ConnectionStatistics statistics() {
        return connection.statistics();
    }

    @Override
    public boolean isActive() {
        return active;
    }

    AgentConnection connection() {
        return connection;
    }

    /** The agent in this process, or {@code null} for a remote one (tests stop and restart its server). */
    public LocalAgent embeddedAgent() {
        return embeddedAgent;
    }

    void end() {
        active = false;
        connection.close();
        if (embeddedAgent != null) {
            embeddedAgent.close();
        }
    }

    @Override
    public String toString() {
        return "Session[" + kind + ", " + description + "]";
    }
}
