package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.auth.CleartextCredentialsDetector;
import org.osprey.detect.replay.DetectorReplay;

class CleartextCredentialsDetectorTest {

    private static final long SECOND = TcpCapture.SECOND;

    @TempDir
    Path temp;

    @Test
    void ftpLoginOnANonStandardPortNamesTheUser() throws Exception {
        String file = "pcaps/creds/cs-ftpServerCredentials.pcap";
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(), file);

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertCredentials(alert, "FTP", "root", 4); // USER root / PASS toor (tshark: frames 30 and 34)
        assertEquals("192.168.231.140", alert.sourceAddress());
        assertEquals(51211, alert.destinationPort());
        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(file));
        assertEquals(List.of("USER root", "PASS toor"), List.of(
                CapturePackets.payload(packets.get((int) alert.sequence(0))).trim(),
                CapturePackets.payload(packets.get((int) alert.sequence(1))).trim()));
        assertSecretAbsent(alert, "toor");
    }

    @Test
    void httpBasicCredentialsNameTheUserNotThePassword() throws Exception {
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(),
                "pcaps/creds/cs-httpServerCredentials.pcap");

        // tshark (http.authbasic): frames 4 and 20 send user:pwd, frame 30 toor:root, frame 43 root:toor, all from
        // 127.0.0.1 to 127.0.0.1:8080; the repeat of user:pwd is not reported again.
        assertEquals(3, alerts.size(), alerts::toString);
        String[][] expected = { { "user", "pwd" }, { "toor", "root" }, { "root", "toor" } };
        for (int i = 0; i < expected.length; i++) {
            Alert alert = alerts.get(i);
            assertCredentials(alert, "HTTP Basic", expected[i][0], expected[i][1].length());
            assertEquals("127.0.0.1", alert.sourceAddress());
            assertEquals("127.0.0.1", alert.destinationAddress());
            assertEquals(8080, alert.destinationPort());
            assertSecretAbsent(alert, ":" + expected[i][1]);
            assertFalse(alert.evidence().containsValue(expected[i][1]), alert.evidence()::toString);
        }
        assertSecretAbsent(alerts.get(0), "dXNlcjpwd2Q=");
    }

    @Test
    void httpBasicAfterLargeCookiesInTheNextSegment() throws Exception {
        Path file = temp.resolve("http-split.pcap");
        String client = "192.168.9.9", server = "192.168.9.80";
        try (TcpCapture capture = new TcpCapture(file)) {
            capture.data(0, client, 51_000, server, 80, "GET /admin HTTP/1.1\r\nHost: router\r\nCookie: session="
                    + "x".repeat(1_300));
            capture.data(1_000, client, 51_000, server, 80, "; theme=dark\r\nAuthorization: Basic "
                    + "Ym9iOnNlY3JldA==\r\n\r\n"); // bob:secret
            // The next request's body is no header: a Basic header in it is not credentials.
            capture.data(2 * SECOND, client, 51_000, server, 80, "POST /note HTTP/1.1\r\nContent-Length: 46\r\n\r\n");
            capture.data(2 * SECOND + 1_000, client, 51_000, server, 80,
                    "text=Authorization: Basic ZXZlOmV2ZQ== is fine");
        }
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertCredentials(alerts.get(0), "HTTP Basic", "bob", 6);
    }

    @Test
    void theEngineShowsOneAlertPerClientAndServer() throws Exception {
        // The engine's default hygiene merges repeats of a signature between the same two hosts for 300 s: the
        // analyst sees the first user name; the two others are counted as suppressed repeats of it.
        DetectorReplay.Result result = Replays.shown(new CleartextCredentialsDetector(),
                "pcaps/creds/cs-httpServerCredentials.pcap");

        assertEquals(1, result.alerts().size(), result.alerts()::toString);
        assertEquals("user", result.alerts().get(0).evidence().get("user"));
        assertEquals(2, result.status(CleartextCredentialsDetector.ID).alertsSuppressed());
    }

    @Test
    void aPasswordWhoseUserWasNotSeenDoesNotHideTheNamedOnes() throws Exception {
        // ftp-crack.pcap begins between a USER and its PASS; the later logins are USER admin or administrator.
        DetectorReplay.Result result = Replays.shown(new CleartextCredentialsDetector(), "pcaps/brute/ftp-crack.pcap");

        assertEquals(2, result.alerts().size(), result.alerts()::toString);
        assertEquals("(not seen)", result.alerts().get(0).evidence().get("user"));
        assertEquals("Clear-text password (FTP, user not seen)", result.alerts().get(0).signature());
        assertEquals("admin", result.alerts().get(1).evidence().get("user"));
        assertEquals("10.234.125.254", result.alerts().get(1).sourceAddress());
        assertEquals("10.121.70.151", result.alerts().get(1).destinationAddress());
    }

    @Test
    void telnetLoginInLineMode() throws Exception {
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(), "pcaps/creds/telnet.pcap");

        // The client types "fake" after "login: " and "user" after "Password:" (tshark: frames 31 and 38).
        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertCredentials(alert, "Telnet", "fake", 4);
        assertEquals("192.168.0.2", alert.sourceAddress());
        assertEquals("192.168.0.1", alert.destinationAddress());
        assertEquals(23, alert.destinationPort());
        assertFalse(alert.evidence().containsValue("user"), "the password typed is \"user\"");
    }

    @Test
    void telnetLoginInCharacterModeWithABackspace() throws Exception {
        Path file = temp.resolve("telnet-chars.pcap");
        String client = "10.0.0.5", server = "10.0.0.23";
        try (TcpCapture capture = new TcpCapture(file)) {
            long t = 0;
            capture.data(t += SECOND, server, 23, client, 40_000, "\r\nDebian GNU/Linux 12\r\nlogin: ");
            for (String key : new String[] { "b", "o", "x", "\u007f", "b", "\r\n" }) {
                capture.data(t += SECOND / 10, client, 40_000, server, 23, key);
                capture.data(t += SECOND / 100, server, 23, client, 40_000, key); // the server's echo
            }
            capture.data(t += SECOND, server, 23, client, 40_000, "Password: ");
            for (String key : new String[] { "s", "3", "c", "r", "3", "t", "\r" }) {
                capture.data(t += SECOND / 10, client, 40_000, server, 23, key);
            }
            capture.data(t += SECOND, server, 23, client, 40_000, "\r\nLast login: Mon Nov 30 on pts/0\r\n$ ");
        }
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertCredentials(alerts.get(0), "Telnet", "bob", 6);
    }

    @Test
    void pop3AndImapLogins() throws Exception {
        Path file = temp.resolve("mail.pcap");
        String client = "192.168.7.20", server = "192.168.7.1";
        try (TcpCapture capture = new TcpCapture(file)) {
            capture.data(1 * SECOND, server, 110, client, 50_000, "+OK POP3 server ready\r\n");
            capture.data(2 * SECOND, client, 50_000, server, 110, "USER alice\r\n");
            capture.data(3 * SECOND, server, 110, client, 50_000, "+OK\r\n");
            capture.data(4 * SECOND, client, 50_000, server, 110, "PASS wonderland\r\n");
            capture.data(5 * SECOND, server, 143, client, 50_001, "* OK IMAP4rev1 ready\r\n");
            capture.data(6 * SECOND, client, 50_001, server, 143, "a001 LOGIN \"carol smith\" \"hunter2\"\r\n");
            // A line split over two segments is not reassembled: not reported.
            capture.data(7 * SECOND, client, 50_002, server, 143, "a001 LOGIN dave ");
            capture.data(8 * SECOND, client, 50_002, server, 143, "secret\r\n");
        }
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(), file, Map.of());

        assertEquals(2, alerts.size(), alerts::toString);
        assertCredentials(alerts.get(0), "POP3", "alice", 10);
        assertEquals(110, alerts.get(0).destinationPort());
        assertCredentials(alerts.get(1), "IMAP", "carol smith", 7);
        assertEquals(143, alerts.get(1).destinationPort());
    }

    @Test
    void ftpLoginOverIpv6() throws Exception {
        Path file = temp.resolve("ftp6.pcap");
        String client = "2001:db8:1::5", server = "2001:db8:2::21";
        try (TcpCapture capture = new TcpCapture(file)) {
            capture.data(0, client, 40_100, server, 21, "USER carol\r\n");
            capture.data(SECOND, server, 21, client, 40_100, "331 Password required\r\n");
            capture.data(2 * SECOND, client, 40_100, server, 21, "PASS 12345678\r\n");
        }
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertCredentials(alerts.get(0), "FTP", "carol", 8);
        assertEquals(client, alerts.get(0).sourceAddress());
        assertEquals(server, alerts.get(0).destinationAddress());
    }

    @Test
    void anonymousFtpIsLow() throws Exception {
        Path file = temp.resolve("anonymous-ftp.pcap");
        try (TcpCapture capture = new TcpCapture(file)) {
            capture.data(0, "10.2.0.1", 21, "10.2.0.9", 40_100, "220 ready\r\n");
            capture.data(SECOND, "10.2.0.9", 40_100, "10.2.0.1", 21, "USER anonymous\r\n");
            capture.data(2 * SECOND, "10.2.0.1", 21, "10.2.0.9", 40_100, "331 Send your e-mail address\r\n");
            capture.data(3 * SECOND, "10.2.0.9", 40_100, "10.2.0.1", 21, "PASS guest@example.org\r\n");
        }
        List<Alert> alerts = Replays.raw(new CleartextCredentialsDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals(Severity.LOW, alerts.get(0).severity());
        assertEquals("anonymous", alerts.get(0).evidence().get("user"));
    }

    @Test
    void ordinaryBrowsingRaisesNothing() throws Exception {
        assertEquals(List.of(), Replays.raw(new CleartextCredentialsDetector(), "pcaps/benign/http_espn.pcapng"));
    }

    private static void assertCredentials(Alert alert, String protocol, String user, int passwordLength) {
        assertEquals(CleartextCredentialsDetector.ID, alert.detectorId());
        assertEquals(Severity.MEDIUM, alert.severity());
        assertEquals("T1552", alert.mitreTechnique());
        assertEquals(protocol, alert.evidence().get("protocol"));
        assertEquals(user, alert.evidence().get("user"));
        assertEquals("seen, " + passwordLength + " characters (not shown)", alert.evidence().get("password"));
        assertTrue(alert.message().contains("'" + user + "'") && alert.message().contains(alert.sourceAddress()),
                alert.message());
        assertTrue(alert.sequenceCount() >= 1);
    }

    private static void assertSecretAbsent(Alert alert, String secret) {
        assertFalse(alert.message().contains(secret), alert.message());
        alert.evidence().values().forEach(value -> assertFalse(value.contains(secret), value));
    }
}
