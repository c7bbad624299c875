/**
 * TLS identity and trust helpers shared by the agent and the client: the agent's keystore with its self-signed
 * certificate, SHA-256 certificate fingerprints (what clients pin), and owner-only files for secrets.
 */
package org.osprey.transport.tls;
