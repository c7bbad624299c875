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
    static final int TARGET_CHARS = 512 * 1024;
    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int maxRecords;
    private final StringBuilder text = new StringBuilder(TARGET_CHARS + 4096);
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
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                // control characters and lone surrogates (a DNS name may hold any byte) as \\u escapes
                text.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                        .append(HEX[c & 15]);
            } else {
                text.append(c);
            }
        }
        text.append('"');
    }

    private void appendBase64(byte[] data, int length) {
        int full = length - length % 3;
        for (int i = 0; i < full; i += 3) {
            int bits = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            text.append(BASE64[bits >>> 18]).append(BASE64[(bits >>> 12) & 63]).append(BASE64[(bits >>> 6) & 63])
                    .append(BASE64[bits & 63]);
        }
        int rest = length - full;
        if (rest == 1) {
            int bits = (data[full] & 0xff) << 16;
            text.append(BASE64[bits >>> 18]).append(BASE64[(bits >>> 12) & 63]).append("==");
        } else if (rest == 2) {
            int bits = (data[full] & 0xff) << 16 | (data[full + 1] & 0xff) << 8;
            text.append(BASE64[bits >>> 18]).append(BASE64[(bits >>> 12) & 63]).append(BASE64[(bits >>> 6) & 63])
                    .append('=');
        }
    }
}
