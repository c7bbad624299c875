package org.osprey.ui.alerts;

import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;

/**
 * Detectors written for these tests: real implementations of the SPI, registered as OSGi services the way a drop-in
 * bundle's are, so that the client's real detection engine runs them and fills the real alert store. Their alerts
 * follow a rule simple enough to recount from the capture file.
 */
final class TestDetectors {

    static final String CONNECTION_ATTEMPTS = "test.connection-attempts";
    static final String FAULTY = "test.faulty";
    static final String EVERY_PACKET = "test.every-packet";
    static final String HIGH_BELOW = "high.below";
    static final int DEFAULT_HIGH_BELOW = 100;
    static final String FAULT_MESSAGE = "test detector fails on purpose";
    static final String SYN_ONLY = "tcp.flags.syn == 1 && tcp.flags.ack == 0";

    private TestDetectors() {
    }

    /** Whether a packet is a connection attempt: TCP SYN without ACK (what {@link #SYN_ONLY} selects). */
    static boolean isConnectionAttempt(PacketSummary packet) {
        return packet.ipProtocol() == 6 && (packet.tcpFlags() & 0x12) == 0x02;
    }

    /** The severity of the attempt's alert: HIGH below port 100, MEDIUM below 1024, LOW above. */
    static Severity severity(int port, int highBelow) {
        return port < highBelow ? Severity.HIGH : port < 1024 ? Severity.MEDIUM : Severity.LOW;
    }

    /**
     * One alert per connection attempt, the signature id being the destination port, so that the engine's
     * suppression of repeats (same signature and host pair) lets each port's alert through.
     */
    static Detector connectionAttempts() {
        return connectionAttempts(CONNECTION_ATTEMPTS);
    }

    /** {@link #connectionAttempts()} under another id (a detector the client's run has not met yet). */
    static Detector connectionAttempts(String id) {
        return new Detector() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String name() {
                return "Connection attempts (test)";
            }

            @Override
            public String version() {
                return "1.0.0";
            }

            @Override
            public String filter() {
                return SYN_ONLY;
            }

            @Override
            public List<DetectorParameter> parameters() {
                return List.of(DetectorParameter.count(HIGH_BELOW, "HIGH below port", DEFAULT_HIGH_BELOW, 1, 65_536,
                        "Attempts to ports below this one are HIGH (a test value, not published practice)."));
            }

            @Override
            public PacketInspector start(DetectorContext context) {
                return packet -> context.alerts().raise(Alert.builder(id, packet.dstPort(),
                        "Connection attempt to port " + packet.dstPort())
                        .severity(severity(packet.dstPort(), context.settings().intValue(HIGH_BELOW)))
                        .category("Attempted Information Leak")
                        .mitreTechnique("T1046")
                        .source(packet.source(), packet.srcPort())
                        .destination(packet.destination(), packet.dstPort())
                        .transport("TCP")
                        .communityId(packet.communityId())
                        .message(packet.source() + " tried port " + packet.dstPort() + " of " + packet.destination())
                        .evidence("destination port", Integer.toString(packet.dstPort()))
                        .evidence("tcp flags", "SYN")
                        .packet(packet)
                        .build());
            }
        };
    }

    /** One LOW alert for every packet: a flood, once the engine's suppression of repeats is set to 0 s. */
    static Detector everyPacket() {
        return new Detector() {
            @Override
            public String id() {
                return EVERY_PACKET;
            }

            @Override
            public String name() {
                return "Every packet (test)";
            }

            @Override
            public String version() {
                return "1.0.0";
            }

            @Override
            public PacketInspector start(DetectorContext context) {
                return packet -> context.alerts().raise(Alert.builder(EVERY_PACKET, 1, "Packet")
                        .severity(Severity.LOW).source(packet.source(), Alert.NO_PORT)
                        .destination(packet.destination(), Alert.NO_PORT).packet(packet).build());
            }
        };
    }

    /** Throws on its first packet: the engine must quarantine it and go on with the others. */
    static Detector faulty() {
        return new Detector() {
            @Override
            public String id() {
                return FAULTY;
            }

            @Override
            public String name() {
                return "Faulty (test)";
            }

            @Override
            public String version() {
                return "0.0.1";
            }

            @Override
            public PacketInspector start(DetectorContext context) {
                return packet -> {
                    throw new IllegalStateException(FAULT_MESSAGE);
                };
            }
        };
    }
}
