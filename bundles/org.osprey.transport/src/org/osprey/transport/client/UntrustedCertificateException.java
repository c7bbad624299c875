package org.osprey.transport.client;

import java.security.cert.CertificateException;

/**
 * The agent presented a certificate this client does not trust. The connection goes
 * {@link ConnectionState.Offline offline} with this as its cause and is never retried on its own: trusting another
 * certificate is a person's decision (check the agent's printed fingerprint, then
 * {@link KnownAgents#remember} it or connect with an expected fingerprint).
 */
public final class UntrustedCertificateException extends CertificateException {

    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    public enum Reason {
        /**
         * Another certificate is recorded for this agent in {@link KnownAgents}: the agent was re-keyed, or someone is
         * in the middle. Never re-trusted silently.
         */
        CHANGED,
        /** The certificate is not the one given in {@link ConnectionSettings#expectedFingerprint()}. */
        NOT_EXPECTED,
        /** First contact, and {@link FirstUseTrust} said no. */
        REFUSED_ON_FIRST_USE
    }

    private final Reason reason;
    private final String agent;
    private final String trustedFingerprint;
    private final String presentedFingerprint;

    /**
     * @param trustedFingerprint the recorded or expected fingerprint, {@code null} on first use
     */
    public UntrustedCertificateException(Reason reason, String agent, String trustedFingerprint,
            String presentedFingerprint) {
        super(message(reason, agent, trustedFingerprint, presentedFingerprint));
        this.reason = reason;
        this.agent = agent;
        this.trustedFingerprint = trustedFingerprint;
        this.presentedFingerprint = presentedFingerprint;
    }

    private static String message(Reason reason, String agent, String trusted, String presented) {
        return switch (reason) {
        case CHANGED -> "CERTIFICATE OF AGENT " + agent + " HAS CHANGED: recorded " + trusted + ", presented "
                + presented + ". Either the agent was given a new certificate or someone is intercepting the"
                + " connection. Refused; if the agent really was re-keyed, check its printed fingerprint and remove"
                + " the old entry from the known agents file.";
        case NOT_EXPECTED -> "certificate of agent " + agent + " is not the expected one: expected " + trusted
                + ", presented " + presented + ". Refused.";
        case REFUSED_ON_FIRST_USE -> "certificate of agent " + agent + " (" + presented
                + ") is not known and was not trusted on first use";
        };
    }

    public Reason reason() {
        return reason;
    }

    /** The agent as {@code host:port}. */
    public String agent() {
        return agent;
    }

    /** The fingerprint this client trusts for the agent (recorded or expected), or {@code null} on first use. */
    public String trustedFingerprint() {
        return trustedFingerprint;
    }

    /** The fingerprint of the certificate the agent presented. */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }
}
