package org.osprey.transport.internal.server;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.osprey.stream.PacketStream;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.CaptureCounters;
import org.osprey.transport.server.ServerConfig;

/**
 * What every connection of one running server shares.
 *
 * @param timers runs hello timeouts (never blocks)
 * @param sessions the open connections, for stopping and counting
 * @param connectionIds numbers connections for the log
 */
public record ServerContext(ServerConfig config, PacketStream stream, AccessToken token, AuthFailureLimiter authLimiter,
        CaptureCounters captureCounters, ScheduledExecutorService timers, Set<ClientSession> sessions,
        AtomicLong connectionIds) {
}
