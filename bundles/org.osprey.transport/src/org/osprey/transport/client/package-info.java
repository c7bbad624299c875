/**
 * The client side of the transport: a live connection to a capture agent that feeds a local
 * {@link org.osprey.stream.PacketStream}.
 * <pre>
 * KnownAgents known = new KnownAgents(KnownAgents.defaultFile());   // pinned certificates, like ssh's known_hosts
 * ConnectionSettings settings = ConnectionSettings.builder(URI.create("wss://10.0.0.7:7443"), token, known)
 *         .filter("tcp.port == 443")                                // server-side display filter (optional)
 *         .build();
 * AgentConnection connection = new AgentConnection(settings, localStream);
 * connection.addListener(state -&gt; statusLine.show(state));          // CONNECTING, CONNECTED, RECONNECTING, OFFLINE
 * connection.start();
 * ...
 * connection.setFilter("dns");                                      // live, capture keeps running
 * connection.statistics();                                          // received, missed by cause, agent's stats
 * connection.close();
 * </pre>
 * <b>Trust.</b> The agent's self-signed certificate is pinned by its SHA-256 fingerprint: trusted on first use (or
 * only the fingerprint a person confirmed, {@link org.osprey.transport.client.ConnectionSettings.Builder#expectedFingerprint}),
 * recorded in {@link org.osprey.transport.client.KnownAgents}, and from then on a different certificate ends the
 * connection {@link org.osprey.transport.client.ConnectionState.OfflineReason#CERTIFICATE_CHANGED offline} with an
 * {@link org.osprey.transport.client.UntrustedCertificateException} naming both fingerprints. To show a fingerprint
 * before connecting, {@link org.osprey.transport.client.AgentCertificates#fetchFingerprint}.
 * <p>
 * <b>Loss.</b> A lost connection is retried with {@link org.osprey.transport.client.BackoffPolicy exponential backoff}
 * and resumed right after the last packet received; what the agent no longer holds arrives as a {@code gap} and is
 * counted by cause in {@link org.osprey.transport.client.ConnectionStatistics}. Nothing is skipped silently.
 */
package org.osprey.transport.client;
