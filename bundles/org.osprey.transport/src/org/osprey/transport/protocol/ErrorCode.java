package org.osprey.transport.protocol;

/** The {@code code} of an {@code error} message: a stable machine-readable word, as written on the wire. */
public enum ErrorCode {
    /** The filter text does not compile; {@code position} points at the offending token. Not fatal. */
    BAD_FILTER,
    /** Missing or wrong token in {@code hello}. Fatal. */
    UNAUTHORIZED,
    /** Too many failed logins from this address, or too many control messages on this connection. */
    RATE_LIMITED,
    /** Not valid JSON, not an object, a field missing or of the wrong type, or a message the agent does not accept. */
    BAD_MESSAGE,
    /** A {@code type} this protocol version does not know. Not fatal. */
    UNKNOWN_TYPE,
    /** Anything but {@code hello} before a successful {@code hello}. Fatal. */
    NOT_AUTHENTICATED,
    /** No protocol version in common. Fatal. */
    UNSUPPORTED_VERSION,
    /** No encoding in common. Fatal. */
    UNSUPPORTED_ENCODING,
    /** No {@code hello} within the agent's hello timeout. Fatal. */
    HELLO_TIMEOUT,
    /** The agent failed; the message says how. */
    INTERNAL;

    /** As written on the wire. */
    public String wireName() {
        return WireNames.of(this);
    }

    /** The constant with this wire name, or {@code null} for one this version does not know. */
    public static ErrorCode fromWireName(String name) {
        return WireNames.find(ErrorCode.class, name);
    }
}
