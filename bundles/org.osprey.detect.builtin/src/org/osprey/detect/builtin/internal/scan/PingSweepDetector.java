package org.osprey.detect.builtin.internal.scan;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * Ping sweeps: ICMP echo (or timestamp, or address mask) requests from one host to many hosts, finding which are up.
 * Severity LOW: inventory and monitoring tools sweep networks routinely, and a sweep only learns that hosts exist;
 * what the scanner does next (a port scan, MEDIUM) is the stronger sign. MITRE ATT&amp;CK T1018 (Remote System
 * Discovery).
 */
@Component(service = Detector.class)
public final class PingSweepDetector implements Detector {

    public static final String ID = "osprey.pingsweep";
    public static final int SIG_PING_SWEEP = 1;

    static final String HOSTS = "hosts";
    static final String WINDOW = "window.seconds";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(HOSTS, "Distinct hosts pinged", 25, 3, 1_000_000,
                    "Hosts one source sends ICMP echo, timestamp or address-mask requests to within the window"
                            + " that raise the alert. 25 is addr_scan_threshold of Zeek's policy/misc/scan.zeek"
                            + " (hosts one scanner reaches)."),
            DetectorParameter.seconds(WINDOW, "Window (s)", 300, 1, 86_400,
                    "Packet time over which a source's pinged hosts are counted, from the first; 300 s is"
                            + " addr_scan_interval of Zeek's scan.zeek."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Ping sweep";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A host sending ICMP echo (or timestamp, address-mask) requests to many hosts of a network to find"
                + " which are up.";
    }

    @Override
    public String filter() {
        // echo (8), timestamp (13) and address mask (17) requests; ICMPv6 echo request (128)
        return "icmp.type in {8 13 17} || icmpv6.type == 128";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new PingSweepInspector(context);
    }
}
