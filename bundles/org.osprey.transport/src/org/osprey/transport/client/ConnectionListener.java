package org.osprey.transport.client;

/**
 * Hears what an {@link AgentConnection} does. Called on the connection's own event thread, one call at a time and in
 * the order things happened; return quickly (a UI hands the state over to its display thread).
 */
public interface ConnectionListener {

    /** The connection's state changed. */
    void stateChanged(ConnectionState state);

    /**
     * The agent reported an error that does not end the connection (for instance {@code bad-filter} for a filter it
     * refused, with the position of the offending token), or one that does (then a state change follows).
     *
     * @param code the error code as the agent wrote it (see {@link org.osprey.transport.protocol.ErrorCode})
     * @param position offset in the offending filter text, or {@code null}
     */
    default void agentError(String code, String message, Integer position, boolean fatal) {
    }

    /**
     * The agent's detection raised an alert; {@code alertJson} is the alert object as the agent sent it (a Suricata
     * EVE JSON alert, see docs/protocol.md). Only when subscribed to the alerts channel.
     */
    default void alertReceived(String alertJson) {
    }
}
