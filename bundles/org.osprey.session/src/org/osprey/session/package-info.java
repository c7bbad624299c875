/**
 * Where the desktop client's packets come from: the {@link org.osprey.session.SessionService} connects the client's
 * {@link org.osprey.stream.PacketStream} to one capture agent at a time, an embedded one (live capture of the default
 * interface, or the traffic generator's demo) or a remote one, always over the agent's TLS WebSocket.
 */
package org.osprey.session;
