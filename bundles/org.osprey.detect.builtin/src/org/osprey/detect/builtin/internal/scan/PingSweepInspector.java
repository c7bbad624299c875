package org.osprey.detect.builtin.internal.scan;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.Durations;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.Periodic;
import org.osprey.detect.builtin.internal.SweepCounter;

/** The ping-sweep state of one run: a {@link SweepCounter} of pinged hosts per source. */
final class PingSweepInspector implements PacketInspector {

    static final int SOURCE_CAPACITY = 4096;
    static final int PAIR_CAPACITY = 1 << 14;
    private static final long EXPIRY_INTERVAL = 10_000_000_000L;

    private final DetectorContext context;
    private final SweepCounter sweeps = new SweepCounter(SOURCE_CAPACITY, PAIR_CAPACITY);
    private final Periodic expiry = new Periodic(EXPIRY_INTERVAL);

    PingSweepInspector(DetectorContext context) {
        this.context = context;
    }

    @Override
    public void inspect(PacketSummary packet) {
        if (packet.ipVersion() == 0 || HostIds.destinationIsGroup(packet)) {
            return; // a ping to a group is one packet, not a sweep
        }
        DetectorSettings settings = context.settings();
        int entry = sweeps.count(HostIds.source(packet), HostIds.destination(packet), packet.sequence(),
                packet.timestampNanos(), settings.nanos(PingSweepDetector.WINDOW),
                settings.intValue(PingSweepDetector.HOSTS));
        if (entry >= 0) {
            raise(entry, packet, settings);
        }
    }

    @Override
    public void timeAdvanced(long packetTimeNanos) {
        if (expiry.due(packetTimeNanos)) {
            sweeps.expire(packetTimeNanos, context.settings().nanos(PingSweepDetector.WINDOW));
        }
    }

    private void raise(int entry, PacketSummary packet, DetectorSettings settings) {
        String scanner = packet.source();
        String network = packet.ipVersion() == 4 && sweeps.ip4Only(entry) ? sweeps.ip4Network(entry)
                : HostIds.ip6Network(packet.dstIp6Hi());
        int hosts = sweeps.targets(entry);
        String request = switch (packet.icmpType()) {
            case 13 -> "ICMP timestamp requests";
            case 17 -> "ICMP address mask requests";
            default -> packet.ipVersion() == 6 ? "ICMPv6 echo requests" : "ICMP echo requests";
        };
        Alert.Builder alert = Alert.builder(PingSweepDetector.ID, PingSweepDetector.SIG_PING_SWEEP, "Ping sweep")
                .severity(Severity.LOW).category("Detection of a Network Scan").mitreTechnique("T1018")
                .source(scanner, Alert.NO_PORT).destination(network, Alert.NO_PORT)
                .transport(packet.ipVersion() == 6 ? "ICMPv6" : "ICMP")
                .message(scanner + " pinged " + hosts + " hosts of " + network + " in "
                        + Durations.of(packet.timestampNanos() - sweeps.windowStart(entry)) + " (" + request + ")")
                .evidence("distinct hosts", Integer.toString(hosts))
                .evidence("threshold", settings.intValue(PingSweepDetector.HOSTS) + " hosts within "
                        + Durations.seconds(settings.value(PingSweepDetector.WINDOW)) + " s")
                .evidence("probe", request);
        sweeps.addPackets(entry, alert, packet);
        context.alerts().raise(alert.build());
    }
}
