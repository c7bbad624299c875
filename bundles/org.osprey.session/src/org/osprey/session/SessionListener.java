package org.osprey.session;

import org.osprey.transport.client.ConnectionState;

/**
 * Hears what the {@link SessionService} does. Called on the session's own threads; return quickly (a UI hands the
 * news over to its display thread).
 */
public interface SessionListener {

    /** A session started or ended ({@code current} is {@code null} after the end). */
    void sessionChanged(Session current);

    /** The current session's connection to its agent changed state. */
    void connectionStateChanged(Session session, ConnectionState state);

    /** The agent reported an error that does not end the connection, e.g. a refused server-side filter. */
    default void agentError(Session session, String code, String message, Integer position) {
    }
}
