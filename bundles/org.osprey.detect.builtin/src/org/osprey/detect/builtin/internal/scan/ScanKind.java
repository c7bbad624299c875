package org.osprey.detect.builtin.internal.scan;

/**
 * How a scanner probes, told apart by the probe's flags and by what followed it; each kind has its own signature ids
 * (vertical: many ports of one host; horizontal: one port of many hosts) so that an analyst, and a SIEM, see which.
 */
enum ScanKind {
    /** SYN, then nothing, a RST from the target, or the scanner's own RST after the SYN-ACK (nmap -sS). */
    SYN("SYN", "half-open SYN probes"),
    /** Full handshakes closed by the scanner without a byte of data (nmap -sT). */
    CONNECT("connect", "handshakes completed and closed without data"),
    /** FIN without ACK (nmap -sF). */
    FIN("FIN", "FIN probes outside any connection"),
    /** No flag at all (nmap -sN), or only PSH or URG. */
    NULL("NULL", "probes without SYN, ACK, RST or FIN"),
    /** FIN, PSH and URG together (nmap -sX). */
    XMAS("XMAS", "FIN+PSH+URG probes"),
    /** Bare ACKs that the target rejected with a RST, mapping firewall rules (nmap -sA). */
    ACK("ACK", "ACK probes answered by RST"),
    /** UDP datagrams that got no UDP answer (often an ICMP port unreachable; nmap -sU). */
    UDP("UDP", "UDP probes without a UDP answer");

    static final ScanKind[] ALL = values();

    /** Signature id of a vertical scan of this kind; a horizontal one adds {@link #HORIZONTAL_OFFSET}. */
    final int verticalSignature;
    final String label;
    final String description;

    static final int HORIZONTAL_OFFSET = 10;

    ScanKind(String label, String description) {
        this.verticalSignature = ordinal() + 1;
        this.label = label;
        this.description = description;
    }

    int horizontalSignature() {
        return verticalSignature + HORIZONTAL_OFFSET;
    }

    String transport() {
        return this == UDP ? "UDP" : "TCP";
    }

    /** The kind of a TCP segment without SYN, RST or ACK, by its remaining flags (FIN, PSH, URG). */
    static ScanKind ofStealthFlags(int tcpFlags) {
        if ((tcpFlags & 0x29) == 0x29) { // FIN 0x01 + PSH 0x08 + URG 0x20
            return XMAS;
        }
        return (tcpFlags & 0x01) != 0 ? FIN : NULL;
    }
}
