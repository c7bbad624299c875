package org.osprey.detect.builtin.internal.beacon;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * Beaconing: a host that opens connections to one destination (address and port) at regular intervals, the way an
 * implant checks in with its command-and-control server. Regularity is the coefficient of variation (standard
 * deviation over mean) of the intervals between the last N connection starts (TCP SYNs); UDP is not followed.
 * <p>
 * Severity MEDIUM: the pattern is that of command and control (MITRE ATT&amp;CK T1071, Application Layer Protocol;
 * T1029, Scheduled Transfer, when the check-ins carry data out), but software updaters and monitoring agents also
 * call home on a timer, so an analyst must look. Alerted once per host, destination and port in a run.
 */
@Component(service = Detector.class)
public final class BeaconDetector implements Detector {

    public static final String ID = "osprey.beaconing";

    static final String CONNECTIONS = "connections";
    static final String MAX_VARIATION = "variation.max";
    static final String MIN_INTERVAL = "interval.min.seconds";
    static final String BURST = "burst.seconds";
    static final String TRACKED = "tracked";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(CONNECTIONS, "Connections", 10, 4, 1_000,
                    "Connection starts whose intervals are judged (N starts give N-1 intervals). 10 gives nine"
                            + " intervals: enough for the coefficient of variation to be stable, and a 60 s beacon"
                            + " is found within ten minutes."),
            new DetectorParameter(MAX_VARIATION, "Largest coefficient of variation", 0.2, 0.01, 1.0,
                    "Intervals whose standard deviation is at most this share of their mean count as regular."
                            + " Cobalt Strike's jitter shortens each sleep by a random 0..j%: intervals uniform in"
                            + " [T(1-j), T] have a coefficient of variation of j / (sqrt(12) (1 - j/2)), 0.19 at its"
                            + " commonly configured upper range of j = 50%; human-driven traffic is far above 0.5."),
            DetectorParameter.seconds(MIN_INTERVAL, "Shortest mean interval (s)", 10, 0.1, 86_400,
                    "Beacons with a shorter mean interval are ignored: polling and streaming repeat within seconds,"
                            + " C2 frameworks sleep longer (Cobalt Strike's default sleep is 60 s)."),
            DetectorParameter.seconds(BURST, "Burst (s)", 1, 0, 60,
                    "Connection starts within this long of the previous one are one check-in (a client that opens"
                            + " several connections at once, or a SYN sent again)."),
            DetectorParameter.count(TRACKED, "Destinations followed", 8_192, 16, 1_000_000,
                    "Host/destination/port triples followed at once; beyond it those not seen for longest are"
                            + " forgotten, which keeps memory flat. Read when the run starts."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Beaconing";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A host connecting to one destination at regular intervals (low jitter over the last N connections),"
                + " as command-and-control implants do.";
    }

    @Override
    public String filter() {
        return "tcp.flags.syn == 1 && tcp.flags.ack == 0";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new BeaconInspector(context, context.settings().intValue(TRACKED));
    }
}
