package org.osprey.capture.internal.generator;

import java.util.SplittableRandom;

import org.osprey.capture.AttackKind;

/**
 * A port scan from the insider to the intranet server, the way nmap does each kind: a probe per port, and the
 * answer a Linux target gives (RST/ACK from a closed port, SYN/ACK from an open one for SYN and connect scans,
 * silence from an open port for FIN/NULL/XMAS, RST for every ACK probe, ICMP port unreachable from a closed UDP
 * port).
 */
final class PortScan extends Scenario {

    private static final int[] TCP_PORTS = { 21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995,
            1723, 3306, 3389, 5900, 8080, 8443, 1025, 1720, 199, 587, 8888, 5432, 6379, 9200, 27017 };
    private static final int[] UDP_PORTS = { 53, 67, 68, 69, 123, 137, 138, 161, 162, 500, 514, 520, 631, 1434,
            1900, 4500, 5353, 49152 };
    private static final int[] OPEN_TCP = { 21, 22, 23, 80, 443 };
    private static final int[] OPEN_UDP = { 53, 123 };
    /** Besides the well-known ports, this many random ones below 10000. */
    private static final int EXTRA_PORTS = 70;

    private final AttackKind kind;
    private final Host scanner;
    private final Host target;
    private final int[] ports;
    private final SplittableRandom random;
    private final int sourcePort;
    private int next;
    private int scannerIpId;
    private int targetIpId;
    /** Answers to the last probe, sent before the next probe. */
    private final byte[][] pending = new byte[3][];
    private int pendingCount;
    private int pendingNext;

    PortScan(AttackKind kind, Network net, SplittableRandom random) {
        this.kind = kind;
        this.scanner = net.insider;
        this.target = net.server;
        this.random = random;
        int[] wellKnown = kind == AttackKind.UDP_SCAN ? UDP_PORTS : TCP_PORTS;
        ports = new int[wellKnown.length + EXTRA_PORTS];
        System.arraycopy(wellKnown, 0, ports, 0, wellKnown.length);
        for (int i = wellKnown.length; i < ports.length; i++) {
            int port;
            do {
                port = random.nextInt(1024, 10_000);
            } while (contains(ports, i, port));
            ports[i] = port;
        }
        sourcePort = Network.ephemeralPort(random);
        scannerIpId = random.nextInt(65_536);
        targetIpId = random.nextInt(65_536);
    }

    @Override
    byte[] next() {
        if (pendingNext < pendingCount) {
            return pending[pendingNext++];
        }
        if (next == ports.length) {
            return null;
        }
        pendingCount = 0;
        pendingNext = 0;
        int port = ports[next++];
        return kind == AttackKind.UDP_SCAN ? udpProbe(port) : tcpProbe(port);
    }

    private byte[] tcpProbe(int port) {
        boolean open = contains(OPEN_TCP, port);
        int probeFlags = switch (kind) {
            case SYN_SCAN, CONNECT_SCAN -> Tcp.SYN;
            case FIN_SCAN -> Tcp.FIN;
            case NULL_SCAN -> 0;
            case XMAS_SCAN -> Tcp.FIN | Tcp.PSH | Tcp.URG;
            case ACK_SCAN -> Tcp.ACK;
            default -> throw new IllegalStateException("not a TCP scan: " + kind);
        };
        // nmap's raw probes reuse one source port and a 1024-byte window; a connect scan uses the OS's sockets
        boolean connect = kind == AttackKind.CONNECT_SCAN;
        int srcPort = connect ? Network.ephemeralPort(random) : sourcePort;
        long seq = random.nextLong(1L << 32);
        long ack = kind == AttackKind.ACK_SCAN ? random.nextLong(1L << 32) : 0;
        byte[] probe = Frames.seal(Frames.tcp(scanner.mac(), scanner.ip(), target.mac(), target.ip(),
                scannerIpId++ & 0xffff, connect ? 64 : 44, srcPort, port, seq, ack, probeFlags,
                connect ? 64_240 : 1024, (probeFlags & Tcp.SYN) != 0, 0));
        long probeEnd = (seq + ((probeFlags & (Tcp.SYN | Tcp.FIN)) != 0 ? 1 : 0)) & 0xffff_ffffL;
        if (kind == AttackKind.ACK_SCAN) {
            answer(fromTarget(port, srcPort, ack, 0, Tcp.RST, 0));
        } else if (!open) {
            answer(fromTarget(port, srcPort, 0, probeEnd, Tcp.RST | Tcp.ACK, 0));
        } else if (probeFlags == Tcp.SYN) {
            long targetSeq = random.nextLong(1L << 32);
            answer(fromTarget(port, srcPort, targetSeq, probeEnd, Tcp.SYN | Tcp.ACK, 65_160));
            long targetEnd = (targetSeq + 1) & 0xffff_ffffL;
            if (connect) {
                answer(fromScanner(srcPort, port, probeEnd, targetEnd, Tcp.ACK));
                answer(fromScanner(srcPort, port, probeEnd, targetEnd, Tcp.RST | Tcp.ACK));
            } else {
                answer(fromScanner(srcPort, port, probeEnd, 0, Tcp.RST));
            }
        }
        return probe;
    }

    private byte[] udpProbe(int port) {
        byte[] probe = Frames.seal(Frames.udp(scanner.mac(), scanner.ip(), target.mac(), target.ip(),
                scannerIpId++ & 0xffff, 44, sourcePort, port, 0));
        if (!contains(OPEN_UDP, port)) {
            // ICMP port unreachable quotes the probe's IP header and first 8 bytes of its UDP header
            int quoted = Frames.IPV4_HEADER + Frames.UDP_HEADER;
            byte[] f = Frames.icmp(target.mac(), target.ip(), scanner.mac(), scanner.ip(), targetIpId++ & 0xffff,
                    64, 3, 3, 0, quoted);
            System.arraycopy(probe, Frames.IP_OFFSET, f, Frames.L4_OFFSET + Frames.ICMP_HEADER, quoted);
            answer(Frames.seal(f));
        }
        return probe;
    }

    private byte[] fromTarget(int port, int scannerPort, long seq, long ack, int flags, int window) {
        return Frames.seal(Frames.tcp(target.mac(), target.ip(), scanner.mac(), scanner.ip(), targetIpId++ & 0xffff,
                64, port, scannerPort, seq, ack, flags, window, (flags & Tcp.SYN) != 0, 0));
    }

    private byte[] fromScanner(int srcPort, int port, long seq, long ack, int flags) {
        return Frames.seal(Frames.tcp(scanner.mac(), scanner.ip(), target.mac(), target.ip(), scannerIpId++ & 0xffff,
                64, srcPort, port, seq, ack, flags, (flags & Tcp.RST) != 0 ? 0 : 502, false, 0));
    }

    private void answer(byte[] frame) {
        pending[pendingCount++] = frame;
    }

    private static boolean contains(int[] values, int value) {
        return contains(values, values.length, value);
    }

    /** Whether one of the first {@code count} values is {@code value}. */
    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
