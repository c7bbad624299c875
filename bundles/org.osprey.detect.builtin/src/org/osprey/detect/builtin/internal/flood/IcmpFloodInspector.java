package org.osprey.detect.builtin.internal.flood;

import java.util.Locale;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.Durations;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.QuotedPacket;

/** The ICMP-flood state of one run: {@link FloodCounters} per victim host. */
final class IcmpFloodInspector extends FloodInspector {

    private final QuotedPacket quoted = new QuotedPacket();

    IcmpFloodInspector(DetectorContext context) {
        super(context);
    }

    @Override
    public void inspect(PacketSummary packet) {
        if (packet.ipVersion() == 0 || packet.icmpType() == PacketSummary.ABSENT || answersVictim(packet)) {
            return;
        }
        DetectorSettings settings = context.settings();
        int threshold = settings.intValue(IcmpFloodDetector.PACKETS);
        int entry = victims.count(HostIds.destination(packet), 0, HostIds.source(packet), packet.sequence(),
                packet.timestampNanos(), settings.nanos(IcmpFloodDetector.INTERVAL), threshold);
        if (victims.packets(entry) >= threshold && !victims.flooding(entry)) {
            victims.startFlood(entry);
            raise(entry, packet, settings);
        }
    }

    /**
     * An ICMP error (unreachable, time exceeded) quoting a packet the victim itself sent: the network answering the
     * victim's own traffic (a fast UDP scan or traceroute gets thousands), not an attack on it.
     */
    private boolean answersVictim(PacketSummary packet) {
        return quoted.read(packet) && quoted.source() == HostIds.destination(packet);
    }

    private void raise(int entry, PacketSummary packet, DetectorSettings settings) {
        String victim = packet.destination();
        int messages = victims.packets(entry);
        long sources = victims.distinctSources(entry);
        String attacker = victims.singleSource(entry) ? packet.source() : null;
        String origin = attacker != null ? attacker : String.format(Locale.ROOT, "about %,d sources", sources);
        String span = Durations.of(packet.timestampNanos() - victims.intervalStart(entry));
        Alert.Builder alert = Alert.builder(IcmpFloodDetector.ID, IcmpFloodDetector.SIG_ICMP_FLOOD, "ICMP flood")
                .severity(Severity.HIGH).category("Detection of a Denial of Service Attack").mitreTechnique("T1498.001")
                .source(attacker, Alert.NO_PORT).destination(victim, Alert.NO_PORT)
                .transport(packet.ipVersion() == 6 ? "ICMPv6" : "ICMP")
                .message(String.format(Locale.ROOT, "ICMP flood on %s: %,d messages in %s from %s", victim,
                        messages, span, origin))
                .evidence("ICMP messages", Integer.toString(messages))
                .evidence("interval", span)
                .evidence("threshold", settings.intValue(IcmpFloodDetector.PACKETS) + " messages within "
                        + Durations.seconds(settings.value(IcmpFloodDetector.INTERVAL)) + " s")
                .evidence("last ICMP type", Integer.toString(packet.icmpType()))
                .evidence("distinct sources (estimate)", Long.toString(sources));
        victims.addPackets(entry, alert, packet);
        context.alerts().raise(alert.build());
    }
}
