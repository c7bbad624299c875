package org.osprey.detect.builtin.internal.flood;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * SYN floods: many connection requests to one service that are not carried through, filling its backlog of
 * half-open connections. Counted per victim host and port, and per host over all its ports (a flood to random ports),
 * in intervals of packet time: SYNs, the ACKs that complete handshakes (legitimate clients send one per connection;
 * spoofed sources never do), and the distinct sources (a spoofed flood shows about as many sources as SYNs).
 * Severity HIGH: the service is being denied to its users now. MITRE ATT&amp;CK T1499.001 (Endpoint Denial of
 * Service: OS Exhaustion Flood, whose example is the SYN flood).
 */
@Component(service = Detector.class)
public final class SynFloodDetector implements Detector {

    public static final String ID = "osprey.synflood";
    /** Signature: a flood aimed at one service (host and port). */
    public static final int SIG_SYN_FLOOD = 1;
    /** Signature: a flood from many sources spread over the host's ports, none of which gets half of it. */
    public static final int SIG_SYN_FLOOD_PORTS = 2;

    static final String SYNS = "syns";
    static final String INTERVAL = "interval.seconds";
    static final String COMPLETED = "completed.percent";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(SYNS, "SYNs to one victim per interval", 100, 10, 10_000_000,
                    "SYNs to one host and port (or to one host over all its ports) within the interval that can"
                            + " raise the alert. 100 per second is the connection-attempt rate of the Snort manual's"
                            + " rate_filter example (gen_id 135, sig_id 1 'TCP SYN received', count 100, seconds 1)."),
            DetectorParameter.seconds(INTERVAL, "Interval (s)", 1, 0.1, 3_600,
                    "Packet time over which SYNs are counted; the rate is SYNs per interval."),
            new DetectorParameter(COMPLETED, "Completed handshakes at most (% of SYNs)", 20, 0, 100,
                    "The alert is raised only while fewer handshakes than this share of the SYNs were completed"
                            + " (client ACKs to the service in the same interval): a busy but healthy server sees"
                            + " close to one ACK per SYN, a flood from spoofed or abandoned sources nearly none. An"
                            + " upper bound (ACKs of data count too), so a flood hidden in heavy traffic may go"
                            + " unreported rather than a busy server be blamed."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "SYN flood";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Many SYNs to one service that do not complete the handshake, typically from spoofed sources: a denial"
                + " of service filling the server's backlog of half-open connections.";
    }

    @Override
    public String filter() {
        return "tcp";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new SynFloodInspector(context);
    }
}
