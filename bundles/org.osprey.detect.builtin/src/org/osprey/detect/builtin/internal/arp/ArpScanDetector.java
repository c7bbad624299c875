package org.osprey.detect.builtin.internal.arp;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * ARP scans (arp-scan, nmap -PR, netdiscover): broadcast who-has requests from one station for many addresses of its
 * network, finding every host on the link whatever its firewall does. Only broadcast requests count: refreshing a
 * known neighbour is a unicast request (RFC 1122), gratuitous ARP names the sender's own address. Its IPv6 form,
 * neighbour solicitations for many addresses (nmap -6 -PR), counts the same way, duplicate address detection (from
 * ::) left out. Severity LOW, as for ping sweeps: discovery, not harm. MITRE ATT&amp;CK T1018 (Remote System
 * Discovery).
 */
@Component(service = Detector.class)
public final class ArpScanDetector implements Detector {

    public static final String ID = "osprey.arpscan";
    public static final int SIG_ARP_SCAN = 1;

    static final String ADDRESSES = "addresses";
    static final String WINDOW = "window.seconds";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(ADDRESSES, "Distinct addresses asked for", 25, 3, 1_000_000,
                    "Distinct addresses one station asks for (ARP by broadcast, or IPv6 neighbour solicitation)"
                            + " within the window that raise the alert. 25 is addr_scan_threshold of Zeek's"
                            + " policy/misc/scan.zeek (hosts one scanner reaches)."),
            DetectorParameter.seconds(WINDOW, "Window (s)", 60, 1, 86_400,
                    "Packet time over which a station's requests are counted, from the first. Shorter than for ping"
                            + " sweeps since ARP scanners cover a /24 in seconds, while a router resolves its"
                            + " clients by broadcast only as they appear."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "ARP scan";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A station broadcasting ARP who-has requests (or IPv6 neighbour solicitations) for many addresses of its"
                + " network to find every host on the link.";
    }

    @Override
    public String filter() {
        return "arp.opcode == 1 || icmpv6.type == 135";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new ArpScanInspector(context);
    }
}
