package org.osprey.session;

/**
 * Connects the client's packet stream to one capture agent at a time. Starting a session ends the current one; the
 * client's stream is cleared when a new session starts, so that its numbering starts at 1 with the new agent.
 * Reconnection after a lost connection is automatic and resumes after the last packet received.
 * <p>
 * An OSGi service (DS); thread-safe.
 */
public interface SessionService {

    /**
     * Starts an agent in this process on 127.0.0.1 and connects to it over WSS like to any other agent.
     *
     * @throws SessionException when the capture or the agent cannot start; {@link SessionException#isCapturePermission()}
     *         tells a refused live capture (offer {@link EmbeddedMode#DEMO} then)
     */
    Session startEmbedded(EmbeddedMode mode) throws SessionException;

    /**
     * Connects to a remote agent. Returns at once; the connection's progress (and a refused token or certificate)
     * arrives through {@link SessionListener#connectionStateChanged}.
     */
    Session connect(RemoteAgent agent);

    /** The current session, or {@code null}. */
    Session current();

    /** Ends the current session (disconnects; stops an embedded agent). Packets already received stay in the stream. */
    void stop();

    /**
     * Sets the server-side filter of the current session (the agent sends only matching packets).
     *
     * @throws org.osprey.stream.FilterSyntaxException when the expression is not valid (with its position)
     */
    void setAgentFilter(String filter) throws org.osprey.stream.FilterSyntaxException;

    /**
     * The certificate fingerprint recorded for an agent (trusted on an earlier connection), or {@code null} when this
     * client has never trusted one for it.
     */
    String knownFingerprint(java.net.URI agent);

    void addListener(SessionListener listener);

    void removeListener(SessionListener listener);
}
