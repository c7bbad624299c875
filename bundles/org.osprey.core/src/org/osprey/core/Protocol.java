package org.osprey.core;

/** The highest protocol layer the summary decoder recognised, as shown in the Protocol column. */
public enum Protocol {
    UNKNOWN("Unknown"),
    ETHERNET("Ethernet"),
    ARP("ARP"),
    IPV4("IPv4"),
    IPV6("IPv6"),
    TCP("TCP"),
    UDP("UDP"),
    ICMP("ICMP"),
    ICMPV6("ICMPv6"),
    IGMP("IGMP"),
    SCTP("SCTP"),
    DNS("DNS");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** The name an analyst reads, as Wireshark writes it. */
    public String label() {
        return label;
    }
}
