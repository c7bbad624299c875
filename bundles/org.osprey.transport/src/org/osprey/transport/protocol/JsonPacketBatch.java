package org.osprey.transport.protocol;

import org.osprey.core.PacketSummary;

/**
 * Writes a {@code packets} message straight into one reused {@link StringBuilder}: no JSON tree, no per-field
 * objects. Besides the frame (base64) each record carries readable summary fields for clients that do not decode
 * frames themselves: {@code proto}, {@code src}, {@code dst}, {@code sport}/{@code dport} (when the packet has ports)
 * and {@code info}.
 */
public final class JsonPacketBatch implements PacketBatchEncoder {

    /** Soft size of a batch in characters: it is sent once it has grown past this. */
    static final int TARGET_CHARS = 128 * 1024;
    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int maxRecords;
    private final StringBuilder text = new StringBuilder(16 * 1024); // grows as batches need
    private char[] base64 = new char[2048];
    private int count;

    public JsonPacketBatch(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1");
        }
        this.maxRecords = maxRecords;
    }

    @Override
    public Encoding encoding() {
        return Encoding.JSON;
    }

    @Override
    public void reset() {
        text.setLength(0);
        count = 0;
    }

    @Override
    public boolean add(PacketSummary packet) {
        if (count > 0 && (count == maxRecords || text.length() > TARGET_CHARS)) {
            return false;
        }
        if (count == 0) {
            text.append("{\"type\":\"packets\",\"first\":").append(packet.sequence()).append(",\"records\":[");
        } else {
            text.append(',');
        }
        byte[] frame = packet.frame();
        int capturedLength = Math.min(Math.min(packet.capturedLength(), frame.length), BinaryCodec.MAX_FRAME_BYTES);
        text.append("{\"seq\":").append(packet.sequence())
                .append(",\"ts\":").append(packet.timestampNanos())
                .append(",\"len\":").append(packet.wireLength())
                .append(",\"caplen\":").append(capturedLength)
                .append(",\"link\":").append(packet.linkType())
                .append(",\"proto\":\"").append(packet.protocol().label()).append('"');
        appendString(",\"src\":", packet.source());
        appendString(",\"dst\":", packet.destination());
        if (packet.srcPort() != PacketSummary.ABSENT) {
            text.append(",\"sport\":").append(packet.srcPort()).append(",\"dport\":").append(packet.dstPort());
        }
        appendString(",\"info\":", packet.info());
        text.append(",\"data\":\"");
        appendBase64(frame, capturedLength);
        text.append("\"}");
        count++;
        return true;
    }

    @Override
    public int count() {
        return count;
    }

    /** The complete message text; the batch must be {@link #reset} before the next packet. */
    public String finish() {
        if (count == 0) {
            return "{\"type\":\"packets\",\"first\":0,\"records\":[]}";
        }
        int length = text.length();
        text.append("]}");
        String message = text.toString();
        text.setLength(length);
        return message;
    }

    private void appendString(String name, String value) {
        if (value == null) {
            return;
        }
        text.append(name).append('"');
        int plain = 0;
        while (plain < value.length() && !needsEscape(value.charAt(plain))) {
            plain++;
        }
        text.append(value, 0, plain); // usually the whole text, in one copy
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                // control characters, and everything beyond ASCII (the info arrow, any byte of a DNS name), as
                // JSON u-escapes: the message stays pure ASCII, so the builder keeps one byte per char and the UTF-8
                // conversion before sending is a plain copy
                text.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                        .append(HEX[c & 15]);
            } else {
                text.append(c);
            }
        }
        text.append('"');
    }

    private static boolean needsEscape(char c) {
        return c == '"' || c == '\\' || c < 0x20 || c >= 0x7f;
    }

    /** Standard base64 with padding, written into a reused char array and appended in one copy. */
    private void appendBase64(byte[] data, int length) {
        int needed = (length + 2) / 3 * 4;
        if (base64.length < needed) {
            base64 = new char[Math.max(needed, base64.length * 2)];
        }
        char[] out = base64;
        int o = 0;
        int full = length - length % 3;
        for (int i = 0; i < full; i += 3) {
            int bits = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            out[o] = BASE64[bits >>> 18];
            out[o + 1] = BASE64[(bits >>> 12) & 63];
            out[o + 2] = BASE64[(bits >>> 6) & 63];
            out[o + 3] = BASE64[bits & 63];
            o += 4;
        }
        int rest = length - full;
        if (rest > 0) {
            int bits = (data[full] & 0xff) << 16 | (rest == 2 ? (data[full + 1] & 0xff) << 8 : 0);
            out[o] = BASE64[bits >>> 18];
            out[o + 1] = BASE64[(bits >>> 12) & 63];
            out[o + 2] = rest == 2 ? BASE64[(bits >>> 6) & 63] : '=';
            out[o + 3] = '=';
            o += 4;
        }
        text.append(out, 0, o);
    }
}
