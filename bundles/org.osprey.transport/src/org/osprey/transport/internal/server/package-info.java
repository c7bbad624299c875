/**
 * How the agent serves one connection: {@link org.osprey.transport.internal.server.ClientSession} reads and checks
 * what a client sends (state machine hello -> authenticated -> closed, rate limits), and its
 * {@link org.osprey.transport.internal.server.ClientSender} is the only writer to that connection: control replies in
 * order, and packets pulled from the agent's stream ring by the client's own cursor, filtered, batched, with gaps
 * reported. Not API: exported only to the transport tests and benchmarks.
 */
package org.osprey.transport.internal.server;
