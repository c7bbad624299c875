package org.osprey.transport.client;

/**
 * Decides whether to trust an agent's certificate the first time this client sees the agent (no fingerprint recorded
 * in {@link KnownAgents} and none given in {@link ConnectionSettings#expectedFingerprint()}), like ssh's "are you sure
 * you want to continue connecting". A trusted fingerprint is recorded, and from then on only that certificate is
 * accepted for that agent.
 * <p>
 * It is called on a network thread during the TLS handshake, so it must answer quickly. A desktop that wants to ask
 * a person should not block here: fetch the fingerprint first with {@link AgentCertificates#fetchFingerprint}, show it
 * in the connect dialog, and connect with {@link ConnectionSettings.Builder#expectedFingerprint} once confirmed
 * (or use {@link #REFUSE}, let the connection go offline with {@link ConnectionState.OfflineReason#CERTIFICATE_NOT_TRUSTED}
 * and offer the fingerprint from that state).
 */
@FunctionalInterface
public interface FirstUseTrust {

    /** Trusts and records any certificate the first time: the headless default (like ssh with accept-new). */
    FirstUseTrust ACCEPT = (agent, fingerprint) -> true;

    /** Trusts nothing that is not already recorded or explicitly expected. */
    FirstUseTrust REFUSE = (agent, fingerprint) -> false;

    /**
     * @param agent the agent as {@code host:port}
     * @param fingerprint SHA-256 of the certificate (DER), colon-separated upper-case hex
     * @return {@code true} to trust (and record) it
     */
    boolean trust(String agent, String fingerprint);
}
