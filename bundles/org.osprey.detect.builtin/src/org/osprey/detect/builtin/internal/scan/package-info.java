/**
 * Scans: {@link org.osprey.detect.builtin.internal.scan.PortScanDetector} ({@code osprey.portscan}: TCP SYN, connect,
 * FIN, NULL, XMAS, ACK and UDP, vertical signatures 1-7 and horizontal 11-17, MEDIUM, T1046) and
 * {@link org.osprey.detect.builtin.internal.scan.PingSweepDetector} ({@code osprey.pingsweep}, LOW, T1018).
 * <p>
 * Thresholds follow Zeek's scan.zeek (15 ports on one host, 25 hosts on one port, in 5 minutes), and like it only
 * attempts that did not become a conversation count. State lives in bounded primitive tables
 * ({@link org.osprey.detect.builtin.internal.KeyTable}): about 7 MB per detection run for the port scan, whatever the
 * traffic.
 */
package org.osprey.detect.builtin.internal.scan;
