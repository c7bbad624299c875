package org.osprey.detect.builtin.internal.scan;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * Port scans: TCP SYN, connect, FIN, NULL, XMAS and ACK scans and UDP scans, vertical (many ports of one host) and
 * horizontal (one port on many hosts). One detector rather than one per kind: every kind is seen in the same packets
 * (TCP, UDP and the ICMP errors about them), needs the same per-probe memory (was it answered, did data flow), and
 * analysts tune one pair of thresholds; the kind is told by the alert's signature (1-7 vertical, 11-17 horizontal, in
 * {@link ScanKind} order) and its evidence.
 * <p>
 * Counting follows Zeek's scan.zeek: only attempts that did not become a conversation count (a browser reaching 30
 * web servers is not a horizontal scan), over a window of packet time. Severity MEDIUM: reconnaissance, the step
 * before an attack, but not harm by itself. MITRE ATT&amp;CK T1046 (Network Service Discovery).
 */
@Component(service = Detector.class)
public final class PortScanDetector implements Detector {

    public static final String ID = "osprey.portscan";
    static final String CATEGORY = "Detection of a Network Scan";

    static final String PORTS = "ports";
    static final String HOSTS = "hosts";
    static final String WINDOW = "window.seconds";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(PORTS, "Distinct ports on one host", 15, 3, 65_535,
                    "Probes without a conversation from one scanner to this many distinct ports of one host within"
                            + " the window raise a vertical port scan. 15 is port_scan_threshold of Zeek's"
                            + " policy/misc/scan.zeek."),
            DetectorParameter.count(HOSTS, "Distinct hosts on one port", 25, 3, 1_000_000,
                    "Probes without a conversation from one scanner to one port on this many distinct hosts within"
                            + " the window raise a horizontal scan (port sweep). 25 is addr_scan_threshold of Zeek's"
                            + " policy/misc/scan.zeek."),
            DetectorParameter.seconds(WINDOW, "Window (s)", 300, 1, 86_400,
                    "Packet time over which a scanner's probes are counted, from its first; 300 s is"
                            + " port_scan_interval and addr_scan_interval of Zeek's scan.zeek. nmap -T1 (a probe every"
                            + " 15 s) still crosses 15 ports in it; -T0 (one every 5 minutes) stays below."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Port scan";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A host probing many ports of one host (vertical) or one port on many hosts (horizontal) without"
                + " talking to them: TCP SYN, connect, FIN, NULL, XMAS and ACK scans and UDP scans.";
    }

    @Override
    public String filter() {
        // TCP and UDP, and the ICMP errors that answer them: unreachable, and time exceeded (to tell traceroute)
        return "tcp || udp || icmp.type == 3 || icmp.type == 11 || icmpv6.type == 1 || icmpv6.type == 3";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new PortScanInspector(context);
    }
}
