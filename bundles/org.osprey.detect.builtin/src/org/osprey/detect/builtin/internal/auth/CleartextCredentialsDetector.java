package org.osprey.detect.builtin.internal.auth;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * Credentials sent in clear text: FTP and POP3 {@code USER}/{@code PASS}, IMAP {@code LOGIN}, HTTP Basic
 * authorization and a Telnet login. The alert names the client, the server and the user name; the password is never
 * put in it, only its length.
 * <p>
 * FTP, POP3 and HTTP are recognised by their commands on any port (the corpus's FTP server listens on 51211); IMAP
 * only on port 143 and Telnet only on port 23, as their commands and prompts alone are too common in other text
 * (FTP's "230 Login successful." reads as an IMAP LOGIN). Each command line must lie within one TCP segment, the
 * common case: a line split across segments is not reassembled and so not reported. HTTP request headers may go on
 * over several segments; only an Authorization header cut inside its name or value is missed.
 * <p>
 * Severity MEDIUM: the credentials are exposed to anyone on the path (MITRE ATT&amp;CK T1552, Unsecured Credentials;
 * an eavesdropper would use T1040, Network Sniffing), but the login itself is not an attack. LOW for anonymous FTP
 * (user "anonymous" or "ftp"), a public account. Each user name is reported once per client, server and protocol in a
 * run.
 */
@Component(service = Detector.class)
public final class CleartextCredentialsDetector implements Detector {

    public static final String ID = "osprey.cleartext-credentials";

    static final String TRACKED_FLOWS = "tracked.flows";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(TRACKED_FLOWS, "Logins followed at once", 4_096, 16, 1_000_000,
                    "Connections whose login dialogue is followed at the same time (a USER waiting for its PASS, a"
                            + " Telnet login); beyond it those not seen for longest are forgotten, which keeps memory"
                            + " flat. Read when the run starts."));

    /**
     * The protocols recognised; the ordinal + 1 is the alert's signature id, + 10 when the user name was not seen (a
     * capture that began between USER and PASS): a signature of its own, so that the engine's merging of repeats
     * between two hosts does not hide a later alert that names the user behind one that could not.
     */
    enum Protocol {
        FTP("FTP"), POP3("POP3"), IMAP("IMAP"), HTTP_BASIC("HTTP Basic"), TELNET("Telnet");

        final String label;

        Protocol(String label) {
            this.label = label;
        }

        int signatureId(boolean userSeen) {
            return ordinal() + (userSeen ? 1 : 11);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Clear-text credentials";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "User names and passwords sent unencrypted: FTP, POP3, IMAP, HTTP Basic and Telnet logins. The alert"
                + " names the user and the password's length, never the password.";
    }

    @Override
    public String filter() {
        return "tcp.len > 0";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new CleartextCredentialsInspector(context, context.settings().intValue(TRACKED_FLOWS));
    }
}
