package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.core.PacketSummary;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.ErrorCode;
import org.osprey.transport.protocol.GapReason;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.JsonPacketBatch;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;
import org.osprey.transport.protocol.ProtocolException;

class JsonCodecTest {

    @Test
    void everyMessageRoundTrips() throws ProtocolException {
        List<Message> messages = List.of(
                new Message.Hello(List.of(1, 2), "tok", List.of(Encoding.BINARY, Encoding.JSON), "test/1"),
                new Message.Subscribe(List.of(Channel.PACKETS, Channel.STATS), "tcp.port == 80", 1234L),
                new Message.Subscribe(List.of(Channel.ALERTS), null, null),
                new Message.SetFilter("dns"),
                new Message.Ping(7),
                new Message.Pong(7),
                new Message.Welcome(1, "agent", "stream-1", "0.1.0", Encoding.BINARY, List.of(1, 228),
                        List.of("filter", "resume"), 10, 20),
                new Message.Stats(100, 6400, 12.5, 800.0, new Message.Drops(1, 2, 3, 4)),
                new Message.Gap(5, 9, GapReason.SLOW_CLIENT),
                new Message.Error(ErrorCode.BAD_FILTER, "unknown field 'x' at 3", 3, false),
                new Message.Error(ErrorCode.UNAUTHORIZED, "wrong token", null, true));
        for (Message message : messages) {
            assertEquals(message, JsonCodec.decode(JsonCodec.encode(message)), JsonCodec.encode(message));
        }
    }

    @Test
    void helloToStringNeverShowsTheToken() {
        Message.Hello hello = new Message.Hello(List.of(1), "secret-token-value", List.of(Encoding.JSON), null);
        assertFalse(hello.toString().contains("secret-token-value"));
    }

    @Test
    void helloDefaultsToJsonAndSkipsUnknownEncodings() throws ProtocolException {
        Message.Hello plain = (Message.Hello) JsonCodec.decode("{\"type\":\"hello\",\"versions\":[1],\"token\":\"t\"}");
        assertEquals(List.of(Encoding.JSON), plain.encodings());
        Message.Hello newer = (Message.Hello) JsonCodec
                .decode("{\"type\":\"hello\",\"versions\":[1],\"token\":\"t\",\"encodings\":[\"cbor\",\"binary\"]}");
        assertEquals(List.of(Encoding.BINARY), newer.encodings());
        Message.Hello noToken = (Message.Hello) JsonCodec.decode("{\"type\":\"hello\",\"versions\":[1]}");
        assertNull(noToken.token());
    }

    @Test
    void packetBatchFromTheAgentDecodesToTheSameFramesAndIsValidJson() throws ProtocolException {
        JsonPacketBatch batch = new JsonPacketBatch(50);
        for (int i = 0; i < 5; i++) {
            PacketSummary packet = TestPackets.udp(5353, 53, i, 1_000_000_123L * i);
            packet.setSequence(100 + i);
            assertTrue(batch.add(packet));
        }
        String text = batch.finish();
        Message.Packets packets = assertInstanceOf(Message.Packets.class, JsonCodec.decode(text));
        assertEquals(100, packets.first());
        assertEquals(5, packets.records().size());
        for (int i = 0; i < 5; i++) {
            PacketRecord record = packets.records().get(i);
            assertEquals(100 + i, record.sequence());
            assertEquals(1_000_000_123L * i, record.timestampNanos());
            assertArrayEquals(TestPackets.udpFrame(5353, 53, i), record.frame());
        }
        assertTrue(text.contains("\"src\":\"10.0.0.1\""), text);
        assertTrue(text.contains("\"sport\":5353"), text);
        assertTrue(text.chars().allMatch(c -> c < 0x80), "pure ASCII: " + text);
        String info = com.google.gson.JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("records").get(0)
                .getAsJsonObject().get("info").getAsString();
        assertEquals(TestPackets.udp(5353, 53, 0, 0).info(), info, "escapes decode to the same text");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "{", "[1,2]", "\"hello\"", "{\"type\":\"ping\",\"id\":1}x",
            "{'type':'ping','id':1}", "{\"type\":\"ping\",\"id\":1,}", "{type:\"ping\"}", "{\"type\":\"ping\"}",
            "{\"type\":\"ping\",\"id\":\"7\"}", "{\"type\":\"ping\",\"id\":1.5}", "{\"type\":\"ping\",\"id\":1e400}",
            "{\"type\":7}", "{\"type\":null}", "{\"type\":\"subscribe\",\"channels\":[\"video\"]}",
            "{\"type\":\"subscribe\",\"channels\":\"packets\"}", "{\"type\":\"subscribe\",\"channels\":[],\"resumeFrom\":-1}",
            "{\"type\":\"hello\",\"versions\":[1],\"token\":5}", "{\"type\":\"setFilter\"}",
            "{\"type\":\"ping\",\"id\":NaN}", "{\"type\":\"ping\",\"id\":1} {\"type\":\"ping\",\"id\":2}" })
    void invalidMessagesAreBadMessages(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.decode(text));
        assertEquals(ErrorCode.BAD_MESSAGE, e.code(), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() {
        String deep = "{\"type\":\"ping\",\"id\":1,\"x\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}";
        ProtocolException e = assertThrows(ProtocolException.class, () -> JsonCodec.decode(deep));
        assertEquals(ErrorCode.BAD_MESSAGE, e.code());
    }

    @Test
    void unknownTypeIsItsOwnCodeAndQuotesTheTypeSafely() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> JsonCodec.decode("{\"type\":\"teleport\\n" + "x".repeat(500) + "\"}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
        assertTrue(e.getMessage().length() < 100, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** Seeded random text and mutations of valid messages: decode ends in a message or a ProtocolException. */
    @Test
    void randomTextNeverThrowsAnythingElse() {
        Random random = new Random(4242);
        String[] seeds = { JsonCodec.encode(new Message.Subscribe(List.of(Channel.PACKETS), "tcp", 5L)),
                JsonCodec.encode(new Message.Hello(List.of(1), "abc", List.of(Encoding.JSON), "c")),
                "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":1,\"ts\":2,\"len\":3,\"link\":1,\"data\":\"AAEC\"}]}" };
        String alphabet = "{}[]\":,0123456789.eE-+truefalsnl \\u\u00e9\ud83d\ude00";
        int decoded = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && text.length() > 0; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> text.deleteCharAt(at);
                default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                JsonCodec.decode(text.toString());
                decoded++;
            } catch (ProtocolException e) {
                assertTrue(e.code() == ErrorCode.BAD_MESSAGE || e.code() == ErrorCode.UNKNOWN_TYPE, e.code().toString());
            }
        }
        assertTrue(decoded < 20_000, "some mutations must break the message");
    }
}
