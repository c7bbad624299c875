package org.osprey.transport.protocol;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.osprey.transport.protocol.Message.Alert;
import org.osprey.transport.protocol.Message.Drops;
import org.osprey.transport.protocol.Message.Error;
import org.osprey.transport.protocol.Message.Gap;
import org.osprey.transport.protocol.Message.Hello;
import org.osprey.transport.protocol.Message.Packets;
import org.osprey.transport.protocol.Message.Ping;
import org.osprey.transport.protocol.Message.Pong;
import org.osprey.transport.protocol.Message.SetFilter;
import org.osprey.transport.protocol.Message.Stats;
import org.osprey.transport.protocol.Message.Subscribe;
import org.osprey.transport.protocol.Message.Welcome;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * Every {@link Message} to JSON text and back. Decoding is strict (RFC 8259 JSON, one object, nesting at most
 * {@value #MAX_NESTING} deep) and checks every field's presence and type, so that whatever a peer sends ends in either
 * a message or a {@link ProtocolException} with the code to answer with; it never throws anything else.
 * <p>
 * Packet batches on the agent's hot path are written by {@link JsonPacketBatch}, not here. Thread-safe (stateless).
 */
public final class JsonCodec {

    static final int MAX_NESTING = 8;
    private static final int MAX_QUOTED = 40;

    private JsonCodec() {
    }

    // ------------------------------------------------------------------ encoding

    /** The message as one line of JSON. */
    public static String encode(Message message) {
        StringWriter text = new StringWriter(128);
        try (JsonWriter out = new JsonWriter(text)) {
            out.setSerializeNulls(false);
            out.beginObject();
            out.name("type").value(message.type());
            switch (message) {
            case Hello hello -> {
                out.name("versions").beginArray();
                for (int version : hello.versions()) {
                    out.value(version);
                }
                out.endArray();
                out.name("token").value(hello.token());
                out.name("encodings").beginArray();
                for (Encoding encoding : hello.encodings()) {
                    out.value(encoding.wireName());
                }
                out.endArray();
                out.name("client").value(hello.client());
            }
            case Subscribe subscribe -> {
                out.name("channels").beginArray();
                for (Channel channel : subscribe.channels()) {
                    out.value(channel.wireName());
                }
                out.endArray();
                out.name("filter").value(subscribe.filter());
                out.name("resumeFrom").value(subscribe.resumeFrom());
            }
            case SetFilter setFilter -> out.name("filter").value(setFilter.filter());
            case Ping ping -> out.name("id").value(ping.id());
            case Pong pong -> out.name("id").value(pong.id());
            case Welcome welcome -> {
                out.name("version").value(welcome.version());
                out.name("agentId").value(welcome.agentId());
                out.name("streamId").value(welcome.streamId());
                out.name("agentVersion").value(welcome.agentVersion());
                out.name("encoding").value(welcome.encoding().wireName());
                out.name("linkTypes").beginArray();
                for (int linkType : welcome.linkTypes()) {
                    out.value(linkType);
                }
                out.endArray();
                out.name("capabilities").beginArray();
                for (String capability : welcome.capabilities()) {
                    out.value(capability);
                }
                out.endArray();
                out.name("oldestSeq").value(welcome.oldestSeq());
                out.name("nextSeq").value(welcome.nextSeq());
            }
            case Packets packets -> {
                out.name("first").value(packets.first());
                out.name("records").beginArray();
                Base64.Encoder base64 = Base64.getEncoder();
                for (PacketRecord record : packets.records()) {
                    out.beginObject();
                    out.name("seq").value(record.sequence());
                    out.name("ts").value(record.timestampNanos());
                    out.name("len").value(record.wireLength());
                    out.name("caplen").value(record.capturedLength());
                    out.name("link").value(record.linkType());
                    out.name("data").value(base64.encodeToString(record.frame()));
                    out.endObject();
                }
                out.endArray();
            }
            case Stats stats -> {
                out.name("packets").value(stats.packets());
                out.name("bytes").value(stats.bytes());
                out.name("pps").value(round(stats.pps()));
                out.name("bps").value(round(stats.bps()));
                out.name("drops").beginObject();
                out.name("kernel").value(stats.drops().kernel());
                out.name("agentQueue").value(stats.drops().agentQueue());
                out.name("ring").value(stats.drops().ring());
                out.name("client").value(stats.drops().client());
                out.endObject();
            }
            case Gap gap -> {
                out.name("from").value(gap.from());
                out.name("to").value(gap.to());
                out.name("reason").value(gap.reason().wireName());
            }
            case Alert alert -> out.name("alert").jsonValue(alert.json());
            case Error error -> {
                out.name("code").value(error.code());
                out.name("message").value(error.message());
                out.name("position").value(error.position());
                out.name("fatal").value(error.fatal());
            }
            }
            out.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        return text.toString();
    }

    private static double round(double rate) {
        return Double.isFinite(rate) ? Math.round(rate * 10) / 10.0 : 0;
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes one message.
     *
     * @throws ProtocolException {@link ErrorCode#BAD_MESSAGE} for text that is not a valid message,
     *         {@link ErrorCode#UNKNOWN_TYPE} for a well-formed object with a type this version does not know
     */
    public static Message decode(String text) throws ProtocolException {
        JsonObject object = parseObject(text);
        String type = requiredString(object, "type");
        return switch (type) {
        case "hello" -> new Hello(integers(requiredArray(object, "versions"), "versions"), optionalString(object, "token"),
                encodings(object), optionalString(object, "client"));
        case "subscribe" -> new Subscribe(channels(requiredArray(object, "channels")), optionalString(object, "filter"),
                optionalSequence(object, "resumeFrom"));
        case "setFilter" -> new SetFilter(requiredString(object, "filter"));
        case "ping" -> new Ping(requiredLong(object, "id"));
        case "pong" -> new Pong(requiredLong(object, "id"));
        case "welcome" -> welcome(object);
        case "packets" -> packets(object);
        case "stats" -> stats(object);
        case "gap" -> gap(object);
        case "alert" -> new Alert(object.has("alert") ? object.get("alert").toString() : "null");
        case "error" -> new Error(requiredString(object, "code"), requiredString(object, "message"),
                object.has("position") ? (int) requiredRange(object, "position", 0, Integer.MAX_VALUE) : null,
                requiredBoolean(object, "fatal"));
        default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown message type " + quote(type));
        };
    }

    private static JsonObject parseObject(String text) throws ProtocolException {
        if (text == null) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "no message text");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            reader.setNestingLimit(MAX_NESTING);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "invalid JSON: text after the message object");
            }
            if (!element.isJsonObject()) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "a message must be a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "invalid JSON: " + describe(e));
        } catch (StackOverflowError e) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "invalid JSON: nested too deeply");
        }
    }

    /** Gson's message without the cause chain and without quoting large parts of the input. */
    private static String describe(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int seeLink = message.indexOf("\nSee ");
        if (seeLink >= 0) {
            message = message.substring(0, seeLink);
        }
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static Welcome welcome(JsonObject object) throws ProtocolException {
        String encodingName = requiredString(object, "encoding");
        Encoding encoding = Encoding.fromWireName(encodingName);
        if (encoding == null) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "unknown encoding " + quote(encodingName));
        }
        List<String> capabilities = new ArrayList<>();
        for (JsonElement element : requiredArray(object, "capabilities")) {
            capabilities.add(string(element, "capabilities[]"));
        }
        return new Welcome((int) requiredRange(object, "version", 0, Integer.MAX_VALUE), requiredString(object, "agentId"),
                requiredString(object, "streamId"),
                requiredString(object, "agentVersion"), encoding, integers(requiredArray(object, "linkTypes"), "linkTypes"),
                capabilities, requiredRange(object, "oldestSeq", 0, Long.MAX_VALUE),
                requiredRange(object, "nextSeq", 0, Long.MAX_VALUE));
    }

    private static Packets packets(JsonObject object) throws ProtocolException {
        long first = requiredRange(object, "first", 0, Long.MAX_VALUE);
        JsonArray array = requiredArray(object, "records");
        List<PacketRecord> records = new ArrayList<>(array.size());
        Base64.Decoder base64 = Base64.getDecoder();
        for (JsonElement element : array) {
            if (!element.isJsonObject()) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "records[] must hold objects");
            }
            JsonObject record = element.getAsJsonObject();
            byte[] frame;
            try {
                frame = base64.decode(requiredString(record, "data"));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "data is not base64: " + e.getMessage());
            }
            if (record.has("caplen") && requiredLong(record, "caplen") != frame.length) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE, "caplen does not match the length of data");
            }
            records.add(new PacketRecord(requiredRange(record, "seq", 0, Long.MAX_VALUE), requiredLong(record, "ts"),
                    (int) requiredRange(record, "len", 0, Integer.MAX_VALUE),
                    (int) requiredRange(record, "link", 0, 0xffff), frame));
        }
        if (!records.isEmpty() && records.get(0).sequence() != first) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "first does not match the first record's seq");
        }
        return new Packets(first, records);
    }

    private static Stats stats(JsonObject object) throws ProtocolException {
        JsonElement dropsElement = object.get("drops");
        if (dropsElement == null || !dropsElement.isJsonObject()) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "drops must be an object");
        }
        JsonObject drops = dropsElement.getAsJsonObject();
        return new Stats(requiredLong(object, "packets"), requiredLong(object, "bytes"), requiredDouble(object, "pps"),
                requiredDouble(object, "bps"), new Drops(requiredLong(drops, "kernel"), requiredLong(drops, "agentQueue"),
                        requiredLong(drops, "ring"), requiredLong(drops, "client")));
    }

    private static Gap gap(JsonObject object) throws ProtocolException {
        String reasonName = requiredString(object, "reason");
        GapReason reason = GapReason.fromWireName(reasonName);
        if (reason == null) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "unknown gap reason " + quote(reasonName));
        }
        long from = requiredRange(object, "from", 0, Long.MAX_VALUE);
        long to = requiredRange(object, "to", from, Long.MAX_VALUE);
        return new Gap(from, to, reason);
    }

    /** Unknown encodings are skipped (a newer client may offer more); absent means JSON only. */
    private static List<Encoding> encodings(JsonObject object) throws ProtocolException {
        if (!object.has("encodings")) {
            return List.of(Encoding.JSON);
        }
        List<Encoding> encodings = new ArrayList<>();
        for (JsonElement element : requiredArray(object, "encodings")) {
            Encoding encoding = Encoding.fromWireName(string(element, "encodings[]"));
            if (encoding != null && !encodings.contains(encoding)) {
                encodings.add(encoding);
            }
        }
        return encodings;
    }

    private static List<Channel> channels(JsonArray array) throws ProtocolException {
        List<Channel> channels = new ArrayList<>();
        for (JsonElement element : array) {
            String name = string(element, "channels[]");
            Channel channel = Channel.fromWireName(name);
            if (channel == null) {
                throw new ProtocolException(ErrorCode.BAD_MESSAGE,
                        "unknown channel " + quote(name) + " (known: packets, stats, alerts)");
            }
            if (!channels.contains(channel)) {
                channels.add(channel);
            }
        }
        return channels;
    }

    private static List<Integer> integers(JsonArray array, String name) throws ProtocolException {
        if (array.size() > 64) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, name + " has too many entries");
        }
        List<Integer> values = new ArrayList<>(array.size());
        for (JsonElement element : array) {
            values.add((int) range(element, name + "[]", 0, Integer.MAX_VALUE));
        }
        return values;
    }

    // ------------------------------------------------------------------ field access with clear errors

    private static JsonElement required(JsonObject object, String name) throws ProtocolException {
        JsonElement element = object.get(name);
        if (element == null || element.isJsonNull()) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, "missing field " + quote(name));
        }
        return element;
    }

    private static String requiredString(JsonObject object, String name) throws ProtocolException {
        return string(required(object, name), name);
    }

    private static String optionalString(JsonObject object, String name) throws ProtocolException {
        JsonElement element = object.get(name);
        return element == null || element.isJsonNull() ? null : string(element, name);
    }

    private static String string(JsonElement element, String name) throws ProtocolException {
        if (element instanceof JsonPrimitive primitive && primitive.isString()) {
            return primitive.getAsString();
        }
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, quote(name) + " must be a string");
    }

    private static JsonArray requiredArray(JsonObject object, String name) throws ProtocolException {
        JsonElement element = required(object, name);
        if (!element.isJsonArray()) {
            throw new ProtocolException(ErrorCode.BAD_MESSAGE, quote(name) + " must be an array");
        }
        return element.getAsJsonArray();
    }

    private static boolean requiredBoolean(JsonObject object, String name) throws ProtocolException {
        if (required(object, name) instanceof JsonPrimitive primitive && primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, quote(name) + " must be true or false");
    }

    private static long requiredLong(JsonObject object, String name) throws ProtocolException {
        return range(required(object, name), name, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static long requiredRange(JsonObject object, String name, long min, long max) throws ProtocolException {
        return range(required(object, name), name, min, max);
    }

    private static Long optionalSequence(JsonObject object, String name) throws ProtocolException {
        JsonElement element = object.get(name);
        return element == null || element.isJsonNull() ? null : range(element, name, 0, Long.MAX_VALUE);
    }

    private static double requiredDouble(JsonObject object, String name) throws ProtocolException {
        if (required(object, name) instanceof JsonPrimitive primitive && primitive.isNumber()) {
            return primitive.getAsDouble();
        }
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, quote(name) + " must be a number");
    }

    /** A whole number within [min, max]; anything else (fractions, huge exponents, strings) is a clear error. */
    private static long range(JsonElement element, String name, long min, long max) throws ProtocolException {
        if (element instanceof JsonPrimitive primitive && primitive.isNumber()) {
            try {
                BigDecimal number = primitive.getAsBigDecimal();
                if (number.signum() == 0) {
                    number = BigDecimal.ZERO;
                }
                long value = number.stripTrailingZeros().longValueExact();
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // falls through to the error below
            }
            throw new ProtocolException(ErrorCode.BAD_MESSAGE,
                    quote(name) + " must be a whole number from " + min + " to " + max);
        }
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, quote(name) + " must be a number");
    }

    /** Quotes peer-supplied text for an error message: short, printable ASCII only. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 5).append('\'');
        for (int i = 0; i < text.length() && i < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            quoted.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX_QUOTED) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }
}
