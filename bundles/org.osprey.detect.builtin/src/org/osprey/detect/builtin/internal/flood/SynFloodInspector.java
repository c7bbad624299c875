package org.osprey.detect.builtin.internal.flood;

import static org.osprey.core.PacketSummary.TCP_ACK;
import static org.osprey.core.PacketSummary.TCP_RST;
import static org.osprey.core.PacketSummary.TCP_SYN;

import java.util.Locale;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.Durations;
import org.osprey.detect.builtin.internal.HostIds;

/** The SYN-flood state of one run: {@link FloodCounters} per victim host and port. */
final class SynFloodInspector extends FloodInspector {

    SynFloodInspector(DetectorContext context) {
        super(context);
    }

    @Override
    public void inspect(PacketSummary packet) {
        int flags = packet.tcpFlags();
        if (flags == PacketSummary.ABSENT || packet.dstPort() == PacketSummary.ABSENT || packet.ipVersion() == 0) {
            return;
        }
        long victim = HostIds.destination(packet);
        if ((flags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
            DetectorSettings settings = context.settings();
            int threshold = settings.intValue(SynFloodDetector.SYNS);
            int entry = victims.count(victim, packet.dstPort(), HostIds.source(packet), packet.sequence(),
                    packet.timestampNanos(), settings.nanos(SynFloodDetector.INTERVAL), threshold);
            int syns = victims.packets(entry);
            if (syns >= threshold && !victims.flooding(entry)
                    && victims.replies(entry) * 100.0 <= syns * settings.value(SynFloodDetector.COMPLETED)) {
                victims.startFlood(entry);
                raise(entry, packet, settings);
            }
        } else if ((flags & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_ACK) {
            int entry = victims.find(victim, packet.dstPort());
            if (entry >= 0) {
                victims.countReply(entry); // a client's ACK: at most one completed handshake
            }
        }
    }

    private void raise(int entry, PacketSummary packet, DetectorSettings settings) {
        String victim = packet.destination();
        int port = packet.dstPort();
        int syns = victims.packets(entry);
        long sources = victims.distinctSources(entry);
        String attacker = victims.singleSource(entry) ? packet.source() : null;
        String origin = attacker != null ? attacker
                : String.format(Locale.ROOT, "about %,d sources%s", sources, sources * 2 > syns ? " (spoofed)" : "");
        String span = Durations.of(packet.timestampNanos() - victims.intervalStart(entry));
        Alert.Builder alert = Alert.builder(SynFloodDetector.ID, SynFloodDetector.SIG_SYN_FLOOD, "SYN flood")
                .severity(Severity.HIGH).category("Detection of a Denial of Service Attack").mitreTechnique("T1499.001")
                .source(attacker, Alert.NO_PORT).destination(victim, port).transport("TCP")
                .message(String.format(Locale.ROOT, "SYN flood on %s port %d: %,d SYNs in %s from %s, %d handshakes"
                        + " completed", victim, port, syns, span, origin, victims.replies(entry)))
                .evidence("SYNs", Integer.toString(syns))
                .evidence("interval", span)
                .evidence("threshold", settings.intValue(SynFloodDetector.SYNS) + " SYNs within "
                        + Durations.seconds(settings.value(SynFloodDetector.INTERVAL)) + " s")
                .evidence("completed handshakes (at most)", Integer.toString(victims.replies(entry)))
                .evidence("completed threshold", Durations.seconds(settings.value(SynFloodDetector.COMPLETED))
                        + "% of SYNs")
                .evidence("distinct sources (estimate)", Long.toString(sources));
        victims.addFirstPackets(entry, alert);
        context.alerts().raise(alert.packet(packet).build());
    }
}
