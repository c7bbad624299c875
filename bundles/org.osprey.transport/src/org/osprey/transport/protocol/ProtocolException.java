package org.osprey.transport.protocol;

/**
 * A message that breaks the protocol: not decodable, or not acceptable in the state of the connection. Carries the
 * {@link ErrorCode} the agent sends back, and for filter errors the position of the offending token.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final int position;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, -1);
    }

    /** @param position 0-based offset in the offending text (filter), or -1 when there is none */
    public ProtocolException(ErrorCode code, String message, int position) {
        super(message);
        this.code = code;
        this.position = position;
    }

    public ErrorCode code() {
        return code;
    }

    /** 0-based offset in the offending text, or -1. */
    public int position() {
        return position;
    }
}
