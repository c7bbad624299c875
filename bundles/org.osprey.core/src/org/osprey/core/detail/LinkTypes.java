package org.osprey.core.detail;

/** Names of LINKTYPE_ values (as in pcap and pcapng files) for the detail pane. */
final class LinkTypes {

    private LinkTypes() {
    }

    static String name(int linkType) {
        return switch (linkType) {
            case 0 -> "BSD loopback (NULL)";
            case 1 -> "Ethernet";
            case 6 -> "IEEE 802.5 Token Ring";
            case 9 -> "PPP";
            case 10 -> "FDDI";
            case 12, 14, 101 -> "Raw IP";
            case 50 -> "PPP in HDLC-like framing";
            case 104 -> "Cisco HDLC";
            case 105 -> "IEEE 802.11";
            case 108 -> "OpenBSD loopback";
            case 113 -> "Linux cooked capture (SLL)";
            case 127 -> "IEEE 802.11 with radiotap";
            case 143 -> "DOCSIS";
            case 228 -> "Raw IPv4";
            case 229 -> "Raw IPv6";
            case 276 -> "Linux cooked capture v2 (SLL2)";
            default -> "link type " + linkType;
        };
    }
}
