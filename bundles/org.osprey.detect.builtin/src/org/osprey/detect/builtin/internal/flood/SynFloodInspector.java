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

    /** The port of a victim's entry that counts its SYNs to every port (beyond any real port). */
    private static final int ALL_PORTS = 1 << 16;

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
            long interval = settings.nanos(SynFloodDetector.INTERVAL);
            long source = HostIds.source(packet);
            int service = victims.count(victim, packet.dstPort(), source, packet.sequence(), packet.timestampNanos(),
                    interval, threshold);
            int host = victims.count(victim, ALL_PORTS, source, packet.sequence(), packet.timestampNanos(),
                    interval, threshold);
            if (floods(service, threshold, settings)) {
                victims.startFlood(service);
                victims.startFlood(host); // the same SYNs: no second alert for the host
                raise(service, packet, settings, false);
            } else if (floods(host, threshold, settings) && victims.packets(service) * 2 < victims.packets(host)
                    && victims.distinctSources(host) * 2 > victims.packets(host)) {
                // spread over ports from many (spoofed) sources: hping3 --rand-source --rand-dest; from a few
                // sources the same SYNs are a port scan, which the port-scan detector reports
                victims.startFlood(host);
                raise(host, packet, settings, true);
            }
        } else if ((flags & (TCP_SYN | TCP_ACK | TCP_RST)) == TCP_ACK) {
            int host = victims.find(victim, ALL_PORTS);
            if (host >= 0) { // the host received SYNs lately
                victims.countReply(host); // a client's ACK: at most one completed handshake
                int service = victims.find(victim, packet.dstPort());
                if (service >= 0) {
                    victims.countReply(service);
                }
            }
        }
    }

    /** Enough SYNs in the interval, few of them completed, and no alert yet for this flood. */
    private boolean floods(int entry, int threshold, DetectorSettings settings) {
        int syns = victims.packets(entry);
        return syns >= threshold && !victims.flooding(entry)
                && victims.replies(entry) * 100.0 <= syns * settings.value(SynFloodDetector.COMPLETED);
    }

    /** @param anyPort whether the flood is spread over the host's ports rather than aimed at one service */
    private void raise(int entry, PacketSummary packet, DetectorSettings settings, boolean anyPort) {
        String victim = packet.destination();
        int port = anyPort ? Alert.NO_PORT : packet.dstPort();
        int syns = victims.packets(entry);
        long sources = victims.distinctSources(entry);
        String attacker = victims.singleSource(entry) ? packet.source() : null;
        String origin = attacker != null ? attacker
                : String.format(Locale.ROOT, "about %,d sources%s", sources, sources * 2 > syns ? " (spoofed)" : "");
        String span = Durations.of(packet.timestampNanos() - victims.intervalStart(entry));
        Alert.Builder alert = Alert.builder(SynFloodDetector.ID,
                        anyPort ? SynFloodDetector.SIG_SYN_FLOOD_PORTS : SynFloodDetector.SIG_SYN_FLOOD,
                        anyPort ? "SYN flood (many ports)" : "SYN flood")
                .severity(Severity.HIGH).category("Detection of a Denial of Service Attack").mitreTechnique("T1499.001")
                .source(attacker, Alert.NO_PORT).destination(victim, port).transport("TCP")
                .message(String.format(Locale.ROOT, "SYN flood on %s %s: %,d SYNs in %s from %s, %d handshakes"
                        + " completed", victim, anyPort ? "(many ports)" : "port " + port, syns, span, origin,
                        victims.replies(entry)))
                .evidence("SYNs", Integer.toString(syns))
                .evidence("interval", span)
                .evidence("threshold", settings.intValue(SynFloodDetector.SYNS) + " SYNs within "
                        + Durations.seconds(settings.value(SynFloodDetector.INTERVAL)) + " s")
                .evidence("completed handshakes (at most)", Integer.toString(victims.replies(entry)))
                .evidence("completed threshold", Durations.seconds(settings.value(SynFloodDetector.COMPLETED))
                        + "% of SYNs")
                .evidence("distinct sources (estimate)", Long.toString(sources));
        victims.addPackets(entry, alert, packet);
        context.alerts().raise(alert.build());
    }
}
