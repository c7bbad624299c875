package org.osprey.core.detail;

/**
 * Where the fields of common headers lie inside their header, for highlighting one field's bytes: pcap4j describes
 * fields in text but does not expose their positions. Keyed by pcap4j's header title and field name.
 */
final class FieldOffsets {

    /** No known position: the field is shown covering its whole header. */
    static final long UNKNOWN = -1;

    private FieldOffsets() {
    }

    static int offset(long range) {
        return (int) (range >>> 32);
    }

    static int length(long range) {
        return (int) range;
    }

    /**
     * The field's offset inside its header and its length packed in a long, or {@link #UNKNOWN}.
     *
     * @param headerTitle pcap4j's title, e.g. "IPv4 Header (20 bytes)"
     * @param fieldLine the field's line, e.g. "TTL: 64"
     * @param headerLength the header's length in bytes (options follow the fixed part)
     */
    static long range(String headerTitle, String fieldLine, int headerLength) {
        int colon = fieldLine.indexOf(':');
        String field = colon < 0 ? fieldLine : fieldLine.substring(0, colon);
        int paren = headerTitle.indexOf(" (");
        String header = paren < 0 ? headerTitle : headerTitle.substring(0, paren);
        long range = switch (header) {
            case "Ethernet Header" -> switch (field) {
                case "Destination address" -> at(0, 6);
                case "Source address" -> at(6, 6);
                case "Type" -> at(12, 2);
                default -> UNKNOWN;
            };
            case "ARP Header" -> headerLength != 28 ? UNKNOWN : switch (field) { // Ethernet and IPv4 addresses
                case "Hardware type" -> at(0, 2);
                case "Protocol type" -> at(2, 2);
                case "Hardware address length" -> at(4, 1);
                case "Protocol address length" -> at(5, 1);
                case "Operation" -> at(6, 2);
                case "Source hardware address" -> at(8, 6);
                case "Source protocol address" -> at(14, 4);
                case "Destination hardware address" -> at(18, 6);
                case "Destination protocol address" -> at(24, 4);
                default -> UNKNOWN;
            };
            case "IPv4 Header" -> switch (field) {
                case "Version", "IHL" -> at(0, 1);
                case "TOS" -> at(1, 1);
                case "Total length" -> at(2, 2);
                case "Identification" -> at(4, 2);
                case "Flags" -> at(6, 1);
                case "Fragment offset" -> at(6, 2);
                case "TTL" -> at(8, 1);
                case "Protocol" -> at(9, 1);
                case "Header checksum" -> at(10, 2);
                case "Source address" -> at(12, 4);
                case "Destination address" -> at(16, 4);
                case "Option" -> at(20, headerLength - 20);
                default -> UNKNOWN;
            };
            case "IPv6 Header" -> switch (field) {
                case "Version" -> at(0, 1);
                case "Traffic Class" -> at(0, 2);
                case "Flow Label" -> at(1, 3);
                case "Payload length" -> at(4, 2);
                case "Next Header" -> at(6, 1);
                case "Hop Limit" -> at(7, 1);
                case "Source address" -> at(8, 16);
                case "Destination address" -> at(24, 16);
                default -> UNKNOWN;
            };
            case "TCP Header" -> switch (field) {
                case "Source port" -> at(0, 2);
                case "Destination port" -> at(2, 2);
                case "Sequence Number" -> at(4, 4);
                case "Acknowledgment Number" -> at(8, 4);
                case "Data Offset" -> at(12, 1);
                case "Reserved" -> at(12, 2);
                case "URG", "ACK", "PSH", "RST", "SYN", "FIN" -> at(13, 1);
                case "Window" -> at(14, 2);
                case "Checksum" -> at(16, 2);
                case "Urgent Pointer" -> at(18, 2);
                case "Option" -> at(20, headerLength - 20);
                default -> UNKNOWN;
            };
            case "UDP Header" -> switch (field) {
                case "Source port" -> at(0, 2);
                case "Destination port" -> at(2, 2);
                case "Length" -> at(4, 2);
                case "Checksum" -> at(6, 2);
                default -> UNKNOWN;
            };
            case "ICMPv4 Common Header", "ICMPv6 Common Header" -> switch (field) {
                case "Type" -> at(0, 1);
                case "Code" -> at(1, 1);
                case "Checksum" -> at(2, 2);
                default -> UNKNOWN;
            };
            case "DNS Header" -> switch (field) {
                case "ID" -> at(0, 2);
                case "QR", "OPCODE", "Authoritative Answer", "Truncated", "Recursion Desired" -> at(2, 1);
                case "Recursion Available", "Reserved Bit", "Authentic Data", "Checking Disabled", "RCODE" -> at(3, 1);
                case "QDCOUNT" -> at(4, 2);
                case "ANCOUNT" -> at(6, 2);
                case "NSCOUNT" -> at(8, 2);
                case "ARCOUNT" -> at(10, 2);
                default -> UNKNOWN;
            };
            default -> UNKNOWN;
        };
        // a header cut short (or options of zero length) keeps the whole-header range
        if (range == UNKNOWN || offset(range) + length(range) > headerLength || length(range) <= 0) {
            return UNKNOWN;
        }
        return range;
    }

    private static long at(int offset, int length) {
        return ((long) offset << 32) | (length & 0xffffffffL);
    }
}
