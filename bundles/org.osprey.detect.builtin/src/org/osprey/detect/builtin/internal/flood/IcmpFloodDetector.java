package org.osprey.detect.builtin.internal.flood;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * ICMP floods: more ICMP messages (echo requests, or the echo replies of a smurf attack, or any other type) to one host
 * per interval of packet time than any normal use sends, from one source or many. Severity HIGH: the host's link or
 * CPU is being exhausted now. MITRE ATT&amp;CK T1498.001 (Network Denial of Service: Direct Network Flood).
 */
@Component(service = Detector.class)
public final class IcmpFloodDetector implements Detector {

    public static final String ID = "osprey.icmpflood";
    public static final int SIG_ICMP_FLOOD = 1;

    static final String PACKETS = "packets";
    static final String INTERVAL = "interval.seconds";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(PACKETS, "ICMP messages to one host per interval", 1000, 10, 10_000_000,
                    "ICMP and ICMPv6 messages to one host within the interval that raise the alert. 1,000 per"
                            + " second is the default threshold of the ICMP flood screen of Juniper Junos"
                            + " (security screen ids-option icmp flood threshold); ping -f sends about 100 per"
                            + " second on a LAN."),
            DetectorParameter.seconds(INTERVAL, "Interval (s)", 1, 0.1, 3_600,
                    "Packet time over which the messages are counted; the rate is messages per interval."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "ICMP flood";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A host receiving more ICMP messages per second than normal use sends (ping floods, smurf echo"
                + " replies): a denial of service on its link or CPU.";
    }

    @Override
    public String filter() {
        return "icmp || icmpv6";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new IcmpFloodInspector(context);
    }
}
