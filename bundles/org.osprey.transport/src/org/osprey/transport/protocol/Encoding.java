package org.osprey.transport.protocol;

/** How packet batches travel, chosen in {@code hello}/{@code welcome}. Control messages are JSON text either way. */
public enum Encoding {
    /** Text frames, {@code {"type":"packets",...}}: readable, any WebSocket client can use it. */
    JSON,
    /** Binary frames in the batch layout of {@link BinaryCodec}: the fast path. */
    BINARY;

    /** As written on the wire. */
    public String wireName() {
        return WireNames.of(this);
    }

    /** The constant with this wire name, or {@code null} for one this version does not know. */
    public static Encoding fromWireName(String name) {
        return WireNames.find(Encoding.class, name);
    }
}
