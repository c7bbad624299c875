package org.osprey.stream;

/**
 * A name the display-filter language knows, for completion and help in filter editors.
 *
 * @param name the field or protocol name as written in a filter, e.g. {@code tcp.port}
 * @param type what kind of value it holds, which decides the operators and value syntax it accepts
 * @param description one line for a tooltip
 */
public record FilterField(String name, Type type, String description) {

    /** Value kinds of filter fields. */
    public enum Type {
        /** A protocol: only tested alone ({@code tcp}, {@code dns}). */
        PROTOCOL,
        /** An unsigned integer: every comparison, {@code in} with ranges, decimal or {@code 0x} hex values. */
        NUMBER,
        /** A flag: {@code == 1}, {@code == 0}, {@code true}, {@code false}; alone it tests presence. */
        BOOLEAN,
        /** An IPv4 address: {@code 10.0.0.1} or a CIDR block {@code 10.0.0.0/8}. */
        IPV4,
        /** An IPv6 address, optionally with a prefix length: {@code fe80::/10}. Only {@code ==}, {@code !=}, {@code in}. */
        IPV6,
        /** An Ethernet address: {@code 00:11:22:33:44:55} (also with {@code -} or {@code .}). */
        MAC,
        /** Text: {@code == "x"}, {@code contains "x"}, {@code matches "regex"} (case-insensitive, like Wireshark). */
        STRING
    }
}
