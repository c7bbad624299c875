/**
 * ARP: {@link org.osprey.detect.builtin.internal.arp.ArpScanDetector} ({@code osprey.arpscan}, broadcast who-has for
 * many addresses, LOW, T1018) and {@link org.osprey.detect.builtin.internal.arp.ArpSpoofDetector}
 * ({@code osprey.arpspoof}: one MAC claiming several addresses and an address moving to another MAC, HIGH; ARP sender
 * differing from the Ethernet source, MEDIUM; T1557.002). Ethernet/IPv4 ARP only, as the summary decoder gives it.
 */
package org.osprey.detect.builtin.internal.arp;
