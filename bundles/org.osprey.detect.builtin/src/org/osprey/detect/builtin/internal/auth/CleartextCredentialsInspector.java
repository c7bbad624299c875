package org.osprey.detect.builtin.internal.auth;

import java.util.Map;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.FlowKey;
import org.osprey.detect.builtin.internal.LruMap;
import org.osprey.detect.builtin.internal.auth.CleartextCredentialsDetector.Protocol;

/**
 * Looks at the first bytes of each TCP payload for a login command; allocates only when it finds one (the user name,
 * the flow's key) or raises an alert.
 */
final class CleartextCredentialsInspector implements PacketInspector {

    private static final int TELNET_PORT = 23;
    private static final int POP3_PORT = 110;
    private static final int IMAP_PORT = 143;
    /** How far into a request the headers are searched for an Authorization header. */
    private static final int MAX_HEADER_BYTES = 8_192;

    /** A USER command waiting for its PASS, and which protocol the server's reply showed. */
    private static final class PendingUser {
        final String user;
        final long sequence;
        Protocol protocol;

        PendingUser(String user, long sequence) {
            this.user = user;
            this.sequence = sequence;
        }
    }

    private final DetectorContext context;
    /** Keyed by client and server with ports, client first. */
    private final Map<FlowKey, PendingUser> pendingUsers;
    private final Map<FlowKey, TelnetLogin> telnetLogins;
    /** What was reported already: protocol, client, server and user. */
    private final Map<String, Boolean> reported;
    private final FlowKey probe = new FlowKey();
    private final Base64Credentials basic = new Base64Credentials();

    CleartextCredentialsInspector(DetectorContext context, int trackedFlows) {
        this.context = context;
        this.pendingUsers = new LruMap<>(trackedFlows);
        this.telnetLogins = new LruMap<>(trackedFlows);
        this.reported = new LruMap<>(trackedFlows);
    }

    @Override
    public void inspect(PacketSummary packet) {
        int from = packet.payloadOffset();
        int length = packet.payloadLength();
        if (length <= 0 || packet.ipVersion() == 0) {
            return;
        }
        byte[] frame = packet.frame();
        int to = from + length;
        if (packet.srcPort() == TELNET_PORT || packet.dstPort() == TELNET_PORT) {
            telnet(packet, frame, from, to);
            return;
        }
        switch (frame[from] | 0x20) {
            case 'u' -> {
                if (Payloads.startsWith(frame, from, to, "user ")) {
                    user(packet, frame, from + 5, to);
                    return;
                }
            }
            case 'p' -> {
                if (Payloads.startsWith(frame, from, to, "pass ")) {
                    pass(packet, frame, from + 5, to);
                    return;
                }
            }
            case '+', '-' -> {
                serverReply(packet, frame, from);
                return;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> serverReply(packet, frame, from); // or an IMAP tag
            default -> {
            }
        }
        if (!httpBasic(packet, frame, from, to) && packet.dstPort() == IMAP_PORT) {
            imapLogin(packet, frame, from, to);
        }
    }

    /** {@code USER name}: remembered until the PASS of the same connection. */
    private void user(PacketSummary packet, byte[] frame, int from, int to) {
        int end = Payloads.lineEnd(frame, from, to);
        if (end <= from) {
            return;
        }
        pendingUsers.put(probe.set(packet, false, true).copy(),
                new PendingUser(Payloads.text(frame, from, end), packet.sequence()));
    }

    /** A server's reply to USER tells FTP ("331 ...") from POP3 ("+OK ..."). */
    private void serverReply(PacketSummary packet, byte[] frame, int from) {
        if (pendingUsers.isEmpty()) {
            return;
        }
        PendingUser pending = pendingUsers.get(probe.set(packet, true, true));
        if (pending != null && pending.protocol == null) {
            pending.protocol = frame[from] == '+' || frame[from] == '-' ? Protocol.POP3 : Protocol.FTP;
        }
    }

    /** {@code PASS secret}: completes the login. */
    private void pass(PacketSummary packet, byte[] frame, int from, int to) {
        int end = Payloads.lineEnd(frame, from, to);
        if (end < 0) {
            return;
        }
        PendingUser pending = pendingUsers.remove(probe.set(packet, false, true));
        Protocol protocol = pending != null && pending.protocol != null ? pending.protocol
                : packet.dstPort() == POP3_PORT ? Protocol.POP3 : Protocol.FTP;
        raise(packet, protocol, pending != null ? pending.user : null, end - from,
                pending != null ? pending.sequence : -1);
    }

    /**
     * An HTTP request with {@code Authorization: Basic} (or {@code Proxy-Authorization}). Only a request line's start
     * (an upper-case method and a space) makes the headers worth searching.
     */
    private boolean httpBasic(PacketSummary packet, byte[] frame, int from, int to) {
        int method = from;
        while (method < to && method - from < 8 && frame[method] >= 'A' && frame[method] <= 'Z') {
            method++;
        }
        if (method == from || method == to || frame[method] != ' ') {
            return false;
        }
        int headersEnd = Math.min(to, from + MAX_HEADER_BYTES);
        int header = Payloads.indexOf(frame, method, headersEnd, "authorization: basic ");
        if (header < 0) {
            return true;
        }
        int token = header + "authorization: basic ".length();
        if (basic.decode(frame, token, headersEnd)) {
            raise(packet, Protocol.HTTP_BASIC, basic.user(), basic.passwordLength(), -1);
        }
        return true;
    }

    /**
     * IMAP {@code tag LOGIN user password} (RFC 3501), the user an atom or a quoted string. Only on IMAP's port: a tag
     * may be a number, and FTP's "230 Login successful." would pass for a LOGIN command.
     */
    private void imapLogin(PacketSummary packet, byte[] frame, int from, int to) {
        int tagEnd = from;
        while (tagEnd < to && tagEnd - from < 32 && frame[tagEnd] > ' ' && frame[tagEnd] < 0x7f) {
            tagEnd++;
        }
        if (tagEnd == from || tagEnd == to || frame[tagEnd] != ' '
                || !Payloads.startsWith(frame, tagEnd + 1, to, "login ")) {
            return;
        }
        int end = Payloads.lineEnd(frame, tagEnd, to);
        if (end < 0) {
            return;
        }
        int userStart = tagEnd + 7;
        int userEnd;
        int passwordStart;
        if (userStart < end && frame[userStart] == '"') {
            userStart++;
            userEnd = userStart;
            while (userEnd < end && frame[userEnd] != '"') {
                userEnd++;
            }
            passwordStart = Math.min(end, userEnd + 2);
        } else {
            userEnd = userStart;
            while (userEnd < end && frame[userEnd] != ' ') {
                userEnd++;
            }
            passwordStart = Math.min(end, userEnd + 1);
        }
        int passwordLength = end - passwordStart;
        if (passwordLength >= 2 && frame[passwordStart] == '"' && frame[end - 1] == '"') {
            passwordLength -= 2;
        }
        raise(packet, Protocol.IMAP, Payloads.text(frame, userStart, userEnd), passwordLength, -1);
    }

    private void telnet(PacketSummary packet, byte[] frame, int from, int to) {
        boolean fromServer = packet.srcPort() == TELNET_PORT;
        FlowKey key = probe.set(packet, fromServer, true);
        TelnetLogin login = telnetLogins.get(key);
        if (fromServer) {
            if (login == null) {
                login = new TelnetLogin();
                telnetLogins.put(key.copy(), login);
            }
            login.server(frame, from, to);
        } else if (login != null) {
            TelnetLogin.Completed completed = login.client(frame, from, to);
            if (completed == TelnetLogin.Completed.USER) {
                login.userSequence = packet.sequence();
            } else if (completed == TelnetLogin.Completed.PASSWORD) {
                raise(packet, Protocol.TELNET, login.user(), login.passwordLength(), login.userSequence);
            }
        }
    }

    /**
     * Raises the alert, once per protocol, client, server and user name.
     *
     * @param packet       the client's packet that completed the login (from client to server)
     * @param user         the user name, or {@code null} when the login's start was not seen
     * @param userSequence the packet that carried the user name when it was an earlier one, or -1
     */
    private void raise(PacketSummary packet, Protocol protocol, String user, int passwordLength, long userSequence) {
        String client = packet.source();
        String server = packet.destination();
        String reportKey = protocol + " " + client + " " + server + ":" + packet.dstPort() + " " + user;
        if (reported.put(reportKey, Boolean.TRUE) != null) {
            return;
        }
        String who = user == null ? "an unknown user (the login's start was not seen)" : "user '" + user + "'";
        // Anonymous FTP (RFC 1635) gives a public account, its "password" by custom an e-mail address: nothing secret.
        boolean anonymous = protocol == Protocol.FTP && user != null
                && (user.equalsIgnoreCase("anonymous") || user.equalsIgnoreCase("ftp"));
        Alert.Builder alert = Alert.builder(CleartextCredentialsDetector.ID, protocol.signatureId(),
                "Clear-text credentials (" + protocol.label + ")")
                .severity(anonymous ? Severity.LOW : Severity.MEDIUM)
                .category("Potential Corporate Privacy Violation")
                .mitreTechnique("T1552")
                .source(client, packet.srcPort())
                .destination(server, packet.dstPort())
                .transport("TCP")
                .communityId(packet.communityId())
                .message(protocol.label + " credentials in clear text: " + who + " from " + client + " to " + server
                        + ":" + packet.dstPort())
                .evidence("protocol", protocol.label)
                .evidence("user", user == null ? "(not seen)" : user)
                .evidence("password", "seen, " + passwordLength + " characters (not shown)")
                .evidence("server port", Integer.toString(packet.dstPort()));
        if (anonymous) {
            alert.evidence("anonymous login", "yes: a public account, severity LOW");
        }
        if (userSequence >= 0) {
            alert.sequence(userSequence);
        }
        context.alerts().raise(alert.packet(packet).build());
    }
}
