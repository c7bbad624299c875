package org.osprey.transport.client;

import org.osprey.transport.protocol.Message;

/**
 * A snapshot of an {@link AgentConnection}'s counters, totals since the connection object was made (they survive
 * reconnections).
 *
 * @param packetsReceived packets received and published into the local stream
 * @param bytesReceived captured bytes of those packets
 * @param lastAgentSequence the agent sequence number of the newest packet received, -1 before the first; a
 *        reconnection resumes after it (or after the newest {@code gap}, when that came later)
 * @param missedEvicted packets the agent reported in {@code gap} messages as no longer held by its replay ring
 *        (this client was away too long)
 * @param missedSlowClient packets the agent reported in {@code gap} messages as skipped because this client fell
 *        behind
 * @param missedUnannounced sequence numbers that never arrived and no {@code gap} explained; counted only while no
 *        server-side filter is set (a filter leaves holes on purpose). Should stay 0: anything else is an agent bug
 * @param duplicatesDropped packets received a second time (overlap after a resume) and not published again
 * @param connections how many times the agent welcomed this client (the first connection and every reconnection)
 * @param agentRestarts how many times the agent's sequence numbers started over between two connections
 * @param agentStatistics the agent's latest {@code stats} message (rates, drops by cause, this client's own losses),
 *        or {@code null} before the first (or without the stats channel)
 */
public record ConnectionStatistics(long packetsReceived, long bytesReceived, long lastAgentSequence,
        long missedEvicted, long missedSlowClient, long missedUnannounced, long duplicatesDropped, long connections,
        long agentRestarts, Message.Stats agentStatistics) {

    /** Every packet this client knows it missed, by any cause. */
    public long missedTotal() {
        return missedEvicted + missedSlowClient + missedUnannounced;
    }
}
