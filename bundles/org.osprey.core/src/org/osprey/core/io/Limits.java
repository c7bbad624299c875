package org.osprey.core.io;

/** Bounds that keep hostile length fields from causing huge allocations or reads. */
final class Limits {

    /**
     * The largest frame accepted from a file: Wireshark's limit for ordinary link types (WTAP_MAX_PACKET_SIZE_STANDARD),
     * above any snaplen real captures use.
     */
    static final int MAX_CAPTURED_LENGTH = 262_144;

    /** The largest pcapng block whose body is parsed (interface descriptions); other blocks are skipped, not read. */
    static final int MAX_PARSED_BLOCK_LENGTH = 65_536;

    private Limits() {
    }
}
