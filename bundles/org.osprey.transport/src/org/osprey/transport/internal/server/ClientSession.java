package org.osprey.transport.internal.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.ErrorCode;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, as Jetty sees it: reads and checks what the client sends, in order (Jetty delivers one
 * message at a time per connection), and hands everything to be written to its {@link ClientSender}.
 * <p>
 * States: waiting for {@code hello} (every error fatal), then authenticated (errors fatal only where
 * docs/protocol.md says so), then closed. Nothing the client sends is logged as it came: logs name the peer address,
 * the client's self-description and error codes, never the token or other message text.
 */
public final class ClientSession implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    static final List<String> CAPABILITIES = List.of("filter", "resume", "binary", "stats", "alerts");

    private enum State {
        AWAITING_HELLO, AUTHENTICATED, CLOSED
    }

    private final ServerContext context;
    private final long id;
    private volatile State state = State.AWAITING_HELLO;
    private volatile boolean authenticated;
    private volatile Session session;
    private volatile ClientSender sender;
    private volatile String peer = "?";
    private volatile String clientName;
    private volatile ScheduledFuture<?> helloTimeout;
    private ControlRateLimiter controlLimiter;
    private int rejectedForRate;

    public ClientSession(ServerContext context) {
        this.context = context;
        this.id = context.connectionIds().incrementAndGet();
    }

    @Override
    public void onWebSocketOpen(Session openedSession) {
        session = openedSession;
        peer = address(openedSession.getRemoteSocketAddress());
        context.sessions().add(this);
        ClientSender newSender = new ClientSender(openedSession, peer, context.stream(), context.captureCounters(),
                context.config());
        sender = newSender;
        newSender.start("osprey-client-" + id);
        controlLimiter = new ControlRateLimiter(context.config().controlBurst(), context.config().controlPerSecond(),
                System.nanoTime());
        helloTimeout = context.timers().schedule(this::helloTimedOut, context.config().helloTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.debug("Connection {} from {} opened", id, peer);
    }

    @Override
    public void onWebSocketText(String text) {
        if (state == State.CLOSED) {
            return;
        }
        boolean afterWelcome = state == State.AUTHENTICATED;
        if (afterWelcome && !controlLimiter.tryAcquire(System.nanoTime())) {
            rejectedForRate++;
            boolean fatal = rejectedForRate >= context.config().maxRejectedControl();
            fail(ErrorCode.RATE_LIMITED, fatal ? "too many control messages; closing the connection"
                    : "too many control messages; this one was not processed (limit "
                            + context.config().controlPerSecond() + " per second)", null, fatal);
            return;
        }
        Message message;
        try {
            message = JsonCodec.decode(text);
        } catch (ProtocolException e) {
            fail(e.code(), e.getMessage(), null, !afterWelcome);
            return;
        }
        if (!afterWelcome) {
            if (message instanceof Message.Hello hello) {
                hello(hello);
            } else {
                fail(ErrorCode.NOT_AUTHENTICATED, "the first message must be hello, not " + message.type(), null, true);
            }
            return;
        }
        switch (message) {
        case Message.Subscribe subscribe -> subscribe(subscribe);
        case Message.SetFilter setFilter -> {
            DisplayFilter filter = compile(setFilter.filter());
            if (filter != null) {
                sender.setFilter(filter);
            }
        }
        case Message.Ping ping -> sender.send(new Message.Pong(ping.id()));
        case Message.Hello hello -> fail(ErrorCode.BAD_MESSAGE, "already authenticated; hello is sent once", null, false);
        default -> fail(ErrorCode.BAD_MESSAGE, message.type() + " is sent by the agent, not by clients", null, false);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        if (state != State.CLOSED) {
            fail(ErrorCode.BAD_MESSAGE, "clients send text frames only", null, state != State.AUTHENTICATED);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (cause instanceof MessageTooLargeException) {
            LOG.info("Connection {} from {}: message too large, closed ({})", id, peer, cause.getMessage());
        } else {
            LOG.debug("Connection {} from {}: {}", id, peer, cause.toString());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        callback.succeed();
        state = State.CLOSED;
        if (helloTimeout != null) {
            helloTimeout.cancel(false);
        }
        ClientSender current = sender;
        if (current != null) {
            current.stop();
        }
        context.sessions().remove(this);
        if (authenticated) {
            LOG.info("Client {} ({}) disconnected: {} {}; {} packets sent, {} lost to gaps", id, peer, statusCode,
                    reason == null ? "" : reason, current == null ? 0 : current.packetsSent(),
                    current == null ? 0 : current.clientDrops());
        } else {
            LOG.debug("Connection {} from {} closed before authentication: {}", id, peer, statusCode);
        }
    }

    // ------------------------------------------------------------------ messages

    private void hello(Message.Hello hello) {
        AuthFailureLimiter limiter = context.authLimiter();
        String address = hostOf(session.getRemoteSocketAddress());
        if (limiter.isBlocked(address)) {
            LOG.warn("Refused client at {}: too many failed logins from this address", peer);
            fail(ErrorCode.RATE_LIMITED, "too many failed logins from your address; try again later", null, true);
            return;
        }
        if (!context.token().matches(hello.token())) {
            int failures = limiter.recordFailure(address);
            LOG.warn("Refused client at {}: {} token ({} of {} failures allowed per minute)", peer,
                    hello.token() == null ? "no" : "wrong", failures, limiter.maxFailures());
            fail(ErrorCode.UNAUTHORIZED, hello.token() == null ? "a token is required" : "wrong token", null, true);
            return;
        }
        if (!hello.versions().contains(Message.PROTOCOL_VERSION)) {
            fail(ErrorCode.UNSUPPORTED_VERSION, "this agent speaks protocol version " + Message.PROTOCOL_VERSION
                    + ", the client offered " + hello.versions(), null, true);
            return;
        }
        if (hello.encodings().isEmpty()) {
            fail(ErrorCode.UNSUPPORTED_ENCODING, "this agent sends packets as binary or json", null, true);
            return;
        }
        Encoding encoding = hello.encodings().get(0);
        synchronized (this) {
            if (state != State.AWAITING_HELLO) {
                return; // the hello timeout won the race
            }
            helloTimeout.cancel(false);
            state = State.AUTHENTICATED;
            authenticated = true;
        }
        clientName = hello.client();
        sender.useEncoding(encoding);
        sender.send(new Message.Welcome(Message.PROTOCOL_VERSION, context.config().agentId(), context.config().streamId(),
                context.config().agentVersion(), encoding, context.config().linkTypes(), CAPABILITIES,
                context.stream().oldestSequence(), context.stream().nextSequence()));
        LOG.info("Client {} ({}, {}) authenticated, {} encoding", id, peer, clientName == null ? "unnamed" : printable(clientName),
                encoding.wireName());
    }

    private void subscribe(Message.Subscribe subscribe) {
        if (subscribe.filter() != null) {
            DisplayFilter filter = compile(subscribe.filter());
            if (filter == null) {
                return;
            }
            sender.setFilter(filter);
        }
        sender.subscribe(subscribe.channels(), subscribe.resumeFrom());
    }

    /** The compiled filter, or {@code null} after telling the client why it does not compile. */
    private DisplayFilter compile(String text) {
        try {
            return DisplayFilter.compile(text);
        } catch (FilterSyntaxException e) {
            fail(ErrorCode.BAD_FILTER, e.getMessage(), e.position(), false);
            return null;
        }
    }

    private synchronized void helloTimedOut() {
        if (state == State.AWAITING_HELLO) {
            fail(ErrorCode.HELLO_TIMEOUT, "no hello within " + context.config().helloTimeout().toSeconds() + " s", null,
                    true);
        }
    }

    /** Sends an error; a fatal one closes the connection after it (policy violation). */
    private synchronized void fail(ErrorCode code, String message, Integer position, boolean fatal) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.debug("Connection {} from {}: error {}{}", id, peer, code.wireName(), fatal ? " (closing)" : "");
        sender.send(new Message.Error(code, message, position, fatal));
        if (fatal) {
            state = State.CLOSED;
            sender.closeAfterQueued(StatusCode.POLICY_VIOLATION, code.wireName());
        }
    }

    /** Sends an alert of the agent's detection, if this client subscribed to the alerts channel. */
    public void alert(Message.Alert alert) {
        ClientSender current = sender;
        if (current != null && state == State.AUTHENTICATED) {
            current.alert(alert);
        }
    }

    /** Closes the connection because the agent stops. */
    public void closeForShutdown() {
        ClientSender current = sender;
        if (current != null) {
            state = State.CLOSED;
            current.closeAfterQueued(StatusCode.SHUTDOWN, "agent stopping");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    private static String hostOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    /** A client-chosen name for the log: printable ASCII, short. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 60; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
