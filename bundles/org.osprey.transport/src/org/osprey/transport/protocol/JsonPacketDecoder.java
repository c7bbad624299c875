package org.osprey.transport.protocol;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Base64;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * Reads a JSON {@code packets} message without building a JSON tree: one streaming pass that keeps only the fields a
 * receiver needs ({@code seq}, {@code ts}, {@code len}, {@code link}, {@code data}; the readable summary fields are
 * skipped), into arrays reused from batch to batch. The same checks as {@link JsonCodec#decode} and, like
 * {@link BinaryCodec#decode}, the whole batch is validated before the first packet is handed out.
 * <p>
 * One instance per receiving thread (not thread-safe).
 */
public final class JsonPacketDecoder {

    private static final int SEQ = 1, TS = 2, LEN = 4, LINK = 8, DATA = 16, REQUIRED = SEQ | TS | LEN | LINK | DATA;

    private final Base64.Decoder base64 = Base64.getDecoder();
    private long[] sequences = new long[1024];
    private long[] timestamps = new long[1024];
    private int[] wireLengths = new int[1024];
    private int[] linkTypes = new int[1024];
    private byte[][] frames = new byte[1024][];
    private int count;

    /**
     * Decodes one {@code packets} message and hands its packets to {@code handler} in order.
     *
     * @return the number of packets handed out
     * @throws ProtocolException ({@link ErrorCode#BAD_MESSAGE}) before any packet was handed out
     */
    public int decode(String text, PacketRecordHandler handler) throws ProtocolException {
        count = 0;
        try {
            parse(text);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            Arrays.fill(frames, 0, count, null);
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "invalid packets message: " + e.getMessage());
        } catch (ProtocolException e) {
            Arrays.fill(frames, 0, count, null);
            throw e;
        }
        for (int i = 0; i < count; i++) {
            byte[] frame = frames[i];
            frames[i] = null;
            handler.onPacket(sequences[i], timestamps[i], wireLengths[i], linkTypes[i], frame);
        }
        return count;
    }

    private void parse(String text) throws IOException, ProtocolException {
        JsonReader in = new JsonReader(new StringReader(text));
        in.setStrictness(Strictness.STRICT);
        in.setNestingLimit(JsonCodec.MAX_NESTING);
        in.beginObject();
        String type = null;
        long first = -1;
        boolean sawRecords = false;
        while (in.hasNext()) {
            switch (in.nextName()) {
            case "type" -> type = string(in, "type");
            case "first" -> first = number(in, "first", 0, Long.MAX_VALUE);
            case "records" -> {
                if (sawRecords) {
                    throw bad("records appears twice");
                }
                sawRecords = true;
                records(in);
            }
            default -> in.skipValue();
            }
        }
        in.endObject();
        if (in.peek() != JsonToken.END_DOCUMENT) {
            throw bad("text after the message object");
        }
        if (!"packets".equals(type)) {
            throw bad("not a packets message");
        }
        if (first < 0 || !sawRecords) {
            throw bad("a packets message needs first and records");
        }
        if (count > 0 && sequences[0] != first) {
            throw bad("first does not match the first record's seq");
        }
    }

    private void records(JsonReader in) throws IOException, ProtocolException {
        in.beginArray();
        while (in.hasNext()) {
            if (count == sequences.length) {
                grow();
            }
            int seen = 0;
            long capturedLength = -1;
            in.beginObject();
            while (in.hasNext()) {
                switch (in.nextName()) {
                case "seq" -> {
                    sequences[count] = number(in, "seq", 0, Long.MAX_VALUE);
                    seen |= SEQ;
                }
                case "ts" -> {
                    timestamps[count] = number(in, "ts", Long.MIN_VALUE, Long.MAX_VALUE);
                    seen |= TS;
                }
                case "len" -> {
                    wireLengths[count] = (int) number(in, "len", 0, Integer.MAX_VALUE);
                    seen |= LEN;
                }
                case "link" -> {
                    linkTypes[count] = (int) number(in, "link", 0, 0xffff);
                    seen |= LINK;
                }
                case "caplen" -> capturedLength = number(in, "caplen", 0, Integer.MAX_VALUE);
                case "data" -> {
                    try {
                        frames[count] = base64.decode(string(in, "data"));
                    } catch (IllegalArgumentException e) {
                        throw bad("data is not base64: " + e.getMessage());
                    }
                    seen |= DATA;
                }
                default -> in.skipValue();
                }
            }
            in.endObject();
            if (seen != REQUIRED) {
                throw bad("record " + count + " lacks one of seq, ts, len, link, data");
            }
            if (capturedLength >= 0 && capturedLength != frames[count].length) {
                throw bad("record " + count + ": caplen does not match the length of data");
            }
            if (count > 0 && sequences[count] <= sequences[count - 1]) {
                throw bad("record " + count + ": seq " + sequences[count] + " does not increase");
            }
            count++;
        }
        in.endArray();
    }

    private void grow() {
        int capacity = sequences.length * 2;
        sequences = Arrays.copyOf(sequences, capacity);
        timestamps = Arrays.copyOf(timestamps, capacity);
        wireLengths = Arrays.copyOf(wireLengths, capacity);
        linkTypes = Arrays.copyOf(linkTypes, capacity);
        frames = Arrays.copyOf(frames, capacity);
    }

    private static String string(JsonReader in, String name) throws IOException, ProtocolException {
        if (in.peek() != JsonToken.STRING) {
            throw bad("'" + name + "' must be a string");
        }
        return in.nextString();
    }

    /** A whole number in range; the token text is checked so that 1.5, 1e3 or "7" are refused, not rounded. */
    private static long number(JsonReader in, String name, long min, long max) throws IOException, ProtocolException {
        if (in.peek() != JsonToken.NUMBER) {
            throw bad("'" + name + "' must be a number");
        }
        String digits = in.nextString();
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw bad("'" + name + "' must be a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw bad("'" + name + "' must be a whole number from " + min + " to " + max);
        }
        return value;
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
    }
}
