package org.osprey.session;

import java.net.URI;
import java.util.Objects;

/**
 * A capture agent to connect to.
 *
 * @param uri the agent's {@code wss://host:port/osprey} address
 * @param token its access token
 * @param trustedFingerprint the certificate fingerprint the person confirmed (first use), or {@code null} to accept
 *        only the one already recorded in the known-agents file
 */
public record RemoteAgent(URI uri, String token, String trustedFingerprint) {

    public RemoteAgent {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(token, "token");
        if (!"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("an agent address looks like wss://host:7443/osprey, not " + uri);
        }
    }

    @Override
    public String toString() {
        return "RemoteAgent[" + uri + "]"; // never the token
    }
}
