package org.osprey.transport.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.osprey.transport.tls.CertificateFingerprint;
import org.osprey.transport.tls.TlsProtocols;

/**
 * Reads the fingerprint of an agent's certificate without trusting it or sending anything: what a connect dialog shows
 * a person to compare with the fingerprint the agent printed, before connecting with
 * {@link ConnectionSettings.Builder#expectedFingerprint}.
 */
public final class AgentCertificates {

    private AgentCertificates() {
    }

    /**
     * Makes a TLS 1.3 handshake with the agent and returns the SHA-256 fingerprint of the certificate it presents
     * (colon-separated upper-case hex). Nothing is recorded and no application data is sent.
     *
     * @param agent {@code wss://host:port...}
     * @throws IOException when the agent cannot be reached or the handshake fails
     */
    public static String fetchFingerprint(URI agent, Duration timeout) throws IOException {
        String host = agent.getHost();
        if (host == null) {
            throw new IllegalArgumentException("agent URI has no host: " + agent);
        }
        int port = agent.getPort() < 0 ? 443 : agent.getPort();
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        SSLContext tls;
        try {
            tls = SSLContext.getInstance(TlsProtocols.TLS_1_3);
            tls.init(null, new TrustManager[] { new AcceptAnything() }, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS 1.3 is not available in this Java runtime", e);
        }
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setEnabledProtocols(new String[] { TlsProtocols.TLS_1_3 });
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            if (chain.length == 0) {
                throw new SSLException("agent " + host + ":" + port + " presented no certificate");
            }
            return CertificateFingerprint.sha256(chain[0]);
        }
    }

    /** Only for reading the certificate: the handshake is dropped right after, nothing is trusted. */
    private static final class AcceptAnything implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted only to read it; the socket is closed before anything is sent
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not authenticate clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
