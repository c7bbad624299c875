package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.core.PacketSummary;
import org.osprey.transport.protocol.ErrorCode;
import org.osprey.transport.protocol.JsonCodec;
import org.osprey.transport.protocol.JsonPacketBatch;
import org.osprey.transport.protocol.JsonPacketDecoder;
import org.osprey.transport.protocol.Message;
import org.osprey.transport.protocol.PacketRecord;
import org.osprey.transport.protocol.ProtocolException;

class JsonPacketDecoderTest {

    private final JsonPacketDecoder decoder = new JsonPacketDecoder();

    @Test
    void agreesWithTheTreeDecoderOnABatchFromTheAgent() throws ProtocolException {
        JsonPacketBatch batch = new JsonPacketBatch(5_000);
        for (int i = 0; i < 3_000; i++) { // more than the decoder's initial arrays hold
            PacketSummary packet = TestPackets.udp(i, 53, i, 77L * i);
            packet.setSequence(10 + 3L * i);
            batch.add(packet);
        }
        String text = batch.finish();
        List<PacketRecord> streamed = decode(text);
        List<PacketRecord> tree = ((Message.Packets) JsonCodec.decode(text)).records();
        assertEquals(tree.size(), streamed.size());
        for (int i = 0; i < tree.size(); i++) {
            assertEquals(tree.get(i).sequence(), streamed.get(i).sequence());
            assertEquals(tree.get(i).timestampNanos(), streamed.get(i).timestampNanos());
            assertEquals(tree.get(i).wireLength(), streamed.get(i).wireLength());
            assertEquals(tree.get(i).linkType(), streamed.get(i).linkType());
            assertArrayEquals(tree.get(i).frame(), streamed.get(i).frame());
        }
        assertEquals(1, decode("{\"records\":[{\"x\":[1,{}],\"data\":\"AA==\",\"link\":1,\"len\":1,\"ts\":-3,\"seq\":4}],"
                + "\"first\":4,\"type\":\"packets\",\"extra\":null}").size(), "field order and unknown fields do not matter");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "[]", "{", "{\"type\":\"packets\",\"first\":1}",
            "{\"type\":\"stats\",\"first\":1,\"records\":[]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":1,\"ts\":1,\"len\":1,\"link\":1}]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":1.5,\"ts\":1,\"len\":1,\"link\":1,\"data\":\"\"}]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":\"1\",\"ts\":1,\"len\":1,\"link\":1,\"data\":\"\"}]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":1,\"ts\":1,\"len\":1,\"link\":70000,\"data\":\"\"}]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":1,\"ts\":1,\"len\":1,\"link\":1,\"data\":\"%%\"}]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":1,\"ts\":1,\"len\":1,\"link\":1,\"caplen\":3,\"data\":\"AA==\"}]}",
            "{\"type\":\"packets\",\"first\":2,\"records\":[{\"seq\":1,\"ts\":1,\"len\":1,\"link\":1,\"data\":\"\"}]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[{\"seq\":1,\"ts\":1,\"len\":1,\"link\":1,\"data\":\"\"},"
                    + "{\"seq\":1,\"ts\":1,\"len\":1,\"link\":1,\"data\":\"\"}]}",
            "{\"type\":\"packets\",\"first\":1,\"records\":[]} x" })
    void badBatchesAreRefusedBeforeAnyPacketIsHandedOut(String text) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.decode(text, (s, t, w, l, f) -> {
            throw new AssertionError("a packet was handed out from a bad batch");
        }));
        assertEquals(ErrorCode.BAD_MESSAGE, e.code());
    }

    /** Seeded random mutations: the decoder ends in packets or a ProtocolException, and stays usable. */
    @Test
    void randomlyCorruptedBatchesNeverThrowAnythingElse() throws ProtocolException {
        JsonPacketBatch batch = new JsonPacketBatch(100);
        for (int i = 0; i < 5; i++) {
            PacketSummary packet = TestPackets.udp(i, 53, i, i);
            packet.setSequence(i);
            batch.add(packet);
        }
        String good = batch.finish();
        Random random = new Random(77);
        String alphabet = "{}[]\":,0123456789.eE-+truefalsnl \\u";
        int rejected = 0;
        for (int round = 0; round < 10_000; round++) {
            StringBuilder text = new StringBuilder(good);
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                int at = random.nextInt(text.length());
                if (random.nextBoolean()) {
                    text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                } else {
                    text.deleteCharAt(at);
                }
            }
            try {
                decoder.decode(text.toString(), (s, t, w, l, f) -> {
                });
            } catch (ProtocolException e) {
                rejected++;
            }
        }
        assertTrue(rejected > 1_000, rejected + " rejected");
        assertEquals(5, decode(good).size(), "still decodes a good batch after all that");
    }

    private List<PacketRecord> decode(String text) throws ProtocolException {
        List<PacketRecord> records = new ArrayList<>();
        decoder.decode(text, (seq, ts, wire, link, frame) -> records.add(new PacketRecord(seq, ts, wire, link, frame)));
        return records;
    }
}
