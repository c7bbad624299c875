package org.osprey.detect.builtin.internal.auth;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * Password guessing: many failed logins from one client to one service of one server within a window of packet time.
 * <ul>
 * <li>FTP: "530" replies to {@code PASS} (on any port: the reply is matched to the command of its connection).</li>
 * <li>HTTP: "401" responses to requests that carried an {@code Authorization} header.</li>
 * <li>Telnet (port 23): after a "Password:" prompt, server text saying "incorrect", "failed" or "denied" ("Login
 * incorrect", "Authentication failed"), or a new "login:" prompt.</li>
 * <li>SSH (22) and RDP (3389), encrypted: short connections, each counted as one attempt when it closes (FIN or RST)
 * within a few seconds of its SYN, the way a guessing tool connects, fails and reconnects.</li>
 * </ul>
 * Severity HIGH: a guessing attack in progress against a named server (MITRE ATT&amp;CK T1110, Brute Force).
 */
@Component(service = Detector.class)
public final class BruteForceDetector implements Detector {

    public static final String ID = "osprey.bruteforce";

    static final String FAILURES = "failures.count";
    static final String FAILURES_WINDOW = "failures.window.seconds";
    static final String CONNECTIONS = "connections.count";
    static final String CONNECTIONS_WINDOW = "connections.window.seconds";
    static final String SHORT_CONNECTION = "connection.short.seconds";
    static final String TRACKED = "tracked";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(FAILURES, "Failed logins", 5, 2, 100_000,
                    "Failed FTP, HTTP or Telnet logins from one client to one server that raise the alert; 5 is"
                            + " fail2ban's default maxretry."),
            DetectorParameter.seconds(FAILURES_WINDOW, "Failed logins within (s)", 600, 1, 86_400,
                    "The window the failed logins must fall in; 600 s is fail2ban's default findtime (10 minutes)."),
            DetectorParameter.count(CONNECTIONS, "Short SSH/RDP connections", 5, 2, 100_000,
                    "Short SSH or RDP connections from one client to one server that raise the alert; 5 as in the"
                            + " Emerging Threats rule 'ET SCAN Potential SSH Scan' (sid 2001219: threshold type both,"
                            + " track by_src, count 5, seconds 120)."),
            DetectorParameter.seconds(CONNECTIONS_WINDOW, "Short connections within (s)", 120, 1, 86_400,
                    "The window the short connections must fall in; 120 s as in 'ET SCAN Potential SSH Scan'."),
            DetectorParameter.seconds(SHORT_CONNECTION, "Short connection (s)", 30, 1, 3_600,
                    "An SSH or RDP connection closed within this long after its SYN counts as one login attempt:"
                            + " a failed login is over in seconds (OpenSSH closes after MaxAuthTries, 6 by default),"
                            + " an interactive session lasts longer."),
            DetectorParameter.count(TRACKED, "Clients and connections followed", 8_192, 16, 1_000_000,
                    "Client/server pairs and connections followed at once; beyond it those not seen for longest are"
                            + " forgotten, which keeps memory flat. Read when the run starts."));

    /** The services watched; the ordinal + 1 is the alert's signature id. */
    enum Service {
        FTP("FTP", "failed logins"), SSH("SSH", "short connections"), TELNET("Telnet", "failed logins"),
        RDP("RDP", "short connections"), HTTP("HTTP", "failed authentications (401)");

        final String label;
        final String attempts;

        Service(String label, String attempts) {
            this.label = label;
            this.attempts = attempts;
        }

        int signatureId() {
            return ordinal() + 1;
        }

        boolean countsConnections() {
            return this == SSH || this == RDP;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Brute force";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "Many failed logins from one client to one server: FTP 530 replies to PASS, HTTP 401 to requests with"
                + " credentials, Telnet login failures, and bursts of short SSH or RDP connections.";
    }

    @Override
    public String filter() {
        return "tcp";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new BruteForceInspector(context, context.settings().intValue(TRACKED));
    }
}
