package org.osprey.detect.builtin.internal.scan;

import static org.osprey.core.PacketSummary.TCP_ACK;
import static org.osprey.core.PacketSummary.TCP_FIN;
import static org.osprey.core.PacketSummary.TCP_RST;
import static org.osprey.core.PacketSummary.TCP_SYN;

import java.util.Locale;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.Durations;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.KeyTable;
import org.osprey.detect.builtin.internal.Periodic;
import org.osprey.detect.builtin.internal.QuotedPacket;

/**
 * The port-scan state of one run. Every distinct probe (scanner, target, protocol, port) is remembered with what
 * followed it; a new probe counts towards its (scanner, target) pair, the vertical scan, and towards its (scanner,
 * port), the horizontal scan, until data flows on it. Probes are recognised as:
 * <ul>
 * <li>a SYN without ACK, or a TCP segment with none of SYN, ACK and RST (FIN, NULL, XMAS), counted when sent;</li>
 * <li>a bare RST (no ACK flag) from a host that was not probed: by RFC 793 that answers a segment carrying an ACK for
 * no connection, the reply to an ACK probe, counted for the host it went to;</li>
 * <li>a UDP datagram to a host that did not send to it first, counted when sent; an ICMP port unreachable counts a UDP
 * probe that was not seen.</li>
 * </ul>
 * A TCP or UDP answer with data, or an ICMP time exceeded (traceroute), uncounts the probe. Packets to multicast and
 * broadcast groups are not probes.
 */
final class PortScanInspector implements PacketInspector {

    static final int PROBE_CAPACITY = 1 << 16;
    static final int COUNTER_CAPACITY = 1 << 14;
    private static final long EXPIRY_INTERVAL = 10_000_000_000L;

    // probe state bits; the low 3 bits hold the ScanKind ordinal
    private static final int KIND_MASK = 0x07;
    private static final int SYN_ACK = 0x08;
    private static final int SCANNER_ACK = 0x10;
    private static final int COUNTED = 0x20;
    private static final int REFUSED = 0x40;
    private static final int CLOSED_BY_SCANNER = 0x80;

    private static final int WELL_KNOWN_PORTS = 1024;

    private final DetectorContext context;
    private final KeyTable probes = new KeyTable(PROBE_CAPACITY);
    private final byte[] probeState = new byte[PROBE_CAPACITY];
    private final ScanCounters vertical = new ScanCounters(COUNTER_CAPACITY);
    private final ScanCounters horizontal = new ScanCounters(COUNTER_CAPACITY);
    private final QuotedPacket quoted = new QuotedPacket();
    private final Periodic expiry = new Periodic(EXPIRY_INTERVAL);

    PortScanInspector(DetectorContext context) {
        this.context = context;
    }

    @Override
    public void inspect(PacketSummary packet) {
        if (packet.ipVersion() == 0) {
            return;
        }
        switch (packet.ipProtocol()) {
            case 6 -> tcp(packet);
            case 17 -> udp(packet);
            case 1, 58 -> icmpError(packet);
            default -> {
            }
        }
    }

    @Override
    public void timeAdvanced(long packetTimeNanos) {
        if (expiry.due(packetTimeNanos)) {
            long cutoff = packetTimeNanos - context.settings().nanos(PortScanDetector.WINDOW);
            probes.removeTouchedBefore(cutoff);
            vertical.expire(cutoff);
            horizontal.expire(cutoff);
        }
    }

    private void tcp(PacketSummary packet) {
        int flags = packet.tcpFlags();
        if (flags == PacketSummary.ABSENT || packet.srcPort() == PacketSummary.ABSENT) {
            return; // a later fragment or a cut header
        }
        long a = HostIds.source(packet);
        long b = HostIds.destination(packet);
        int aPort = packet.srcPort();
        int bPort = packet.dstPort();
        if ((flags & TCP_SYN) != 0) {
            if ((flags & TCP_ACK) == 0) {
                probe(a, b, false, bPort, ScanKind.SYN, packet, true, false);
            } else {
                int probe = findProbe(b, a, false, aPort); // the target accepts: an open port
                if (probe >= 0) {
                    probeState[probe] |= SYN_ACK;
                }
            }
            return;
        }
        if ((flags & TCP_RST) != 0) {
            int probe = findProbe(b, a, false, aPort);
            if (probe >= 0) {
                refused(probe, b, a, false, aPort);
            } else if ((probe = findProbe(a, b, false, bPort)) >= 0) {
                closedByScanner(probe, a, b, bPort);
            } else if ((flags & TCP_ACK) == 0 && !serviceToClient(bPort, aPort)) {
                // RFC 793: a RST without ACK answers a segment that carried an ACK for no connection
                probe(b, a, false, aPort, ScanKind.ACK, packet, false, true);
            }
            return;
        }
        if ((flags & TCP_ACK) == 0) {
            probe(a, b, false, bPort, ScanKind.ofStealthFlags(flags), packet, true, false);
            return;
        }
        boolean data = packet.payloadWireLength() > 0;
        int probe = findProbe(a, b, false, bPort); // from the side that sent the SYN
        if (probe >= 0) {
            if (data) {
                conversation(probe, a, b, false, bPort);
            } else if ((flags & TCP_FIN) != 0) {
                closedByScanner(probe, a, b, bPort);
            } else if ((probeState[probe] & SYN_ACK) != 0) {
                probeState[probe] |= SCANNER_ACK;
            }
        } else if (data && (probe = findProbe(b, a, false, aPort)) >= 0) {
            conversation(probe, b, a, false, aPort);
        }
    }

    private void udp(PacketSummary packet) {
        if (packet.srcPort() == PacketSummary.ABSENT) {
            return;
        }
        long a = HostIds.source(packet);
        long b = HostIds.destination(packet);
        int aPort = packet.srcPort();
        int bPort = packet.dstPort();
        int probe = findProbe(b, a, true, aPort);
        if (probe >= 0) {
            conversation(probe, b, a, true, aPort); // an answer
        } else if (!serviceToClient(aPort, bPort)) {
            probe(a, b, true, bPort, ScanKind.UDP, packet, true, false);
        }
    }

    /** ICMP destination unreachable and time exceeded (v4 and v6), about the TCP or UDP packet they quote. */
    private void icmpError(PacketSummary packet) {
        boolean v6 = packet.ipVersion() == 6;
        int type = packet.icmpType();
        boolean unreachable = type == (v6 ? 1 : 3);
        boolean timeExceeded = type == (v6 ? 3 : 11);
        if (!(unreachable || timeExceeded) || !quoted.read(packet)
                || quoted.destinationPort() == PacketSummary.ABSENT) {
            return;
        }
        long scanner = quoted.source();
        long target = quoted.destination();
        boolean udp = quoted.protocol() == 17;
        int port = quoted.destinationPort();
        int probe = findProbe(scanner, target, udp, port);
        if (timeExceeded) {
            if (probe >= 0) {
                conversation(probe, scanner, target, udp, port); // traceroute, not a scan
            }
        } else if (probe >= 0) {
            refused(probe, scanner, target, udp, port);
        } else if (udp && packet.icmpCode() == (v6 ? 4 : 3)) {
            probe(scanner, target, true, port, ScanKind.UDP, packet, false, true); // port unreachable, probe unseen
        }
    }

    /**
     * A probe from {@code scanner} to {@code target}'s port: counted the first time it is seen.
     *
     * @param scannerIsSource whether {@code packet} was sent by the scanner (else it was the target's answer)
     */
    private void probe(long scanner, long target, boolean udp, int port, ScanKind kind, PacketSummary packet,
            boolean scannerIsSource, boolean refused) {
        if (scanner == HostIds.NONE || scanner == 0 || (scannerIsSource ? HostIds.destinationIsGroup(packet)
                : target == 0)) {
            return;
        }
        long now = packet.timestampNanos();
        int probe = probes.findOrAdd(probeKey(scanner, target), probeDetail(scanner, target, udp, port), now);
        if (!probes.added()) {
            return;
        }
        probeState[probe] = (byte) (kind.ordinal() | COUNTED | (refused ? REFUSED : 0));
        DetectorSettings settings = context.settings();
        long window = settings.nanos(PortScanDetector.WINDOW);
        long scannerKey = scanner | (udp ? HostIds.FREE_BIT : 0);
        int verticalHit = vertical.count(scannerKey, target, kind, target, packet.sequence(), now, window,
                settings.intValue(PortScanDetector.PORTS));
        int horizontalHit = horizontal.count(scannerKey, port, kind, target, packet.sequence(), now, window,
                settings.intValue(PortScanDetector.HOSTS));
        if (refused) {
            vertical.refused(scannerKey, target);
            horizontal.refused(scannerKey, port);
        }
        if (verticalHit >= 0) {
            raiseVertical(verticalHit, udp, packet, scannerIsSource, settings);
        }
        if (horizontalHit >= 0) {
            raiseHorizontal(horizontalHit, udp, port, packet, scannerIsSource, settings);
        }
    }

    private void refused(int probe, long scanner, long target, boolean udp, int port) {
        if ((probeState[probe] & REFUSED) == 0) {
            probeState[probe] |= REFUSED;
            long scannerKey = scanner | (udp ? HostIds.FREE_BIT : 0);
            vertical.refused(scannerKey, target);
            horizontal.refused(scannerKey, port);
        }
    }

    /** Data flowed on the probe (or it was a traceroute hop): a conversation, not a scan. */
    private void conversation(int probe, long scanner, long target, boolean udp, int port) {
        int state = probeState[probe];
        if ((state & COUNTED) != 0) {
            probeState[probe] = (byte) (state & ~COUNTED);
            ScanKind kind = ScanKind.ALL[state & KIND_MASK];
            long scannerKey = scanner | (udp ? HostIds.FREE_BIT : 0);
            vertical.uncount(scannerKey, target, kind);
            horizontal.uncount(scannerKey, port, kind);
        }
    }

    /** The scanner closed a TCP probe the target had accepted: after its own ACK and no data, a connect probe. */
    private void closedByScanner(int probe, long scanner, long target, int port) {
        int state = probeState[probe];
        if ((state & (SYN_ACK | COUNTED)) != (SYN_ACK | COUNTED) || (state & CLOSED_BY_SCANNER) != 0) {
            return;
        }
        state |= CLOSED_BY_SCANNER;
        if ((state & SCANNER_ACK) != 0 && (state & KIND_MASK) == ScanKind.SYN.ordinal()) {
            state = (state & ~KIND_MASK) | ScanKind.CONNECT.ordinal();
            vertical.reclassify(scanner, target, ScanKind.SYN, ScanKind.CONNECT);
            horizontal.reclassify(scanner, port, ScanKind.SYN, ScanKind.CONNECT);
        }
        probeState[probe] = (byte) state;
    }

    private void raiseVertical(int entry, boolean udp, PacketSummary packet, boolean scannerIsSource,
            DetectorSettings settings) {
        ScanKind kind = udp ? ScanKind.UDP : vertical.dominantKind(entry);
        String scanner = scannerIsSource ? packet.source() : packet.destination();
        String target = scannerIsSource ? packet.destination() : packet.source();
        int ports = vertical.count(entry);
        Alert.Builder alert = scanAlert(kind.verticalSignature, "Port scan (" + kind.label + ")", kind, scanner,
                target, Alert.NO_PORT)
                .message(scanner + " probed " + ports + " " + kind.transport() + " ports of " + target + " in "
                        + Durations.of(packet.timestampNanos() - vertical.windowStart(entry)) + " ("
                        + kind.description + ")")
                .evidence("distinct ports", Integer.toString(ports))
                .evidence("threshold", threshold(settings, PortScanDetector.PORTS, "ports"));
        raise(alert, vertical, entry, packet);
    }

    private void raiseHorizontal(int entry, boolean udp, int port, PacketSummary packet, boolean scannerIsSource,
            DetectorSettings settings) {
        ScanKind kind = udp ? ScanKind.UDP : horizontal.dominantKind(entry);
        String scanner = scannerIsSource ? packet.source() : packet.destination();
        String network = horizontal.ip4Network(entry);
        if (network == null || packet.ipVersion() == 6) {
            network = HostIds.ip6Network(scannerIsSource ? packet.dstIp6Hi() : packet.srcIp6Hi());
        }
        int hosts = horizontal.count(entry);
        String service = port + "/" + kind.transport().toLowerCase(Locale.ROOT);
        Alert.Builder alert = scanAlert(kind.horizontalSignature(), "Port sweep (" + kind.label + ")", kind,
                scanner, network, port)
                .message(scanner + " probed port " + service + " on " + hosts + " hosts of " + network + " in "
                        + Durations.of(packet.timestampNanos() - horizontal.windowStart(entry)) + " ("
                        + kind.description + ")")
                .evidence("port", service)
                .evidence("distinct hosts", Integer.toString(hosts))
                .evidence("threshold", threshold(settings, PortScanDetector.HOSTS, "hosts"));
        raise(alert, horizontal, entry, packet);
    }

    private static Alert.Builder scanAlert(int signature, String name, ScanKind kind, String scanner,
            String target, int targetPort) {
        return Alert.builder(PortScanDetector.ID, signature, name)
                .severity(Severity.MEDIUM).category(PortScanDetector.CATEGORY).mitreTechnique("T1046")
                .source(scanner, Alert.NO_PORT).destination(target, targetPort).transport(kind.transport())
                .evidence("scan kind", kind.label);
    }

    /** "15 ports within 300 s" */
    private static String threshold(DetectorSettings settings, String key, String unit) {
        return settings.intValue(key) + " " + unit + " within "
                + Durations.seconds(settings.value(PortScanDetector.WINDOW)) + " s";
    }

    /** Adds what every scan alert shows (kinds, refusals, the first probes and the crossing one) and raises it. */
    private void raise(Alert.Builder alert, ScanCounters counters, int entry, PacketSummary packet) {
        alert.evidence("probes by kind", counters.kindSummary(entry))
                .evidence("probes refused", Integer.toString(counters.refused(entry)));
        counters.addPackets(entry, alert, packet);
        context.alerts().raise(alert.build());
    }

    /**
     * From a well-known port to an ephemeral one: a service talking to its client (an answer to a request that was
     * not seen, a late segment after the client closed), not a probe by the service.
     */
    private static boolean serviceToClient(int fromPort, int toPort) {
        return fromPort < WELL_KNOWN_PORTS && toPort >= WELL_KNOWN_PORTS;
    }

    private int findProbe(long scanner, long target, boolean udp, int port) {
        return probes.find(probeKey(scanner, target), probeDetail(scanner, target, udp, port));
    }

    /** First half of a probe's key: both IPv4 addresses exactly, else a fingerprint of the pair. */
    private static long probeKey(long scanner, long target) {
        if (HostIds.isIp4(scanner) && HostIds.isIp4(target)) {
            return scanner << 32 | target;
        }
        long h = scanner * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(target, 31) * 0xC2B2AE3D27D4EB4FL;
        return h ^ h >>> 29;
    }

    /** Second half: protocol and port, marked when the first half is a fingerprint so the two never meet. */
    private static long probeDetail(long scanner, long target, boolean udp, int port) {
        long detail = (udp ? 1L << 16 : 0) | port;
        return HostIds.isIp4(scanner) && HostIds.isIp4(target) ? detail : detail | 1L << 20;
    }
}
