package org.osprey.detect.builtin.internal.auth;

import java.util.Locale;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.EndpointIds;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.KeyTable;
import org.osprey.detect.builtin.internal.auth.BruteForceDetector.Service;

/**
 * Counts failed logins per client, server and service. Per packet it reads the ports, the flags and the payload's
 * first bytes. Connections worth following (a PASS, a request with credentials, an SSH or RDP SYN) and client/server
 * pairs live in {@link KeyTable}s, their state in objects made once per table entry and reused: nothing is allocated
 * per packet once the tables have filled, even under a SYN flood (the tables then evict what was not seen for
 * longest).
 */
final class BruteForceInspector implements PacketInspector {

    private static final int SSH_PORT = 22, TELNET_PORT = 23, RDP_PORT = 3389;
    private static final int MAX_HEADER_BYTES = 8_192;

    /** What one connection (keyed client first, with ports) said that a later reply or close completes. */
    private static final class Connection {
        /** The FTP user name of the connection's last USER command, or {@code null}. */
        String user;
        /** A password was sent (FTP PASS, or a Telnet password prompt answered) and its reply is awaited. */
        boolean passSent;
        /** TCP sequence numbers of the last PASS and of the last reply counted: retransmissions are not new tries. */
        long passSequence = -1;
        long replySequence = -1;
        boolean authorizationSent;
        long synTime = -1;
        boolean established;

        Connection reset() {
            user = null;
            passSent = false;
            passSequence = -1;
            replySequence = -1;
            authorizationSent = false;
            synTime = -1;
            established = false;
            return this;
        }
    }

    private final DetectorContext context;
    /** Keyed by the client's and the server's endpoint ids (address and port). */
    private final KeyTable connectionKeys;
    private final Connection[] connections;
    /** Keyed by the client's host id and the server's endpoint id with the service's port. */
    private final KeyTable failureKeys;
    private final FailureWindow[] failures;

    BruteForceInspector(DetectorContext context, int tracked) {
        this.context = context;
        this.connectionKeys = new KeyTable(tracked);
        this.connections = new Connection[tracked];
        this.failureKeys = new KeyTable(tracked);
        this.failures = new FailureWindow[tracked];
    }

    @Override
    public void inspect(PacketSummary packet) {
        if (packet.ipVersion() == 0 || packet.tcpFlags() == PacketSummary.ABSENT) {
            return;
        }
        int sourcePort = packet.srcPort(), destinationPort = packet.dstPort();
        if (isShortConnectionService(sourcePort) || isShortConnectionService(destinationPort)) {
            followConnection(packet);
        }
        int length = packet.payloadLength();
        if (length <= 0) {
            return;
        }
        byte[] frame = packet.frame();
        int from = packet.payloadOffset(), to = from + length;
        if (sourcePort == TELNET_PORT) {
            telnetReply(packet, frame, from, to);
            return;
        }
        switch (frame[from]) {
            case '5' -> ftpReply(packet, frame, from, to);
            case 'U', 'u' -> {
                if (Payloads.startsWith(frame, from, to, "user ")) {
                    int end = Payloads.lineEnd(frame, from + 5, to);
                    if (end > from + 5) { // one string per USER command: a guessing tool's, at most, not per packet
                        connection(packet, false).user = Payloads.text(frame, from + 5, end);
                    }
                }
            }
            case 'P', 'p' -> {
                if (Payloads.startsWith(frame, from, to, "pass ")) {
                    Connection connection = connection(packet, false);
                    if (isNew(packet.tcpSeq(), connection.passSequence)) {
                        connection.passSequence = packet.tcpSeq();
                        connection.passSent = true;
                    }
                }
            }
            case 'H' -> {
                if (!httpResponse(packet, frame, from, to)) {
                    httpRequest(packet, frame, from, to);
                }
            }
            default -> {
                if (frame[from] >= 'A' && frame[from] <= 'Z') {
                    httpRequest(packet, frame, from, to);
                }
            }
        }
    }

    /**
     * Whether a segment's TCP sequence number lies after the last one counted on its side of the connection (modulo
     * 2^32, RFC 793): a retransmitted or duplicated PASS or reply is not another attempt.
     */
    private static boolean isNew(long sequence, long lastCounted) {
        return lastCounted < 0 || (int) (sequence - lastCounted) > 0;
    }

    private static boolean isShortConnectionService(int port) {
        return port == SSH_PORT || port == RDP_PORT;
    }

    /** SSH and RDP: a connection that was set up and closed soon after is one login attempt. */
    private void followConnection(PacketSummary packet) {
        int flags = packet.tcpFlags();
        boolean toServer = isShortConnectionService(packet.dstPort());
        if ((flags & (PacketSummary.TCP_SYN | PacketSummary.TCP_ACK)) == PacketSummary.TCP_SYN && toServer) {
            Connection connection = connection(packet, false);
            connection.synTime = packet.timestampNanos();
            connection.established = false;
            return;
        }
        Connection connection = existing(packet, !toServer);
        if (connection == null || connection.synTime < 0) {
            return;
        }
        if ((flags & (PacketSummary.TCP_SYN | PacketSummary.TCP_ACK)) == (PacketSummary.TCP_SYN | PacketSummary.TCP_ACK)
                && !toServer) {
            connection.established = true;
        } else if ((flags & (PacketSummary.TCP_FIN | PacketSummary.TCP_RST)) != 0) {
            boolean attempt = connection.established && packet.timestampNanos() - connection.synTime
                    <= context.settings().nanos(BruteForceDetector.SHORT_CONNECTION);
            connection.synTime = -1;
            if (attempt) {
                int servicePort = toServer ? packet.dstPort() : packet.srcPort();
                failure(packet, toServer, servicePort == SSH_PORT ? Service.SSH : Service.RDP, null);
            }
        }
    }

    /**
     * Telnet: the first server text after a "Password:" prompt is the verdict; when it says "incorrect", "failed" or
     * "denied" ("Login incorrect", "Authentication failed", "Access denied"), or simply prompts for the login again,
     * the login failed. Outside the login dialogue such words are only what a shell prints.
     */
    private void telnetReply(PacketSummary packet, byte[] frame, int from, int to) {
        if (Payloads.indexOf(frame, from, to, "password:") >= 0) {
            connection(packet, true).passSent = true;
            return;
        }
        Connection connection = existing(packet, true);
        if (connection == null || !connection.passSent || !Payloads.hasText(frame, from, to)) {
            return; // the echo of Enter and option negotiation come before the verdict
        }
        connection.passSent = false; // the first text after the password is the verdict
        if (Payloads.indexOf(frame, from, to, "incorrect") >= 0 || Payloads.indexOf(frame, from, to, "failed") >= 0
                || Payloads.indexOf(frame, from, to, "denied") >= 0
                || Payloads.endsWithPrompt(frame, from, to, "login:")) { // prompted again without a word
            failure(packet, false, Service.TELNET, null);
        }
    }

    /** FTP "530" (not logged in) answering a PASS of the same connection. */
    private void ftpReply(PacketSummary packet, byte[] frame, int from, int to) {
        if (to - from < 4 || frame[from + 1] != '3' || frame[from + 2] != '0'
                || (frame[from + 3] != ' ' && frame[from + 3] != '-')) {
            return;
        }
        Connection connection = existing(packet, true);
        if (connection != null && connection.passSent && isNew(packet.tcpSeq(), connection.replySequence)) {
            connection.passSent = false;
            connection.replySequence = packet.tcpSeq();
            failure(packet, false, Service.FTP, connection.user);
        }
    }

    /** "HTTP/1.x 401" answering a request of the same connection that carried credentials. */
    private boolean httpResponse(PacketSummary packet, byte[] frame, int from, int to) {
        if (!Payloads.startsWith(frame, from, to, "http/1.")) {
            return false;
        }
        if (to - from >= 12 && frame[from + 9] == '4' && frame[from + 10] == '0' && frame[from + 11] == '1') {
            Connection connection = existing(packet, true);
            if (connection != null && connection.authorizationSent) {
                connection.authorizationSent = false;
                failure(packet, false, Service.HTTP, null);
            }
        }
        return true;
    }

    /** A request line (an upper-case method and a space) whose headers carry Authorization. */
    private void httpRequest(PacketSummary packet, byte[] frame, int from, int to) {
        int method = from;
        while (method < to && method - from < 8 && frame[method] >= 'A' && frame[method] <= 'Z') {
            method++;
        }
        if (method == to || frame[method] != ' ') {
            return;
        }
        if (Payloads.indexOf(frame, method, Math.min(to, from + MAX_HEADER_BYTES), "\nauthorization:") >= 0) {
            connection(packet, false).authorizationSent = true;
        }
    }

    /** The connection the packet belongs to, followed from now on if it was not. */
    private Connection connection(PacketSummary packet, boolean fromServer) {
        int entry = connectionKeys.findOrAdd(clientEnd(packet, fromServer), serverEnd(packet, fromServer),
                packet.timestampNanos());
        if (connectionKeys.added() || connections[entry] == null) {
            connections[entry] = connections[entry] == null ? new Connection() : connections[entry].reset();
        }
        return connections[entry];
    }

    /** The connection the packet belongs to if it is followed, else {@code null}. */
    private Connection existing(PacketSummary packet, boolean fromServer) {
        int entry = connectionKeys.find(clientEnd(packet, fromServer), serverEnd(packet, fromServer));
        return entry < 0 ? null : connections[entry];
    }

    private static long clientEnd(PacketSummary packet, boolean fromServer) {
        return fromServer ? EndpointIds.destination(packet) : EndpointIds.source(packet);
    }

    private static long serverEnd(PacketSummary packet, boolean fromServer) {
        return fromServer ? EndpointIds.source(packet) : EndpointIds.destination(packet);
    }

    /**
     * Counts one failed attempt.
     *
     * @param clientIsSource whether the packet went from the client to the server (else it is the server's reply)
     * @param user           the user name tried, when known (FTP), else {@code null}
     */
    private void failure(PacketSummary packet, boolean clientIsSource, Service service, String user) {
        int servicePort = clientIsSource ? packet.dstPort() : packet.srcPort();
        long client = clientIsSource ? HostIds.source(packet) : HostIds.destination(packet);
        long server = EndpointIds.of(clientIsSource ? HostIds.destination(packet) : HostIds.source(packet),
                servicePort);
        DetectorSettings settings = context.settings();
        int threshold = settings.intValue(service.countsConnections() ? BruteForceDetector.CONNECTIONS
                : BruteForceDetector.FAILURES);
        long window = settings.nanos(service.countsConnections() ? BruteForceDetector.CONNECTIONS_WINDOW
                : BruteForceDetector.FAILURES_WINDOW);
        long now = packet.timestampNanos();
        int entry = failureKeys.findOrAdd(client, server, now);
        if (failureKeys.added() || failures[entry] == null) {
            failures[entry] = failures[entry] == null ? new FailureWindow(threshold) : failures[entry].reset();
        }
        FailureWindow attempts = failures[entry];
        attempts.userTried(user);
        if (attempts.add(now, packet.sequence(), threshold, window) && now >= attempts.quietUntil) {
            attempts.quietUntil = now + window;
            raise(packet, clientIsSource, service, servicePort, attempts, threshold, window);
        }
    }

    private void raise(PacketSummary packet, boolean clientIsSource, Service service, int servicePort,
            FailureWindow attempts, int threshold, long window) {
        String client = clientIsSource ? packet.source() : packet.destination();
        String server = clientIsSource ? packet.destination() : packet.source();
        double seconds = (packet.timestampNanos() - attempts.oldestTime()) / 1e9;
        String thresholdText = threshold + " " + service.attempts + " in " + format(window / 1e9) + " s";
        Alert.Builder alert = Alert.builder(BruteForceDetector.ID, service.signatureId(),
                "Brute force (" + service.label + ")")
                .severity(Severity.HIGH)
                .category("Attempted User Privilege Gain")
                .mitreTechnique("T1110")
                .source(client, Alert.NO_PORT)
                .destination(server, servicePort)
                .transport("TCP")
                .message(String.format(Locale.ROOT, "%s is guessing %s logins on %s:%d: %d %s in %.1f s", client,
                        service.label, server, servicePort, attempts.held(), service.attempts, seconds))
                .evidence("service", service.label)
                .evidence("attacker", client)
                .evidence("server", server + ":" + servicePort)
                .evidence(service.attempts, Integer.toString(attempts.held()))
                .evidence("within", String.format(Locale.ROOT, "%.3f s", seconds))
                .evidence("threshold", thresholdText)
                .evidence("attempts so far", Long.toString(attempts.total));
        if (attempts.usersTried() > 0) {
            alert.evidence("user names tried", attempts.usersTriedText());
        }
        for (long sequence : attempts.sequences()) {
            alert.sequence(sequence);
        }
        context.alerts().raise(alert.timestampNanos(packet.timestampNanos()).build());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
