package org.osprey.transport.internal.client;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.osprey.transport.client.ConnectionSettings;
import org.osprey.transport.protocol.ErrorCode;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the agent (one attempt of an {@link org.osprey.transport.client.AgentConnection}): sends
 * {@code hello}, answers the {@code welcome} with {@code subscribe}, hands packet batches, gaps and stats to the
 * {@link PacketReceiver} on the network thread, and reports the welcome, agent errors and the end of the connection
 * to {@link Events} (which the connection moves to its event thread).
 * <p>
 * A message that breaks the protocol (a malformed batch, packets before the welcome) closes the connection with
 * status 1002 instead of being skipped: the reconnection then resumes from the last good packet, so nothing is lost
 * without notice. Jetty delivers one message at a time per session (auto-demand), so the handlers below never run
 * concurrently with each other; sends are serialized on the session object because other threads (ping, setFilter)
 * send too.
 */
public final class AgentSession implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
    private static final String PACKETS_PREFIX = "{\"type\":\"packets\"";

    /** What the connection hears from a session. Called on network threads; implementations hand over and return. */
    public interface Events {
        void welcomed(AgentSession session, Message.Welcome welcome, PacketReceiver.Resume resume);

        void agentError(AgentSession session, Message.Error error);

        /** The agent's detection raised an alert (the alerts channel). */
        void alert(AgentSession session, Message.Alert alert);

        /** Called once per session: it is over, for the reason given in words (and the exception, if any). */
        void ended(AgentSession session, String why, Throwable cause);
    }

    private final ConnectionSettings settings;
    private final PacketReceiver receiver;
    private final Events events;
    private final Supplier<String> filter;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Session session;
    private volatile boolean welcomed;
    private volatile boolean aborted;
    private volatile Message.Error fatalError;
    /** When the agent was last heard from (any message): silence means a dead link, however quiet TCP is about it. */
    private volatile long lastHeardNanos = System.nanoTime();

    /** @param filter the server-side filter in force (read when subscribing), {@code null} for every packet */
    public AgentSession(ConnectionSettings settings, PacketReceiver receiver, Supplier<String> filter, Events events) {
        this.settings = settings;
        this.receiver = receiver;
        this.filter = filter;
        this.events = events;
    }

    /** Whether the agent welcomed this session. */
    public boolean isWelcomed() {
        return welcomed;
    }

    /** The fatal error the agent sent before closing, or {@code null}. */
    public Message.Error fatalError() {
        return fatalError;
    }

    /** How long the agent has said nothing, in nanoseconds. */
    public long silenceNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        lastHeardNanos = System.nanoTime();
        if (aborted) {
            opened.disconnect();
            return;
        }
        send(new Message.Hello(List.of(Message.PROTOCOL_VERSION), settings.token(), settings.encodings(),
                settings.clientName()));
    }

    @Override
    public void onWebSocketText(String text) {
        lastHeardNanos = System.nanoTime();
        if (text.startsWith(PACKETS_PREFIX)) {
            // the hot path: the agent writes "type" first, so batches go straight to the streaming decoder; any other
            // spelling of a packets message still works through JsonCodec below
            if (requireWelcome("packets")) {
                try {
                    receiver.jsonBatch(text);
                } catch (ProtocolException e) {
                    violation("malformed packet batch from the agent: " + e.getMessage());
                }
            }
            return;
        }
        Message message;
        try {
            message = JsonCodec.decode(text);
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.UNKNOWN_TYPE) {
                LOG.debug("ignoring a message of a type this client does not know: {}", e.getMessage());
                return;
            }
            violation("malformed message from the agent: " + e.getMessage());
            return;
        }
        switch (message) {
        case Message.Welcome welcome -> welcome(welcome);
        case Message.Packets packets -> {
            if (requireWelcome("packets")) {
                receiver.jsonBatch(packets);
            }
        }
        case Message.Gap gap -> {
            if (requireWelcome("gap")) {
                receiver.gap(gap);
            }
        }
        case Message.Stats stats -> receiver.agentStatistics(stats);
        case Message.Error error -> {
            if (error.fatal()) {
                fatalError = error;
            }
            events.agentError(this, error);
        }
        case Message.Pong pong -> {
            // keep-alive answered; the traffic itself keeps the idle timeout away
        }
        case Message.Alert alert -> {
            if (requireWelcome("alert")) {
                events.alert(this, alert);
            }
        }
        default -> violation("unexpected '" + message.type() + "' message from the agent");
        }
    }

    private void welcome(Message.Welcome welcome) {
        if (welcomed) {
            violation("a second welcome");
            return;
        }
        if (!settings.encodings().contains(welcome.encoding())) {
            violation("the agent chose encoding " + welcome.encoding().wireName() + ", which was not offered");
            return;
        }
        PacketReceiver.Resume resume;
        synchronized (this) {
            // with changeFilter under the same lock: a filter set meanwhile is either in this subscribe or sent after it
            welcomed = true;
            String subscribed = filter.get();
            resume = receiver.welcomed(welcome, settings.start(), subscribed != null);
            send(new Message.Subscribe(settings.channels(), subscribed, resume.resumeFrom()));
        }
        events.welcomed(this, welcome, resume);
    }

    private boolean requireWelcome(String what) {
        if (!welcomed) {
            violation(what + " before welcome");
        }
        return welcomed;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        lastHeardNanos = System.nanoTime();
        try {
            if (requireWelcome("a packet batch")) {
                receiver.binaryBatch(payload);
            }
        } catch (ProtocolException e) {
            violation("malformed packet batch from the agent: " + e.getMessage());
        } finally {
            callback.succeed();
        }
    }

    /** The agent broke the protocol: close, so that the reconnection resumes from the last good packet. */
    private void violation(String problem) {
        LOG.warn("{}: {}; closing to resume from the last good packet", settings.agent(), problem);
        Session current = session;
        if (current != null) {
            current.close(StatusCode.PROTOCOL, truncate(problem), Callback.NOOP);
        }
        end("protocol violation: " + problem, null);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        Message.Error fatal = fatalError;
        String why = fatal != null ? "agent refused: " + fatal.code() + ": " + fatal.message()
                : "closed by the agent (status " + statusCode + (reason == null || reason.isEmpty() ? "" : ", " + reason)
                        + ")";
        end(why, null);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end(describe(cause), cause);
    }

    /** The connection could not be opened (TCP, TLS, upgrade). */
    public void connectFailed(Throwable cause) {
        end(describe(cause), cause);
    }

    private void end(String why, Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            events.ended(this, why, cause);
        }
    }

    /**
     * Sends a live filter change (blank means every packet) if the subscription was made already; otherwise the
     * coming subscribe reads the new filter itself. Call after the filter source returns the new filter.
     */
    public synchronized void changeFilter(String newFilter) {
        if (welcomed) {
            send(new Message.SetFilter(newFilter == null ? "" : newFilter));
        }
    }

    public void ping(long id) {
        send(new Message.Ping(id));
    }

    /** Closes normally (the agent sees status 1000). */
    public void close(String reason) {
        aborted = true;
        Session current = session;
        if (current != null && current.isOpen()) {
            current.close(StatusCode.NORMAL, reason, Callback.NOOP);
        }
    }

    /** Drops the connection without a close handshake (the attempt took too long). */
    public void abort() {
        aborted = true;
        Session current = session;
        if (current != null) {
            current.disconnect();
        }
    }

    private void send(Message message) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        String text = JsonCodec.encode(message);
        synchronized (this) {
            current.sendText(text, Callback.from(() -> {
            }, failure -> LOG.debug("{}: sending {} failed: {}", settings.agent(), message.type(), failure.toString())));
        }
    }

    /** A failure in words, with the root cause (the TLS stack wraps what matters several levels deep). */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String truncate(String reason) {
        // a close reason must fit in a control frame (123 bytes of UTF-8)
        return reason.length() > 100 ? reason.substring(0, 100) : reason;
    }
}
