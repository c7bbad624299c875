package org.osprey.core;

/**
 * The text of a packet's Source, Destination and Info columns, made from its summary (and, for a few details, its
 * frame) only when a view asks. Modelled on what Wireshark shows with name resolution off.
 */
public final class PacketText {

    private static final String ARROW = " \u2192 ";

    private PacketText() {
    }

    /** The IP source address, else the source MAC, else "". */
    public static String source(PacketSummary p) {
        return switch (p.ipVersion()) {
            case 4 -> Addresses.ip4(p.srcIp4());
            case 6 -> Addresses.ip6(p.srcIp6Hi(), p.srcIp6Lo());
            default -> p.srcMac() >= 0 ? Addresses.mac(p.srcMac()) : "";
        };
    }

    /** The IP destination address, else the destination MAC, else "". */
    public static String destination(PacketSummary p) {
        return switch (p.ipVersion()) {
            case 4 -> Addresses.ip4(p.dstIp4());
            case 6 -> Addresses.ip6(p.dstIp6Hi(), p.dstIp6Lo());
            default -> p.dstMac() >= 0 ? Addresses.mac(p.dstMac()) : "";
        };
    }

    /** A one-line description in the manner of Wireshark's Info column. */
    public static String info(PacketSummary p) {
        StringBuilder text = new StringBuilder(64);
        if (p.fragmentOffset() > 0) {
            text.append("Fragmented IP protocol (proto=").append(p.ipProtocol()).append(", off=")
                    .append(p.fragmentOffset()).append(", ID=").append(Integer.toHexString(p.ipIdentification()))
                    .append(')');
            return flagged(p, text);
        }
        switch (p.protocol()) {
            case DNS -> dns(p, text);
            case TCP -> tcp(p, text);
            case UDP, SCTP -> ports(p, text).append(p.payloadWireLength() >= 0 ? " Len=" + p.payloadWireLength() : "");
            case ICMP -> icmp(p, text);
            case ICMPV6 -> icmp6(p, text);
            case IGMP -> text.append("IGMP");
            case ARP -> arp(p, text);
            case IPV4, IPV6 -> text.append("IP protocol ").append(p.ipProtocol());
            case ETHERNET -> {
                if (p.etherType() >= 0) {
                    text.append("Ethertype 0x").append(String.format("%04x", p.etherType()));
                } else {
                    text.append("Ethernet");
                }
            }
            case UNKNOWN -> text.append("Link type ").append(p.linkType());
        }
        return flagged(p, text);
    }

    private static String flagged(PacketSummary p, StringBuilder text) {
        if (p.hasFlag(PacketSummary.FLAG_MALFORMED)) {
            text.append(" [Malformed Packet]");
        } else if (p.hasFlag(PacketSummary.FLAG_TRUNCATED)) {
            text.append(" [Packet size limited during capture]");
        }
        return text.toString();
    }

    private static StringBuilder ports(PacketSummary p, StringBuilder text) {
        return text.append(p.srcPort()).append(ARROW).append(p.dstPort());
    }

    private static void tcp(PacketSummary p, StringBuilder text) {
        ports(p, text);
        if (p.tcpFlags() < 0) {
            return;
        }
        text.append(" [");
        String[] names = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS" };
        int flags = p.tcpFlags();
        boolean first = true;
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & 1 << bit) != 0) {
                text.append(first ? "" : ", ").append(names[bit]);
                first = false;
            }
        }
        text.append(first ? "<None>]" : "]");
        text.append(" Seq=").append(p.tcpSeq());
        if ((flags & PacketSummary.TCP_ACK) != 0) {
            text.append(" Ack=").append(p.tcpAck());
        }
        text.append(" Win=").append(p.tcpWindow());
        if ((flags & PacketSummary.TCP_URG) != 0) { // the urgent pointer, bytes 18-19 of the header
            byte[] f = p.frame();
            text.append(" Urg=").append((f[p.transportOffset() + 18] & 0xff) << 8 | (f[p.transportOffset() + 19] & 0xff));
        }
        if (p.payloadWireLength() >= 0) {
            text.append(" Len=").append(p.payloadWireLength());
        }
    }

    private static void dns(PacketSummary p, StringBuilder text) {
        int flags = p.dnsFlags();
        text.append(switch (flags >> 11 & 0xf) {
            case 0 -> "Standard query";
            case 1 -> "Inverse query";
            case 2 -> "Server status request";
            case 4 -> "Zone change notification";
            case 5 -> "Dynamic update";
            default -> "Unknown operation (" + (flags >> 11 & 0xf) + ")";
        });
        if (p.isDnsResponse()) {
            text.append(" response");
        }
        text.append(" 0x").append(String.format("%04x", p.dnsId()));
        if (p.isDnsResponse() && (flags & 0xf) != 0) {
            text.append(' ').append(dnsResponseCode(flags & 0xf));
        }
        if (p.dnsQueryName() != null) {
            if (p.dnsQueryType() >= 0) {
                text.append(' ').append(dnsType(p.dnsQueryType()));
            }
            text.append(' ').append(p.dnsQueryName().isEmpty() ? "<Root>" : printable(p.dnsQueryName()));
        }
    }

    /** The mnemonic of a DNS record type, as Wireshark writes it. */
    public static String dnsType(int type) {
        return switch (type) {
            case 0 -> "Unused";
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 19 -> "X25";
            case 20 -> "ISDN";
            case 21 -> "RT";
            case 22 -> "NSAP";
            case 23 -> "NSAP-PTR";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 26 -> "PX";
            case 27 -> "GPOS";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 30 -> "NXT";
            case 31 -> "EID";
            case 32 -> "NIMLOC";
            case 33 -> "SRV";
            case 34 -> "ATMA";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 40 -> "SINK";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 53 -> "SMIMEA";
            case 55 -> "HIP";
            case 59 -> "CDS";
            case 60 -> "CDNSKEY";
            case 61 -> "OPENPGPKEY";
            case 62 -> "CSYNC";
            case 63 -> "ZONEMD";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 99 -> "SPF";
            case 100 -> "UINFO";
            case 101 -> "UID";
            case 102 -> "GID";
            case 103 -> "UNSPEC";
            case 104 -> "NID";
            case 105 -> "L32";
            case 106 -> "L64";
            case 107 -> "LP";
            case 108 -> "EUI48";
            case 109 -> "EUI64";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 253 -> "MAILB";
            case 254 -> "MAILA";
            case 255 -> "ANY";
            case 256 -> "URI";
            case 257 -> "CAA";
            case 258 -> "AVC";
            case 259 -> "DOA";
            case 260 -> "AMTRELAY";
            case 32768 -> "TA";
            case 32769 -> "DLV";
            default -> "Unknown (" + type + ")";
        };
    }

    private static String dnsResponseCode(int code) {
        return switch (code) {
            case 1 -> "Format error";
            case 2 -> "Server failure";
            case 3 -> "No such name";
            case 4 -> "Not implemented";
            case 5 -> "Refused";
            default -> "Error " + code;
        };
    }

    /**
     * A DNS name (raw bytes, one char each) as Wireshark shows it, so one packet stays one line: printable ASCII as
     * it is, the usual C escapes (\t, \n, ...) and every other byte as a 3-digit octal escape like \000.
     */
    public static String printable(String name) {
        StringBuilder text = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7f;
            if (!plain && text == null) {
                text = new StringBuilder(name.length() + 16).append(name, 0, i);
            }
            if (text == null) {
                continue;
            }
            switch (c) {
                case 0x07 -> text.append("\\a");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case 0x0b -> text.append("\\v");
                default -> {
                    if (plain) {
                        text.append(c);
                    } else {
                        text.append('\\').append((char) ('0' + (c >> 6 & 3))).append((char) ('0' + (c >> 3 & 7)))
                                .append((char) ('0' + (c & 7)));
                    }
                }
            }
        }
        return text == null ? name : text.toString();
    }

    private static void icmp(PacketSummary p, StringBuilder text) {
        int code = p.icmpCode();
        switch (p.icmpType()) {
            case 0 -> text.append("Echo (ping) reply");
            case 8 -> text.append("Echo (ping) request");
            case 3 -> text.append("Destination unreachable (").append(switch (code) {
                case 0 -> "Network unreachable";
                case 1 -> "Host unreachable";
                case 2 -> "Protocol unreachable";
                case 3 -> "Port unreachable";
                case 4 -> "Fragmentation needed";
                case 9, 10, 13 -> "Communication administratively filtered";
                default -> "Code " + code;
            }).append(')');
            case 4 -> text.append("Source quench (flow control)");
            case 5 -> text.append("Redirect");
            case 9 -> text.append("Router advertisement");
            case 10 -> text.append("Router solicitation");
            case 11 -> text.append(code == 0 ? "Time-to-live exceeded (Time to live exceeded in transit)"
                    : "Time-to-live exceeded (Fragment reassembly time exceeded)");
            case 12 -> text.append("Parameter problem");
            case 13 -> text.append("Timestamp request");
            case 14 -> text.append("Timestamp reply");
            case 17 -> text.append("Address mask request");
            case 18 -> text.append("Address mask reply");
            default -> text.append("Type ").append(p.icmpType()).append(", code ").append(code);
        }
        if ((p.icmpType() == 0 || p.icmpType() == 8) && p.payloadOffset() >= 8) {
            while (text.length() < 20) { // Wireshark pads the message name so that replies line up with requests
                text.append(' ');
            }
            int[] idAndSequence = echoIdAndSequence(p);
            text.append(" id=0x").append(String.format("%04x", idAndSequence[0])).append(", seq=")
                    .append(idAndSequence[1]).append('/').append(Integer.reverseBytes(idAndSequence[1]) >>> 16)
                    .append(", ttl=").append(p.ttl());
        }
    }

    private static void icmp6(PacketSummary p, StringBuilder text) {
        switch (p.icmpType()) {
            case 1 -> text.append("Destination Unreachable");
            case 2 -> text.append("Packet Too Big");
            case 3 -> text.append("Time Exceeded");
            case 4 -> text.append("Parameter Problem");
            case 128 -> text.append("Echo (ping) request");
            case 129 -> text.append("Echo (ping) reply");
            case 130 -> text.append("Multicast Listener Query");
            case 131 -> text.append("Multicast Listener Report");
            case 132 -> text.append("Multicast Listener Done");
            case 133 -> text.append("Router Solicitation");
            case 134 -> text.append("Router Advertisement");
            case 135 -> text.append("Neighbor Solicitation");
            case 136 -> text.append("Neighbor Advertisement");
            case 137 -> text.append("Redirect");
            case 143 -> text.append("Multicast Listener Report Message v2");
            default -> text.append("Type ").append(p.icmpType()).append(", code ").append(p.icmpCode());
        }
        if ((p.icmpType() == 128 || p.icmpType() == 129) && p.payloadOffset() >= 8) {
            int[] idAndSequence = echoIdAndSequence(p);
            text.append(" id=0x").append(String.format("%04x", idAndSequence[0])).append(", seq=")
                    .append(idAndSequence[1]).append(", hop limit=").append(p.ttl());
        }
    }

    /** Identifier and sequence number of an echo message (the last 4 bytes of its 8-byte header). */
    private static int[] echoIdAndSequence(PacketSummary p) {
        byte[] f = p.frame();
        int at = p.payloadOffset() - 4;
        return new int[] { (f[at] & 0xff) << 8 | (f[at + 1] & 0xff), (f[at + 2] & 0xff) << 8 | (f[at + 3] & 0xff) };
    }

    private static void arp(PacketSummary p, StringBuilder text) {
        if (p.arpSenderMac() < 0) {
            text.append("ARP opcode ").append(p.arpOpcode());
            return;
        }
        String sender = Addresses.ip4(p.arpSenderIp());
        String target = Addresses.ip4(p.arpTargetIp());
        switch (p.arpOpcode()) {
            case 1 -> {
                if (p.arpSenderIp() == p.arpTargetIp()) {
                    text.append("ARP Announcement for ").append(sender);
                } else if (p.arpSenderIp() == 0) {
                    text.append("Who has ").append(target).append("? (ARP Probe)");
                } else {
                    text.append("Who has ").append(target).append("? Tell ").append(sender);
                }
            }
            case 2 -> {
                if (p.arpSenderIp() == p.arpTargetIp()) {
                    text.append("Gratuitous ARP for ").append(sender).append(" (Reply)");
                } else {
                    text.append(sender).append(" is at ").append(Addresses.mac(p.arpSenderMac()));
                }
            }
            default -> text.append("ARP opcode ").append(p.arpOpcode());
        }
    }
}
