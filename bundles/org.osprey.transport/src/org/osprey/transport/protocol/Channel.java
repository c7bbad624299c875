package org.osprey.transport.protocol;

/** What a client subscribes to. */
public enum Channel {
    PACKETS,
    STATS,
    /** Reserved for detection: accepted, no messages yet. */
    ALERTS;

    /** As written on the wire. */
    public String wireName() {
        return WireNames.of(this);
    }

    /** The constant with this wire name, or {@code null} for one this version does not know. */
    public static Channel fromWireName(String name) {
        return WireNames.find(Channel.class, name);
    }
}
