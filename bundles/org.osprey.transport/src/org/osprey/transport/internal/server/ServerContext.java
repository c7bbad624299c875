package org.osprey.transport.internal.server;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import org.osprey.stream.PacketStream;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.CaptureCounters;
import org.osprey.transport.server.ServerConfig;

/**
 * What every connection of one running server shares.
 *
 * @param timers runs hello timeouts (never blocks)
 * @param sessions the open connections, for stopping and counting
 */
public record ServerContext(ServerConfig config, PacketStream stream, AccessToken token, AuthFailureLimiter authLimiter,
        CaptureCounters captureCounters, ScheduledExecutorService timers, Set<ClientSession> sessions) {
}
