package org.osprey.transport.internal.client;

import java.nio.ByteBuffer;

import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.stream.PacketStream;
import org.osprey.transport.client.ConnectionSettings.StartPosition;
import org.osprey.transport.client.ConnectionStatistics;
import org.osprey.transport.protocol.BinaryCodec;
import org.osprey.transport.protocol.GapReason;
import org.osprey.transport.protocol.JsonPacketDecoder;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;
import org.osprey.transport.protocol.PacketRecordHandler;
import org.osprey.transport.protocol.ProtocolException;

/**
 * The receiving end of one {@link org.osprey.transport.client.AgentConnection}, kept across its reconnections: turns
 * each received packet into a {@link PacketSummary} ({@code ofFrame} + the summary decoder) and publishes it into the
 * local stream, and keeps the position in the agent's sequence that the next connection resumes from.
 * <p>
 * <b>Sequence bookkeeping.</b> {@code nextWanted} is the agent sequence number this client wants next. A packet below it
 * is a duplicate (overlap after a resume) and is dropped; a packet above it skipped sequence numbers, which is fine
 * while a server-side filter is in force and otherwise counted as missed without notice (should never happen). A
 * {@code gap} moves {@code nextWanted} past the hole and counts it by reason. A new {@code streamId} in a welcome
 * means the agent restarted and numbering started over: the old position is meaningless and the client starts at the
 * agent's oldest held packet.
 * <p>
 * <b>Threads.</b> Batches arrive on the network thread of the current session. Each batch and each bookkeeping step
 * runs under this object's lock, so the local stream has one publisher at a time even when an old session's last
 * message overlaps a new session's first. The lock is held for one batch (at most ~1,000 packets), never while
 * waiting for anything; {@link #statistics} takes it briefly.
 * Per packet the only allocations are the frame array (made by the codec) and the summary.
 */
public final class PacketReceiver {

    /** Where a new connection starts: the {@code resumeFrom} to subscribe with, and whether the agent restarted. */
    public record Resume(long resumeFrom, boolean agentRestarted) {
    }

    private final PacketStream target;
    private final PacketRecordHandler publisher = this::publish;
    /** Guarded by this, like everything the receiving threads touch. */
    private final JsonPacketDecoder jsonDecoder = new JsonPacketDecoder();

    // guarded by this
    private long packets;
    private long bytes;
    private long lastSequence = -1;
    private long nextWanted = -1;
    private boolean holesExpected;
    private long missedEvicted;
    private long missedSlowClient;
    private long missedUnannounced;
    private long duplicates;
    private long connections;
    private long agentRestarts;
    private String streamId;

    private volatile Message.Stats agentStatistics;
    private volatile boolean stopped;

    public PacketReceiver(PacketStream target) {
        this.target = target;
    }

    /**
     * The agent welcomed a new connection: decides where to resume.
     *
     * @param filtered whether the subscription will carry a server-side filter (holes in the sequence are expected)
     */
    public synchronized Resume welcomed(Message.Welcome welcome, StartPosition start, boolean filtered) {
        connections++;
        boolean restarted = streamId != null && !streamId.equals(welcome.streamId());
        if (restarted) {
            agentRestarts++;
            nextWanted = welcome.oldestSeq();
        } else if (nextWanted < 0) {
            nextWanted = start == StartPosition.OLDEST_HELD ? welcome.oldestSeq() : welcome.nextSeq();
        }
        streamId = welcome.streamId();
        holesExpected = filtered;
        return new Resume(nextWanted, restarted);
    }

    /** A server-side filter was set on the live connection: from now on holes in the sequence are expected. */
    public synchronized void filterChanged(boolean filtered) {
        // packets already batched under the old filter may follow, so only a new connection clears the flag
        holesExpected |= filtered;
    }

    /** Publishes a binary batch. @throws ProtocolException for a malformed batch (nothing of it is published) */
    public synchronized void binaryBatch(ByteBuffer batch) throws ProtocolException {
        if (!stopped) {
            BinaryCodec.decode(batch, publisher);
        }
    }

    /**
     * Publishes a JSON {@code packets} text, read by the streaming decoder (no JSON tree).
     *
     * @throws ProtocolException for a malformed batch (nothing of it is published)
     */
    public synchronized void jsonBatch(String text) throws ProtocolException {
        if (!stopped) {
            jsonDecoder.decode(text, publisher);
        }
    }

    /** Publishes a JSON batch decoded by {@link org.osprey.transport.protocol.JsonCodec}. */
    public synchronized void jsonBatch(Message.Packets batch) {
        if (stopped) {
            return;
        }
        for (PacketRecord record : batch.records()) {
            publish(record.sequence(), record.timestampNanos(), record.wireLength(), record.linkType(), record.frame());
        }
    }

    private void publish(long sequence, long timestampNanos, int wireLength, int linkType, byte[] frame) {
        if (sequence < nextWanted) {
            duplicates++;
            return;
        }
        if (sequence > nextWanted && nextWanted >= 0 && !holesExpected) {
            missedUnannounced += sequence - nextWanted;
        }
        PacketSummary packet = PacketSummary.ofFrame(frame, frame.length, wireLength, linkType, 0, timestampNanos);
        SummaryDecoder.decode(packet);
        target.publish(packet);
        packets++;
        bytes += frame.length;
        lastSequence = sequence;
        nextWanted = sequence + 1;
    }

    /** Counts a {@code gap} by reason (only the part not already received) and moves past it. */
    public synchronized void gap(Message.Gap gap) {
        long from = Math.max(gap.from(), nextWanted);
        long missed = Math.max(0, gap.to() - from);
        if (gap.reason() == GapReason.SLOW_CLIENT) {
            missedSlowClient += missed;
        } else {
            missedEvicted += missed;
        }
        if (gap.from() > nextWanted && nextWanted >= 0 && !holesExpected) {
            missedUnannounced += gap.from() - nextWanted;
        }
        nextWanted = Math.max(nextWanted, gap.to());
    }

    public void agentStatistics(Message.Stats stats) {
        agentStatistics = stats;
    }

    /** No more packets are published from now on (the connection is closed). */
    public void stop() {
        stopped = true;
    }

    /** The next agent sequence number wanted, -1 before the first welcome. */
    public synchronized long nextWanted() {
        return nextWanted;
    }

    public synchronized ConnectionStatistics statistics() {
        return new ConnectionStatistics(packets, bytes, lastSequence, missedEvicted, missedSlowClient,
                missedUnannounced, duplicates, connections, agentRestarts, agentStatistics);
    }
}
