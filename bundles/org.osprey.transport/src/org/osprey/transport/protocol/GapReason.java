package org.osprey.transport.protocol;

/** Why the packets of a {@code gap} will never come. */
public enum GapReason {
    /** Asked for with {@code resumeFrom}, but the agent's replay ring no longer holds them. */
    EVICTED,
    /** This client fell further behind than its bound while connected; the agent skipped ahead for it. */
    SLOW_CLIENT;

    /** As written on the wire. */
    public String wireName() {
        return WireNames.of(this);
    }

    /** The constant with this wire name, or {@code null} for one this version does not know. */
    public static GapReason fromWireName(String name) {
        return WireNames.find(GapReason.class, name);
    }
}
