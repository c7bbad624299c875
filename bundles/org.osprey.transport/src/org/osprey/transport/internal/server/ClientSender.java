package org.osprey.transport.internal.server;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.PacketStream;
import org.osprey.stream.StreamStatistics;
import org.osprey.transport.protocol.BinaryPacketBatch;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.GapReason;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.JsonPacketBatch;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketBatchEncoder;
import org.osprey.transport.server.CaptureCounters;
import org.osprey.transport.server.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to one client's connection: control messages queued by the inbound side, and packets
 * pulled from the agent's {@link PacketStream} ring by this client's own cursor.
 * <p>
 * <b>Why pull.</b> The ring already holds every packet the agent could resend; a cursor per client makes the resume
 * backlog and the live stream one code path, costs the publisher nothing (capture never waits for, or even knows
 * about, clients) and bounds each client's memory by the ring alone. A client that falls behind only moves its own
 * cursor: when it lags more than its bound it is skipped ahead and told with a {@code slow-client} gap.
 * <p>
 * <b>Batching.</b> Packets that pass the client's filter go into a batch that is sent when full (packet count or
 * size) or when its first packet has waited the flush delay. Two batch buffers alternate, so one can be encoded while
 * Jetty writes the other; a buffer is reused only after Jetty reported its send complete. So at most two batches per
 * client are in flight, and a client that stops reading stops its own sender and nobody else.
 * <p>
 * <b>Order.</b> Everything this client receives is written by this thread, so gaps, packets, stats and replies leave
 * in the order they were decided.
 */
final class ClientSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSender.class);
    private static final long IDLE_PARK_NANOS = 50_000_000L;
    private static final long POLL_PARK_NANOS = 1_000_000L;
    /** After this many empty polls in a row (about 0.2 s without traffic) the ring is polled every 5 ms only. */
    private static final int QUIET_POLLS = 200;
    private static final long QUIET_POLL_PARK_NANOS = 5_000_000L;
    private static final int READ_CHUNK = 1024;
    private static final long CLOSE_GRACE_NANOS = 2_000_000_000L;
    private static final long DRAINED_FLUSH_NANOS = 2_000_000L;

    /** A subscribe that the sender applies at its next turn (cursor moves happen on the sender thread only). */
    record SubscribeRequest(List<Channel> channels, Long resumeFrom) {
    }

    /** Completion of one batch's write; the batch buffer is reusable once {@link #pending} is false. */
    private final class SendSlot implements Callback {
        volatile boolean pending;

        @Override
        public void succeed() {
            pending = false;
            LockSupport.unpark(thread);
        }

        @Override
        public void fail(Throwable failure) {
            pending = false;
            LOG.info("Sending to {} failed: {}", peer, failure.toString());
            stop();
        }
    }

    private final Session session;
    private final String peer;
    private final PacketStream stream;
    private final CaptureCounters captureCounters;
    private final ServerConfig config;
    /** Messages to send and subscribe requests to apply, in the order the inbound side decided them. */
    private final Queue<Object> control = new ConcurrentLinkedQueue<>();
    private final PacketSummary[] readBuffer = new PacketSummary[READ_CHUNK];
    private final AtomicInteger textsInFlight = new AtomicInteger();
    /** Messages in {@link #control} not yet handed to Jetty. */
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final long flushNanos;
    private final long statsNanos;

    private volatile Thread thread;
    private volatile boolean running = true;
    private volatile DisplayFilter filter;
    private volatile Encoding encoding = Encoding.JSON;
    private volatile int closeCode;
    private volatile String closeReason;
    /** Packets this client lost (the sum of its gaps); read by stats and by the server's status. */
    private volatile long clientDrops;
    private volatile long packetsSent;
    /** Set by the sender thread when a subscribe names the alerts channel; read by the detection thread. */
    private volatile boolean alertsOn;
    private final AtomicLong alertsDropped = new AtomicLong();

    // sender thread only
    private PacketBatchEncoder[] batches;
    private SendSlot[] slots;
    private int current;
    private long batchStartNanos;
    private boolean packetsOn;
    private boolean statsOn;
    private long cursor;
    private boolean caughtUp;
    private boolean firstReadAfterResume;
    private long nextStatsNanos;
    private int emptyPolls;

    ClientSender(Session session, String peer, PacketStream stream, CaptureCounters captureCounters, ServerConfig config) {
        this.session = session;
        this.peer = peer;
        this.stream = stream;
        this.captureCounters = captureCounters;
        this.config = config;
        this.flushNanos = config.flushDelay().toNanos();
        this.statsNanos = config.statsInterval().toNanos();
    }

    void start(String name) {
        thread = Thread.ofVirtual().name(name).unstarted(this);
        thread.start();
    }

    // ------------------------------------------------------------------ called from other threads

    /** Queues a control message (sent before any later packets). */
    void send(Message message) {
        if (queuedMessages.incrementAndGet() + textsInFlight.get() > config.maxQueuedReplies()) {
            // it keeps sending but does not read what we answer: no close frame would be read either
            LOG.info("Disconnecting {}: {} replies unread", peer, config.maxQueuedReplies());
            stop();
            session.disconnect();
            return;
        }
        control.add(message);
        LockSupport.unpark(thread);
    }

    /**
     * Queues an alert if this client subscribed to alerts. A client that leaves too much unread loses alerts (counted
     * and logged), never the connection: alerts come from the agent, not from anything the client asked.
     */
    void alert(Message.Alert alert) {
        if (!alertsOn) {
            return;
        }
        if (queuedMessages.get() + textsInFlight.get() >= config.maxQueuedReplies()) {
            if (alertsDropped.getAndIncrement() == 0) {
                LOG.info("{} reads too slowly: dropping alerts for it (counted)", peer);
            }
            return;
        }
        queuedMessages.incrementAndGet();
        control.add(alert);
        LockSupport.unpark(thread);
    }

    /** Sends what is queued, then closes the connection with this status. */
    void closeAfterQueued(int code, String reason) {
        closeReason = reason;
        closeCode = code;
        LockSupport.unpark(thread);
    }

    /** Chooses the packet encoding; called once, before the first subscribe. */
    void useEncoding(Encoding value) {
        encoding = value;
    }

    /** Applies a subscribe after the messages queued before it (so a later pong proves it was applied). */
    void subscribe(List<Channel> channels, Long resumeFrom) {
        control.add(new SubscribeRequest(channels, resumeFrom));
        LockSupport.unpark(thread);
    }

    void setFilter(DisplayFilter value) {
        filter = value == null || value.isEmpty() ? null : value;
    }

    /** Ends the thread soon, without writing anything more (the connection is gone). */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    long clientDrops() {
        return clientDrops;
    }

    long packetsSent() {
        return packetsSent;
    }

    // ------------------------------------------------------------------ the sender thread

    @Override
    public void run() {
        try {
            while (running) {
                boolean worked = drainControl();
                if (closeCode != 0) {
                    close();
                    return;
                }
                long now = System.nanoTime();
                if (packetsOn) {
                    worked |= pumpPackets(now);
                }
                if (statsOn && now - nextStatsNanos >= 0) {
                    sendStats();
                    nextStatsNanos = now + statsNanos;
                }
                if (worked) {
                    emptyPolls = 0;
                } else if (running) {
                    LockSupport.parkNanos(this, !packetsOn ? IDLE_PARK_NANOS
                            : ++emptyPolls < QUIET_POLLS ? POLL_PARK_NANOS : QUIET_POLL_PARK_NANOS);
                }
            }
        } catch (RuntimeException | java.lang.Error e) {
            LOG.error("Sending to {} failed; closing the connection", peer, e);
            session.close(1011, "internal error", Callback.NOOP);
        }
    }

    private boolean drainControl() {
        boolean any = false;
        for (Object next; (next = control.poll()) != null;) {
            switch (next) {
            case Message message -> {
                queuedMessages.decrementAndGet();
                sendText(JsonCodec.encode(message));
            }
            case SubscribeRequest request -> applySubscribe(request);
            default -> throw new IllegalStateException("unexpected " + next);
            }
            any = true;
        }
        return any;
    }

    private void close() {
        drainControl(); // what was queued before the close request (a fatal error) goes out first
        // let the messages reach the socket before the close frame, so that the client reads why it is closed
        long deadline = System.nanoTime() + CLOSE_GRACE_NANOS;
        while (textsInFlight.get() > 0 && running && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(this, POLL_PARK_NANOS);
        }
        running = false;
        session.close(closeCode, closeReason, Callback.NOOP);
    }

    private void applySubscribe(SubscribeRequest request) {
        if (batches == null) {
            batches = new PacketBatchEncoder[] { PacketBatchEncoder.of(encoding, config.batchMaxPackets()),
                    PacketBatchEncoder.of(encoding, config.batchMaxPackets()) };
            slots = new SendSlot[] { new SendSlot(), new SendSlot() };
        }
        boolean wasOn = packetsOn;
        packetsOn = request.channels().contains(Channel.PACKETS);
        if (wasOn && !packetsOn) {
            flushBatch(); // what passed before the unsubscribe still goes out
        }
        statsOn = request.channels().contains(Channel.STATS);
        alertsOn = request.channels().contains(Channel.ALERTS);
        if (request.resumeFrom() != null) {
            flushBatch();
            long next = stream.nextSequence();
            cursor = Math.min(request.resumeFrom(), next);
            caughtUp = false;
            firstReadAfterResume = true;
        } else if (!wasOn) {
            cursor = stream.nextSequence();
            caughtUp = true;
            firstReadAfterResume = false;
        }
        nextStatsNanos = System.nanoTime();
    }

    /** One read from the ring; returns whether there was anything to do. */
    private boolean pumpPackets(long now) {
        long head = stream.nextSequence();
        long maxLag = Math.min(config.maxClientLag(), Math.max(1, stream.ringCapacity() * 3L / 4));
        if (caughtUp && head - cursor > maxLag) {
            flushBatch();
            gap(cursor, head, GapReason.SLOW_CLIENT);
            cursor = head;
        }
        int count = stream.read(cursor, readBuffer);
        if (count == 0) {
            flushIfDue(now, true);
            return false;
        }
        long first = readBuffer[0].sequence();
        if (first > cursor) {
            flushBatch();
            gap(cursor, first, firstReadAfterResume ? GapReason.EVICTED : GapReason.SLOW_CLIENT);
        }
        firstReadAfterResume = false;
        DisplayFilter active = filter;
        PacketBatchEncoder batch = batches[current];
        for (int i = 0; i < count; i++) {
            PacketSummary packet = readBuffer[i];
            readBuffer[i] = null;
            cursor = packet.sequence() + 1;
            if (active != null && !active.matches(packet)) {
                continue;
            }
            if (batch.isEmpty()) {
                batchStartNanos = now;
            }
            if (!batch.add(packet)) {
                flushBatch();
                batch = batches[current];
                batchStartNanos = now;
                batch.add(packet);
            }
        }
        long behind = stream.nextSequence() - cursor;
        if (behind <= READ_CHUNK) {
            caughtUp = true;
        }
        flushIfDue(System.nanoTime(), behind == 0);
        return true;
    }

    /**
     * Sends a partly filled batch once its first packet has waited the flush delay, or sooner ({@value
     * #DRAINED_FLUSH_NANOS} ns) when this client has read everything published: at low rates waiting longer would
     * add latency without making batches any fuller, at high rates batches fill up before either delay.
     */
    private void flushIfDue(long now, boolean drained) {
        long delay = drained ? Math.min(flushNanos, DRAINED_FLUSH_NANOS) : flushNanos;
        if (!batches[current].isEmpty() && now - batchStartNanos >= delay) {
            flushBatch();
        }
    }

    /** Sends the current batch (if any) and makes the other buffer current once its previous send completed. */
    private void flushBatch() {
        if (batches == null) {
            return;
        }
        PacketBatchEncoder batch = batches[current];
        if (batch.isEmpty()) {
            return;
        }
        SendSlot slot = slots[current];
        slot.pending = true;
        int count = batch.count();
        switch (batch) {
        case JsonPacketBatch json -> session.sendText(json.finish(), slot);
        case BinaryPacketBatch binary -> session.sendBinary(binary.finish(), slot);
        }
        packetsSent += count;
        current ^= 1;
        SendSlot next = slots[current];
        while (next.pending && running) {
            LockSupport.parkNanos(this, 10_000_000L);
        }
        batches[current].reset();
    }

    private void gap(long from, long to, GapReason reason) {
        clientDrops += to - from;
        sendText(JsonCodec.encode(new Message.Gap(from, to, reason)));
    }

    private void sendStats() {
        StreamStatistics statistics = stream.statistics();
        sendText(JsonCodec.encode(new Message.Stats(statistics.packets(), statistics.bytes(),
                statistics.packetsPerSecond(), statistics.bytesPerSecond(),
                new Message.Drops(captureCounters.kernelDrops(), captureCounters.agentQueueDrops(),
                        statistics.ringEvicted(), clientDrops))));
    }

    private void sendText(String text) {
        textsInFlight.incrementAndGet();
        session.sendText(text, Callback.from(textsInFlight::decrementAndGet, failure -> {
            textsInFlight.decrementAndGet();
            LOG.info("Sending to {} failed: {}", peer, failure.toString());
            stop();
        }));
    }
}
