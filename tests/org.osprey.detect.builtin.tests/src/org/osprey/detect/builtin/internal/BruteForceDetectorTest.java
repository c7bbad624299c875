package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.auth.BruteForceDetector;
import org.osprey.detect.replay.DetectorReplay;

class BruteForceDetectorTest {

    private static final long SECOND = TcpCapture.SECOND;
    private static final int SYN = 0x02, ACK = 0x10, SYN_ACK = 0x12, FIN_ACK = 0x11;

    @TempDir
    Path temp;

    @Test
    void ftpPasswordGuessingNamesAttackerAndServer() throws Exception {
        String file = "pcaps/brute/ftp-crack.pcap";
        List<Alert> alerts = Replays.raw(new BruteForceDetector(), file);

        // 703 PASS attempts in 45 s: one alert, then quiet for the 600 s window.
        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(Severity.HIGH, alert.severity());
        assertEquals("T1110", alert.mitreTechnique());
        assertEquals("FTP", alert.evidence().get("service"));
        assertEquals("10.234.125.254", alert.sourceAddress());
        assertEquals("10.121.70.151", alert.destinationAddress());
        assertEquals(21, alert.destinationPort());
        assertTrue(alert.message().startsWith("10.234.125.254 is guessing FTP logins on 10.121.70.151:21"),
                alert.message());
        assertEquals("5 failed logins in 600 s", alert.evidence().get("threshold"));
        assertEquals("admin", alert.evidence().get("user names tried"));
        // The evidence packets, read back: the server's "530" replies to the attacker.
        List<PacketSummary> packets = CapturePackets.read(Replays.corpus(file));
        assertEquals(5, alert.sequenceCount());
        for (long sequence : alert.sequences()) {
            PacketSummary reply = packets.get((int) sequence);
            assertEquals("10.121.70.151", reply.source());
            assertEquals("10.234.125.254", reply.destination());
            assertTrue(CapturePackets.payload(reply).startsWith("530 "), CapturePackets.payload(reply));
        }
    }

    @Test
    void theAnalystIsShownOneAlertForTheWholeAttack() throws Exception {
        DetectorReplay.Result result = Replays.shown(new BruteForceDetector(), "pcaps/brute/ftp-crack.pcap");

        assertEquals(1, result.alerts().size(), result.alerts()::toString);
        assertEquals("10.234.125.254", result.alerts().get(0).sourceAddress());
        assertEquals("10.121.70.151", result.alerts().get(0).destinationAddress());
    }

    @Test
    void everyFtpFailureIsCounted() throws Exception {
        // tshark, per TCP stream, counts 703 "530" replies that follow a PASS (two more answer a PASS sent before
        // the capture began): with the threshold at 703 in an hour the alert must come, at 704 it must not.
        Path file = Replays.corpus("pcaps/brute/ftp-crack.pcap");
        List<Alert> at703 = Replays.raw(new BruteForceDetector(), file,
                Map.of("failures.count", 703.0, "failures.window.seconds", 3600.0));
        assertEquals(1, at703.size(), at703::toString);
        assertEquals("703", at703.get(0).evidence().get("failed logins"));
        // tshark: USER admin 335 times, USER administrator 367 times.
        assertEquals("admin, administrator", at703.get(0).evidence().get("user names tried"));
        assertEquals(List.of(), Replays.raw(new BruteForceDetector(), file,
                Map.of("failures.count", 704.0, "failures.window.seconds", 3600.0)));
    }

    @ParameterizedTest(name = "port {0}")
    @CsvSource({ "22, SSH", "3389, RDP" })
    void shortConnectionsAreGuessing(int port, String service) throws Exception {
        Path file = temp.resolve("short-" + port + ".pcap");
        String attacker = "203.0.113.9", server = "198.51.100.22";
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 6; i++) {
                int clientPort = 41_000 + i;
                long t = i * 5 * SECOND;
                capture.tcp(t, attacker, clientPort, server, port, SYN, null);
                capture.tcp(t + SECOND / 100, server, port, attacker, clientPort, SYN_ACK, null);
                capture.tcp(t + SECOND / 50, attacker, clientPort, server, port, ACK, null);
                capture.data(t + SECOND / 10, server, port, attacker, clientPort, "banner\r\n");
                capture.tcp(t + 2 * SECOND, server, port, attacker, clientPort, FIN_ACK, null);
            }
            // A long interactive session and a refused connection do not count.
            capture.tcp(40 * SECOND, attacker, 42_000, server, port, SYN, null);
            capture.tcp(40 * SECOND + 1, server, port, attacker, 42_000, SYN_ACK, null);
            capture.tcp(41 * SECOND, attacker, 42_001, server, port, SYN, null);
            capture.tcp(41 * SECOND + 1, server, port, attacker, 42_001, 0x14, null); // RST+ACK: closed
            capture.tcp(400 * SECOND, attacker, 42_000, server, port, FIN_ACK, null);
        }
        List<Alert> alerts = Replays.raw(new BruteForceDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        Alert alert = alerts.get(0);
        assertEquals(service, alert.evidence().get("service"));
        assertEquals(attacker, alert.sourceAddress());
        assertEquals(server, alert.destinationAddress());
        assertEquals(port, alert.destinationPort());
        assertEquals("5", alert.evidence().get("short connections"));
        assertEquals("5 short connections in 120 s", alert.evidence().get("threshold"));
        // With one more required, the long session and the refused connection must not make up the difference.
        assertEquals(List.of(), Replays.raw(new BruteForceDetector(), file, Map.of("connections.count", 7.0)));
    }

    @Test
    void fewSshConnectionsAreNot() throws Exception {
        Path file = temp.resolve("ssh-few.pcap");
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 4; i++) {
                long t = i * 10 * SECOND;
                capture.tcp(t, "10.1.1.1", 50_000 + i, "10.1.1.2", 22, SYN, null);
                capture.tcp(t + 1, "10.1.1.2", 22, "10.1.1.1", 50_000 + i, SYN_ACK, null);
                capture.tcp(t + SECOND, "10.1.1.1", 50_000 + i, "10.1.1.2", 22, FIN_ACK, null);
            }
        }
        assertEquals(List.of(), Replays.raw(new BruteForceDetector(), file, Map.of()));
    }

    @Test
    void httpUnauthorizedRepliesToCredentials() throws Exception {
        Path file = temp.resolve("http-401.pcap");
        String attacker = "172.20.0.5", server = "172.20.0.80";
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 6; i++) {
                int port = 43_000 + i;
                long t = i * 3 * SECOND;
                capture.data(t, attacker, port, server, 80,
                        "GET /admin HTTP/1.1\r\nHost: router\r\nAuthorization: Basic YWRtaW46YWRtaW4" + i + "\r\n\r\n");
                capture.data(t + SECOND / 10, server, 80, attacker, port,
                        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"r\"\r\n\r\n");
            }
            // 401 to requests without credentials (the browser's first try) are not failures.
            for (int i = 0; i < 6; i++) {
                capture.data(100 * SECOND + i, "172.20.0.6", 44_000 + i, server, 80, "GET / HTTP/1.1\r\n\r\n");
                capture.data(100 * SECOND + i + 1, server, 80, "172.20.0.6", 44_000 + i,
                        "HTTP/1.1 401 Unauthorized\r\n\r\n");
            }
        }
        List<Alert> alerts = Replays.raw(new BruteForceDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("HTTP", alerts.get(0).evidence().get("service"));
        assertEquals(attacker, alerts.get(0).sourceAddress());
        assertEquals(80, alerts.get(0).destinationPort());
    }

    @ParameterizedTest(name = "verdict \"{0}\"")
    @ValueSource(strings = { "\r\nLogin incorrect\r\n", "\r\n\r\nlogin: " })
    void telnetLoginFailures(String verdict) throws Exception {
        Path file = temp.resolve("telnet-fail.pcap");
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 5; i++) {
                long t = i * 4 * SECOND;
                capture.data(t, "10.9.9.9", 23, "10.9.9.1", 33_000, "login: ");
                capture.data(t + SECOND, "10.9.9.1", 33_000, "10.9.9.9", 23, "root\r\n");
                capture.data(t + 2 * SECOND, "10.9.9.9", 23, "10.9.9.1", 33_000, "Password: ");
                capture.data(t + 3 * SECOND, "10.9.9.1", 33_000, "10.9.9.9", 23, "guess" + i + "\r\n");
                capture.data(t + 3 * SECOND + 1, "10.9.9.9", 23, "10.9.9.1", 33_000, "\r\n"); // echo of Enter
                capture.data(t + 3 * SECOND + 2, "10.9.9.9", 23, "10.9.9.1", 33_000, verdict);
            }
        }
        List<Alert> alerts = Replays.raw(new BruteForceDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals("5", alerts.get(0).evidence().get("failed logins"));
        assertEquals("Telnet", alerts.get(0).evidence().get("service"));
        assertEquals("10.9.9.1", alerts.get(0).sourceAddress());
        assertEquals("10.9.9.9", alerts.get(0).destinationAddress());
    }

    @Test
    void ftpGuessingOverIpv6() throws Exception {
        Path file = temp.resolve("ftp6.pcap");
        String attacker = "2001:db8:1::66", server = "2001:db8:2::21";
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < 5; i++) {
                int port = 50_000 + i;
                long t = i * SECOND;
                capture.data(t, attacker, port, server, 21, "USER root\r\n");
                capture.data(t + 1_000, attacker, port, server, 21, "PASS guess" + i + "\r\n");
                capture.data(t + 2_000, server, 21, attacker, port, "530 Login incorrect.\r\n");
            }
        }
        List<Alert> alerts = Replays.raw(new BruteForceDetector(), file, Map.of());

        assertEquals(1, alerts.size(), alerts::toString);
        assertEquals(attacker, alerts.get(0).sourceAddress());
        assertEquals(server, alerts.get(0).destinationAddress());
        assertEquals("root", alerts.get(0).evidence().get("user names tried"));
    }

    @Test
    void aShellPrintingFailuresIsNotGuessing() throws Exception {
        Path file = temp.resolve("telnet-shell.pcap");
        try (TcpCapture capture = new TcpCapture(file)) {
            capture.data(0, "10.9.9.9", 23, "10.9.9.1", 33_000, "login: ");
            capture.data(SECOND, "10.9.9.1", 33_000, "10.9.9.9", 23, "root\r\n");
            capture.data(2 * SECOND, "10.9.9.9", 23, "10.9.9.1", 33_000, "Password: ");
            capture.data(3 * SECOND, "10.9.9.1", 33_000, "10.9.9.9", 23, "right\r\n");
            capture.data(4 * SECOND, "10.9.9.9", 23, "10.9.9.1", 33_000, "Last login: today\r\n$ ");
            for (int i = 0; i < 10; i++) {
                capture.data((5 + i) * SECOND, "10.9.9.9", 23, "10.9.9.1", 33_000,
                        "make: *** [all] Error 1: test " + i + " failed, login incorrect\r\n");
            }
        }
        // Even at the lowest threshold nothing: the login's verdict was a success, and the shell's words come later.
        assertEquals(List.of(), Replays.raw(new BruteForceDetector(), file, Map.of("failures.count", 2.0)));
    }

    @Test
    void ordinaryBrowsingRaisesNothing() throws Exception {
        assertEquals(List.of(), Replays.raw(new BruteForceDetector(), "pcaps/benign/http_espn.pcapng"));
    }
}
