package org.osprey.capture;

/** The attacks the traffic generator can inject, each as real frames a detector should recognise. */
public enum AttackKind {
    /** Half-open scan: SYN probes, closed ports answer RST/ACK, open ones SYN/ACK and the scanner resets. */
    SYN_SCAN,
    /** Full connect scan: open ports complete the handshake, then the scanner closes with RST/ACK. */
    CONNECT_SCAN,
    /** FIN probes; closed ports answer RST/ACK, open ones stay silent. */
    FIN_SCAN,
    /** Probes with no TCP flags at all. */
    NULL_SCAN,
    /** Probes with FIN, PSH and URG set ("lit up like a Christmas tree"). */
    XMAS_SCAN,
    /** ACK probes (firewall mapping); unfiltered ports answer RST. */
    ACK_SCAN,
    /** Empty UDP probes; closed ports answer ICMP port unreachable. */
    UDP_SCAN,
    /** Thousands of SYNs from spoofed sources to one victim port. */
    SYN_FLOOD,
    /** ICMP echo requests to every address of the local /24; live hosts reply. */
    PING_SWEEP,
    /** DNS TXT queries with long encoded labels under one domain, carrying data out. */
    DNS_TUNNEL,
    /** Many FTP USER/PASS attempts answered "530 Login incorrect". */
    FTP_BRUTE_FORCE,
    /** Many short SSH connections that each try a few passwords and are closed by the server. */
    SSH_BRUTE_FORCE,
    /** A second MAC claims the gateway's IP address in unsolicited ARP replies (and the victim's to the gateway). */
    ARP_SPOOFING,
    /** An FTP login in clear text: USER and PASS, then 230. */
    FTP_CREDENTIALS,
    /** An HTTP request with an {@code Authorization: Basic} header. */
    HTTP_BASIC_CREDENTIALS,
    /** A Telnet login: user name and password typed in clear text. */
    TELNET_CREDENTIALS
}
