package org.osprey.capture.internal.generator;

import java.util.SplittableRandom;

/**
 * The two ends of one TCP connection and its sequence numbers, making segments in either direction as real stacks
 * would: sequence numbers advance by payload, SYN and FIN; every segment after the SYN acknowledges what the other
 * side sent; IP identifiers count up per sender.
 */
final class Flow {

    final Host client;
    final Host server;
    final int clientPort;
    final int serverPort;
    private long clientSeq;
    private long serverSeq;
    private int clientIpId;
    private int serverIpId;
    private final int clientTtl;
    private final int serverTtl;

    Flow(Host client, int clientPort, Host server, int serverPort, SplittableRandom random) {
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.clientSeq = random.nextLong(1L << 32);
        this.serverSeq = random.nextLong(1L << 32);
        this.clientIpId = random.nextInt(65_536);
        this.serverIpId = random.nextInt(65_536);
        // a host beyond the router is some hops away
        this.clientTtl = isLan(client) ? 64 : 64 - random.nextInt(8, 20);
        this.serverTtl = isLan(server) ? 64 : 64 - random.nextInt(8, 20);
    }

    static boolean isLan(Host host) {
        return (host.ip() & 0xffff_ff00) == Network.LAN_PREFIX;
    }

    /**
     * A segment from one side with room for {@code payloadLength} bytes at {@link Frames#payloadOffset}; the caller
     * writes the payload and seals the frame.
     */
    byte[] segment(boolean fromClient, int flags, int payloadLength) {
        boolean syn = (flags & Tcp.SYN) != 0; // a SYN carries the MSS option; no window scaling, so windows stay below 64 KiB
        byte[] f;
        if (fromClient) {
            f = Frames.tcp(client.mac(), client.ip(), server.mac(), server.ip(), clientIpId++ & 0xffff, clientTtl,
                    clientPort, serverPort, clientSeq, serverSeq, flags, 64_240, syn, payloadLength);
            clientSeq = advance(clientSeq, flags, payloadLength);
        } else {
            f = Frames.tcp(server.mac(), server.ip(), client.mac(), client.ip(), serverIpId++ & 0xffff, serverTtl,
                    serverPort, clientPort, serverSeq, clientSeq, flags, 65_160, syn, payloadLength);
            serverSeq = advance(serverSeq, flags, payloadLength);
        }
        return f;
    }

    /** A segment without payload, sealed. */
    byte[] control(boolean fromClient, int flags) {
        return Frames.seal(segment(fromClient, flags, 0));
    }

    private static long advance(long seq, int flags, int payloadLength) {
        long next = seq + payloadLength + ((flags & Tcp.SYN) != 0 ? 1 : 0) + ((flags & Tcp.FIN) != 0 ? 1 : 0);
        return next & 0xffff_ffffL;
    }
}
