package org.osprey.detect.builtin.internal.auth;


import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.EndpointIds;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.KeyTable;
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
        String user;
        long sequence;
        Protocol protocol;
    }

    private final DetectorContext context;
    /** Connections keyed by the client's and the server's endpoint ids, client first. */
    private final KeyTable pendingKeys;
    private final PendingUser[] pendingUsers;
    private final KeyTable telnetKeys;
    private final TelnetLogin[] telnetLogins;
    /** HTTP requests whose headers go on in the next segment, keyed like the pending users. */
    private final KeyTable continuedHeaders;
    /** What was reported already: a hash of protocol and client, and of server and user. */
    private final KeyTable reported;
    private final Base64Credentials basic = new Base64Credentials();

    CleartextCredentialsInspector(DetectorContext context, int trackedFlows) {
        this.context = context;
        this.pendingKeys = new KeyTable(trackedFlows);
        this.pendingUsers = new PendingUser[trackedFlows];
        this.telnetKeys = new KeyTable(trackedFlows);
        this.telnetLogins = new TelnetLogin[trackedFlows];
        this.continuedHeaders = new KeyTable(trackedFlows);
        this.reported = new KeyTable(trackedFlows);
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
        if (continuedHeaders.size() > 0 && httpHeadersContinued(packet, frame, from, to)) {
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
        int entry = pendingKeys.findOrAdd(EndpointIds.source(packet), EndpointIds.destination(packet),
                packet.timestampNanos());
        if (pendingUsers[entry] == null) {
            pendingUsers[entry] = new PendingUser();
        }
        PendingUser pending = pendingUsers[entry];
        pending.user = Payloads.text(frame, from, end);
        pending.sequence = packet.sequence();
        pending.protocol = null;
    }

    /** A server's reply to USER tells FTP ("331 ...") from POP3 ("+OK ..."). */
    private void serverReply(PacketSummary packet, byte[] frame, int from) {
        if (pendingKeys.size() == 0) {
            return;
        }
        int entry = pendingKeys.find(EndpointIds.destination(packet), EndpointIds.source(packet));
        PendingUser pending = entry < 0 ? null : pendingUsers[entry];
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
        int entry = pendingKeys.find(EndpointIds.source(packet), EndpointIds.destination(packet));
        String user = null;
        long userSequence = -1;
        Protocol protocol = packet.dstPort() == POP3_PORT ? Protocol.POP3 : Protocol.FTP;
        if (entry >= 0) {
            PendingUser pending = pendingUsers[entry];
            user = pending.user;
            userSequence = pending.sequence;
            protocol = pending.protocol != null ? pending.protocol : protocol;
            pending.user = null;
            pendingKeys.remove(entry);
        }
        raise(packet, protocol, user, end - from, userSequence);
    }

    /**
     * An HTTP request with {@code Authorization: Basic} (or {@code Proxy-Authorization}). Only a request line (an
     * upper-case method, a space, and "HTTP/" before the line's end) makes the headers worth searching; when they go
     * on in the connection's next segments (large cookies), those are searched too until the blank line that ends
     * them. A header name split across two segments is missed.
     */
    private boolean httpBasic(PacketSummary packet, byte[] frame, int from, int to) {
        int method = from;
        while (method < to && method - from < 8 && frame[method] >= 'A' && frame[method] <= 'Z') {
            method++;
        }
        if (method == from || method == to || frame[method] != ' ') {
            return false;
        }
        int lineEnd = Payloads.lineEnd(frame, method, to);
        if (lineEnd < 0 || Payloads.indexOf(frame, method, lineEnd, " http/") < 0) {
            return false; // not a request line ("AUTH TLS" of FTP, "EHLO" of SMTP), or one longer than the segment
        }
        if (!basicAuthorization(packet, frame, method, Math.min(to, from + MAX_HEADER_BYTES))
                && Payloads.indexOf(frame, method, to, "\r\n\r\n") < 0) {
            continuedHeaders.findOrAdd(EndpointIds.source(packet), EndpointIds.destination(packet),
                    packet.timestampNanos());
        }
        return true;
    }

    /**
     * A client segment that continues a request's headers (see {@link #httpBasic}).
     *
     * @return whether it was one
     */
    private boolean httpHeadersContinued(PacketSummary packet, byte[] frame, int from, int to) {
        int entry = continuedHeaders.find(EndpointIds.source(packet), EndpointIds.destination(packet));
        if (entry < 0) {
            return false;
        }
        int headersEnd = Payloads.indexOf(frame, from, to, "\r\n\r\n");
        if (basicAuthorization(packet, frame, from, headersEnd < 0 ? to : headersEnd + 2) || headersEnd >= 0) {
            continuedHeaders.remove(entry);
        }
        return true;
    }

    /** Looks for the Basic credentials header in {@code frame[from, to)}; raises the alert when found. */
    private boolean basicAuthorization(PacketSummary packet, byte[] frame, int from, int to) {
        int header = Payloads.indexOf(frame, from, to, "authorization: basic ");
        if (header < 0) {
            return false;
        }
        if (basic.decode(frame, header + "authorization: basic ".length(), to)) {
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

    /** Telnet (port 23): the server's prompts and what the client types, per connection. */
    private void telnet(PacketSummary packet, byte[] frame, int from, int to) {
        if (packet.srcPort() == TELNET_PORT) {
            int entry = telnetKeys.findOrAdd(EndpointIds.destination(packet), EndpointIds.source(packet),
                    packet.timestampNanos());
            if (telnetLogins[entry] == null || telnetKeys.added()) {
                telnetLogins[entry] = telnetLogins[entry] == null ? new TelnetLogin() : telnetLogins[entry].reset();
            }
            telnetLogins[entry].server(frame, from, to);
            return;
        }
        int entry = telnetKeys.find(EndpointIds.source(packet), EndpointIds.destination(packet));
        if (entry < 0) {
            return; // no prompt seen on this connection
        }
        TelnetLogin login = telnetLogins[entry];
        TelnetLogin.Completed completed = login.client(frame, from, to);
        if (completed == TelnetLogin.Completed.USER) {
            login.userSequence = packet.sequence();
        } else if (completed == TelnetLogin.Completed.PASSWORD) {
            raise(packet, Protocol.TELNET, login.user(), login.passwordLength(), login.userSequence);
        }
    }

    private static long hash64(String text) {
        long h = 0xcbf29ce484222325L; // FNV-1a
        for (int i = 0; text != null && i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
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
        reported.findOrAdd(EndpointIds.mix(HostIds.source(packet) * 31 + protocol.ordinal()),
                EndpointIds.mix(EndpointIds.destination(packet) + hash64(user)), packet.timestampNanos());
        if (!reported.added()) {
            return;
        }
        String who = user == null ? "an unknown user (the login's start was not seen)" : "user '" + user + "'";
        // Anonymous FTP (RFC 1635) gives a public account, its "password" by custom an e-mail address: nothing secret.
        boolean anonymous = protocol == Protocol.FTP && user != null
                && (user.equalsIgnoreCase("anonymous") || user.equalsIgnoreCase("ftp"));
        Alert.Builder alert = Alert.builder(CleartextCredentialsDetector.ID, protocol.signatureId(user != null),
                user != null ? "Clear-text credentials (" + protocol.label + ")"
                        : "Clear-text password (" + protocol.label + ", user not seen)")
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
