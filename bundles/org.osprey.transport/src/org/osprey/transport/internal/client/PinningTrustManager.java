package org.osprey.transport.internal.client;

import java.io.UncheckedIOException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.osprey.transport.client.FirstUseTrust;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.client.UntrustedCertificateException;
import org.osprey.transport.client.UntrustedCertificateException.Reason;
import org.osprey.transport.tls.CertificateFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts exactly one certificate per agent, by the SHA-256 fingerprint of its DER encoding, like ssh: the one a person
 * said to expect, else the one recorded in {@link KnownAgents}, else (first use, if {@link FirstUseTrust} agrees) the
 * one presented, which is then recorded. No CA, no host name check: the agent's certificate is self-signed, and the
 * pin is what authenticates it (the TLS handshake proves the agent holds the pinned certificate's private key).
 * <p>
 * One instance serves one agent. The last refusal is kept so that the connection can tell a refused certificate
 * (never retried) from a network failure (retried), whatever exception the TLS stack wraps it in.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {

    private static final Logger LOG = LoggerFactory.getLogger(PinningTrustManager.class);

    private final String agent;
    private final KnownAgents knownAgents;
    private final String expectedFingerprint;
    private final FirstUseTrust firstUseTrust;
    private volatile UntrustedCertificateException lastRefusal;
    private volatile String lastPresented;

    /**
     * @param agent the agent's key, {@code host:port}
     * @param expectedFingerprint normalized fingerprint a person confirmed, or {@code null}
     */
    public PinningTrustManager(String agent, KnownAgents knownAgents, String expectedFingerprint,
            FirstUseTrust firstUseTrust) {
        this.agent = agent;
        this.knownAgents = knownAgents;
        this.expectedFingerprint = expectedFingerprint;
        this.firstUseTrust = firstUseTrust;
    }

    /** The refusal of the last handshake, or {@code null} when it was trusted (or none happened). */
    public UntrustedCertificateException lastRefusal() {
        return lastRefusal;
    }

    /** Fingerprint of the certificate presented in the last handshake, or {@code null} before the first. */
    public String lastPresentedFingerprint() {
        return lastPresented;
    }

    /** Forgets the last handshake's outcome; called before each connection attempt. */
    public void reset() {
        lastRefusal = null;
        lastPresented = null;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("agent " + agent + " presented no certificate");
        }
        String presented = CertificateFingerprint.sha256(chain[0]);
        lastPresented = presented;
        try {
            verify(presented);
        } catch (UntrustedCertificateException e) {
            lastRefusal = e;
            throw e;
        } catch (UncheckedIOException e) {
            throw new CertificateException("cannot use the known agents file: " + e.getMessage(), e);
        }
    }

    private void verify(String presented) throws UntrustedCertificateException {
        if (expectedFingerprint != null && !CertificateFingerprint.matches(expectedFingerprint, presented)) {
            throw new UntrustedCertificateException(Reason.NOT_EXPECTED, agent, expectedFingerprint, presented);
        }
        String recorded = knownAgents.fingerprint(agent);
        if (recorded != null) {
            // a recorded pin wins even over an expected fingerprint: replacing a pin is done in KnownAgents, on purpose
            if (!CertificateFingerprint.matches(recorded, presented)) {
                throw new UntrustedCertificateException(Reason.CHANGED, agent, recorded, presented);
            }
            return;
        }
        if (expectedFingerprint == null && !askFirstUse(presented)) {
            throw new UntrustedCertificateException(Reason.REFUSED_ON_FIRST_USE, agent, null, presented);
        }
        knownAgents.remember(agent, presented);
    }

    /** A failing callback counts as a refusal: trusting must be an explicit yes. */
    private boolean askFirstUse(String presented) {
        try {
            return firstUseTrust.trust(agent, presented);
        } catch (RuntimeException e) {
            LOG.warn("first-use trust decision for agent {} failed; certificate refused", agent, e);
            return false;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client does not authenticate clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
