package org.example.osprey.telnet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;

/**
 * Telnet in use: a client sends data to a Telnet server, so a login (user name and password) and the whole session
 * cross the network in clear text. One alert per TCP connection; the engine merges repeats for the same client and
 * server (its suppression window), so an analyst sees each pair once.
 * <p>
 * Registered as an OSGi service by Declarative Services: bnd turns {@code @Component} into the component XML, and the
 * product's detection engine picks the service up while it runs.
 */
@Component(service = Detector.class)
public final class TelnetDetector implements Detector {

    public static final String ID = "example.telnet";
    /** The signature id of this detector's one kind of alert (Suricata's signature_id). */
    public static final int SIGNATURE = 1;
    public static final String PORT = "port";

    /** Connections already reported; past this many the set starts over (a repeat is merged by the engine anyway). */
    static final int MAX_REMEMBERED = 10_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Telnet in use";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A client sends data to a Telnet server: logins and sessions cross the network in clear text.";
    }

    /** Only TCP reaches the inspector; the port is a parameter, so it is checked there. */
    @Override
    public String filter() {
        return "tcp";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return List.of(DetectorParameter.count(PORT, "Telnet server port", 23, 1, 65_535,
                "The TCP port Telnet servers listen on: 23 is IANA's registered port for Telnet (RFC 854); set"
                        + " another when a server listens elsewhere."));
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new Inspector(context);
    }

    /** The state of one run: the connections already reported. Used from one thread at a time. */
    private static final class Inspector implements PacketInspector {

        private final DetectorContext context;
        private final Set<Long> reported = new HashSet<>();

        Inspector(DetectorContext context) {
            this.context = context;
        }

        @Override
        public void inspect(PacketSummary packet) {
            // read the setting per packet: the analyst may change it while the run goes on
            int port = context.settings().intValue(PORT);
            if (packet.dstPort() != port || packet.payloadLength() == 0) {
                return;
            }
            if (!reported.add(connection(packet))) {
                return;
            }
            if (reported.size() > MAX_REMEMBERED) {
                reported.clear();
            }
            String client = packet.source();
            String server = packet.destination();
            context.alerts().raise(Alert.builder(ID, SIGNATURE, "Telnet session (clear-text login)")
                    .severity(Severity.MEDIUM)
                    .category("Potential Corporate Privacy Violation")
                    .mitreTechnique("T1021")
                    .source(client, packet.srcPort())
                    .destination(server, port)
                    .transport("TCP")
                    .communityId(packet.communityId())
                    .message(client + " sends data to the Telnet server " + server + ":" + port + " in clear text")
                    .evidence("server port", Integer.toString(port))
                    .evidence("first data bytes", Integer.toString(packet.payloadLength()))
                    .packet(packet)
                    .build());
        }

        /** Client address and port with the server address, as one number (IPv6 folded in). */
        private static long connection(PacketSummary packet) {
            long client = packet.ipVersion() == 6 ? packet.srcIp6Hi() ^ packet.srcIp6Lo() : packet.srcIp4();
            long server = packet.ipVersion() == 6 ? packet.dstIp6Hi() ^ packet.dstIp6Lo() : packet.dstIp4();
            return (client * 31 + server) * 65_537 + packet.srcPort();
        }
    }
}
