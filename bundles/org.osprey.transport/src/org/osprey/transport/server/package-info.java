/**
 * The agent's secure WebSocket server ({@link org.osprey.transport.server.AgentServer}): configuration, the access
 * token, and the hook for capture-side drop counters. The protocol it speaks is docs/protocol.md.
 */
package org.osprey.transport.server;
