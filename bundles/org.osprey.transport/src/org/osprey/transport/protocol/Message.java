package org.osprey.transport.protocol;

import java.util.List;

/**
 * Every message of wire protocol version {@value #PROTOCOL_VERSION}, as a value. {@link JsonCodec} turns them into
 * JSON text and back; packet batches in the binary encoding go through {@link BinaryCodec} instead. The full contract
 * (fields, order, errors, binary layout) is docs/protocol.md.
 * <p>
 * Optional fields are {@code null} when absent. Lists are never {@code null}.
 */
public sealed interface Message {

    /** The protocol version this code speaks. */
    int PROTOCOL_VERSION = 1;
    /** Path of the WebSocket endpoint: {@code wss://host:port/osprey}. */
    String ENDPOINT_PATH = "/osprey";
    /** Largest message (text or binary) the agent accepts from a client, in bytes. */
    int MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

    /** The {@code type} field's value. */
    String type();

    // ------------------------------------------------------------------ client -> agent

    /**
     * First message of a connection.
     *
     * @param versions protocol versions the client speaks
     * @param token the agent's access token
     * @param encodings packet encodings the client accepts, preferred first ({@code null} entries are not allowed)
     * @param client free-form client name and version, for the agent's log (may be {@code null})
     */
    record Hello(List<Integer> versions, String token, List<Encoding> encodings, String client) implements Message {
        public Hello {
            versions = List.copyOf(versions);
            encodings = List.copyOf(encodings);
        }

        @Override
        public String type() {
            return "hello";
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Hello[versions=" + versions + ", encodings=" + encodings + ", client=" + client + "]";
        }
    }

    /**
     * What the client wants to receive. A new {@code subscribe} replaces the previous one.
     *
     * @param channels what to send
     * @param filter display-filter text for packets, or {@code null} for all packets
     * @param resumeFrom the next agent sequence number the client wants, or {@code null} for live from now
     */
    record Subscribe(List<Channel> channels, String filter, Long resumeFrom) implements Message {
        public Subscribe {
            channels = List.copyOf(channels);
        }

        @Override
        public String type() {
            return "subscribe";
        }
    }

    /** Replaces the packet filter live; blank text means all packets. */
    record SetFilter(String filter) implements Message {
        @Override
        public String type() {
            return "setFilter";
        }
    }

    record Ping(long id) implements Message {
        @Override
        public String type() {
            return "ping";
        }
    }

    // ------------------------------------------------------------------ agent -> client

    /**
     * The agent's answer to a good {@code hello}.
     *
     * @param agentId names the agent (stable across restarts)
     * @param streamId names the agent's sequence space: it changes when the agent process restarts and numbering
     *        starts again, so a client that kept a sequence number from another {@code streamId} must not resume from it
     * @param oldestSeq the oldest sequence number the replay ring holds
     * @param nextSeq the sequence number the next captured packet will get
     */
    record Welcome(int version, String agentId, String streamId, String agentVersion, Encoding encoding,
            List<Integer> linkTypes, List<String> capabilities, long oldestSeq, long nextSeq) implements Message {
        public Welcome {
            linkTypes = List.copyOf(linkTypes);
            capabilities = List.copyOf(capabilities);
        }

        @Override
        public String type() {
            return "welcome";
        }
    }

    /** A batch of packets in the JSON encoding, in sequence order ({@code first} is the first record's sequence). */
    record Packets(long first, List<PacketRecord> records) implements Message {
        public Packets {
            records = List.copyOf(records);
        }

        @Override
        public String type() {
            return "packets";
        }
    }

    /** Where packets were lost before reaching this client, by cause. */
    record Drops(long kernel, long agentQueue, long ring, long client) {
    }

    /** The agent's counters, about once a second. */
    record Stats(long packets, long bytes, double pps, double bps, Drops drops) implements Message {
        @Override
        public String type() {
            return "stats";
        }
    }

    /** Sequence numbers {@code [from, to)} that this client will never receive, and why. */
    record Gap(long from, long to, GapReason reason) implements Message {
        @Override
        public String type() {
            return "gap";
        }

        public long count() {
            return to - from;
        }
    }

    /** Reserved for detection; carries the alert object's JSON text as it came. */
    record Alert(String json) implements Message {
        @Override
        public String type() {
            return "alert";
        }
    }

    /**
     * Something went wrong. When {@code fatal}, the agent closes the connection after this message.
     *
     * @param code the error code as written on the wire (a code this version does not know is kept as it came)
     * @param position offset in the offending text (filters), or {@code null}
     */
    record Error(String code, String message, Integer position, boolean fatal) implements Message {
        public Error(ErrorCode code, String message, Integer position, boolean fatal) {
            this(code.wireName(), message, position, fatal);
        }

        @Override
        public String type() {
            return "error";
        }

        /** The code, or {@code null} when this version does not know it. */
        public ErrorCode errorCode() {
            return ErrorCode.fromWireName(code);
        }
    }

    record Pong(long id) implements Message {
        @Override
        public String type() {
            return "pong";
        }
    }
}
