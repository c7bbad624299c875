package org.osprey.capture.internal.generator;

import java.util.List;

/**
 * A whole TCP connection: three-way handshake, a list of request/response exchanges, and an orderly close. The
 * client sends each request in one segment; the server answers in segments of at most {@link Frames#MSS} bytes, and
 * the client acknowledges every second segment and the last one, like a delayed-ACK stack.
 */
final class TcpConversation extends Scenario {

    /**
     * One request and its response, each a head (the protocol text a detector reads) followed by filler up to its
     * length.
     *
     * @param requestHead the start of what the client sends (empty, with length 0, when the server speaks first)
     * @param requestLength what the client sends in all (at most one segment)
     * @param responseHead the start of the server's answer (empty, with length 0, for none)
     * @param responseLength the whole answer's length
     * @param filler the bytes after the heads (text or random-looking)
     */
    record Exchange(byte[] requestHead, int requestLength, byte[] responseHead, int responseLength, byte[] filler) {

        Exchange {
            requestLength = Math.min(Frames.MSS, Math.max(requestLength, requestHead.length));
            responseLength = Math.max(responseLength, responseHead.length);
        }

        /** A text request and a text response, exactly these bytes. */
        static Exchange text(String request, String response) {
            return new Exchange(Payloads.ascii(request), 0, Payloads.ascii(response), 0, Payloads.TEXT);
        }
    }

    private enum Phase { SYN, SYN_ACK, ACK, REQUEST, RESPONSE, CLOSE_FIN, CLOSE_FIN_REPLY, CLOSE_ACK, DONE }

    private final Flow flow;
    private final List<Exchange> exchanges;
    private final boolean serverCloses;
    private Phase phase = Phase.SYN;
    private int exchange;
    private int responseSent;
    private int unacknowledgedSegments;

    TcpConversation(Flow flow, List<Exchange> exchanges, boolean serverCloses) {
        this.flow = flow;
        this.exchanges = exchanges;
        this.serverCloses = serverCloses;
    }

    @Override
    byte[] next() {
        while (true) {
            switch (phase) {
                case SYN -> {
                    phase = Phase.SYN_ACK;
                    return flow.control(true, Tcp.SYN);
                }
                case SYN_ACK -> {
                    phase = Phase.ACK;
                    return flow.control(false, Tcp.SYN | Tcp.ACK);
                }
                case ACK -> {
                    phase = Phase.REQUEST;
                    return flow.control(true, Tcp.ACK);
                }
                case REQUEST -> {
                    if (exchange == exchanges.size()) {
                        phase = Phase.CLOSE_FIN;
                        continue;
                    }
                    phase = Phase.RESPONSE;
                    responseSent = 0;
                    unacknowledgedSegments = 0;
                    Exchange e = exchanges.get(exchange);
                    if (e.requestLength() > 0) {
                        return data(true, e.requestHead(), e.filler(), 0, e.requestLength());
                    }
                }
                case RESPONSE -> {
                    Exchange e = exchanges.get(exchange);
                    if (e.responseLength() == 0) {
                        exchange++;
                        phase = Phase.REQUEST;
                        if (e.requestLength() > 0) {
                            return flow.control(false, Tcp.ACK);
                        }
                        continue;
                    }
                    boolean complete = responseSent == e.responseLength();
                    if (unacknowledgedSegments == 2 || (complete && unacknowledgedSegments > 0)) {
                        unacknowledgedSegments = 0;
                        if (complete) {
                            exchange++;
                            phase = Phase.REQUEST;
                        }
                        return flow.control(true, Tcp.ACK);
                    }
                    int length = Math.min(Frames.MSS, e.responseLength() - responseSent);
                    byte[] f = data(false, e.responseHead(), e.filler(), responseSent, length);
                    responseSent += length;
                    unacknowledgedSegments++;
                    return f;
                }
                case CLOSE_FIN -> {
                    phase = Phase.CLOSE_FIN_REPLY;
                    return flow.control(!serverCloses, Tcp.FIN | Tcp.ACK);
                }
                case CLOSE_FIN_REPLY -> {
                    phase = Phase.CLOSE_ACK;
                    return flow.control(serverCloses, Tcp.FIN | Tcp.ACK);
                }
                case CLOSE_ACK -> {
                    phase = Phase.DONE;
                    return flow.control(!serverCloses, Tcp.ACK);
                }
                case DONE -> {
                    return null;
                }
            }
        }
    }

    private byte[] data(boolean fromClient, byte[] head, byte[] filler, int from, int length) {
        byte[] f = flow.segment(fromClient, Tcp.PSH | Tcp.ACK, length);
        Payloads.copy(head, filler, from, f, Frames.payloadOffset(f), length);
        return Frames.seal(f);
    }
}
