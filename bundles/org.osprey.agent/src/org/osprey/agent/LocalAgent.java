package org.osprey.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.function.Function;

import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.stream.PacketStream;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.server.AccessToken;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.CaptureCounters;
import org.osprey.transport.server.ServerConfig;

/**
 * A capture agent running in this process: one capture source publishing into the agent's own packet stream (the
 * replay ring that reconnecting clients resume from), served over WSS by an {@link AgentServer}. {@code osprey agent}
 * is one; the desktop client's embedded agent is another, reached over the same TLS WebSocket path as a remote one.
 * <p>
 * Thread-safe; {@link #close()} stops the server, then the capture.
 */
public final class LocalAgent implements AutoCloseable {

    private final PacketStreamImpl stream;
    private final CaptureSource source;
    private final AgentServer server;

    private LocalAgent(PacketStreamImpl stream, CaptureSource source, AgentServer server) {
        this.stream = stream;
        this.source = source;
        this.server = server;
    }

    /**
     * Starts the capture, then the server.
     *
     * @param ringCapacity packets the agent's replay ring holds
     * @param sourceFactory makes the capture source that publishes into the given stream (not started yet)
     * @param server the server's configuration; the capture's link types are filled in
     * @throws CaptureException the capture could not start (nothing is left running)
     * @throws IOException the server could not start, e.g. the port is in use (nothing is left running)
     * @throws GeneralSecurityException the keystore could not be made or read (nothing is left running)
     */
    public static LocalAgent start(int ringCapacity, Function<PacketStream, CaptureSource> sourceFactory,
            ServerConfig.Builder server) throws CaptureException, IOException, GeneralSecurityException {
        PacketStreamImpl stream = new PacketStreamImpl(ringCapacity);
        CaptureSource source = Objects.requireNonNull(sourceFactory.apply(stream), "source");
        source.start();
        ServerConfig config = server.linkTypes(source.linkTypes()).build();
        AgentServer agentServer = new AgentServer(config, stream, counters(source));
        try {
            Files.createDirectories(config.stateDirectory());
            agentServer.start();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            agentServer.stop();
            source.stop();
            throw e;
        }
        return new LocalAgent(stream, source, agentServer);
    }

    /** The wss:// address clients connect to. */
    public URI uri() {
        return server.uri();
    }

    /** The SHA-256 fingerprint of the agent's certificate, for clients to pin. */
    public String fingerprint() {
        return server.fingerprint();
    }

    public Path tokenFile() {
        return server.tokenFile();
    }

    /** The access token clients present (read from the owner-only token file). */
    public String token() throws IOException {
        return AccessToken.read(server.tokenFile());
    }

    public CaptureSource source() {
        return source;
    }

    /** The agent's own stream: its replay ring. */
    public PacketStream stream() {
        return stream;
    }

    /** The server, e.g. to stop and start it again while the capture goes on. */
    public AgentServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
        source.stop();
    }

    /** What the server reports as capture-side drops: the kernel's and the interface's. */
    private static CaptureCounters counters(CaptureSource source) {
        return new CaptureCounters() {
            @Override
            public long kernelDrops() {
                org.osprey.capture.CaptureCounters c = source.counters();
                return c.kernelDrops() + c.interfaceDrops();
            }

            @Override
            public long agentQueueDrops() {
                return 0; // capture publishes straight into the ring; the ring's own evictions are counted by the stream
            }
        };
    }
}
