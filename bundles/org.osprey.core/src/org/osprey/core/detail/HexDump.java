package org.osprey.core.detail;

/** Wireshark-style hex dump text of a frame. */
public final class HexDump {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int BYTES_PER_LINE = 16;

    private HexDump() {
    }

    /**
     * Formats the first {@code length} bytes as lines of 16: a 4-digit hex offset, two spaces, the bytes in hex (an
     * extra space after the eighth), two spaces, and the bytes as ASCII with a dot for anything unprintable, e.g.
     * {@code "0000  45 00 00 3c 1c 46 40 00  40 06 b1 e6 ac 10 00 08  E..<.F@.@......."}. Lines end with '\n'.
     */
    public static String format(byte[] frame, int length) {
        int n = Math.max(0, Math.min(length, frame.length));
        StringBuilder out = new StringBuilder((n / BYTES_PER_LINE + 1) * 76);
        for (int lineStart = 0; lineStart < n; lineStart += BYTES_PER_LINE) {
            int lineEnd = Math.min(n, lineStart + BYTES_PER_LINE);
            if (lineStart > 0xffff) {
                appendHex(out, lineStart >>> 16, 4);
            }
            appendHex(out, lineStart & 0xffff, 4);
            out.append("  ");
            for (int i = lineStart; i < lineStart + BYTES_PER_LINE; i++) {
                if (i == lineStart + 8) {
                    out.append(' ');
                }
                if (i < lineEnd) {
                    appendHex(out, frame[i] & 0xff, 2);
                    out.append(' ');
                } else {
                    out.append("   ");
                }
            }
            out.append(' ');
            for (int i = lineStart; i < lineEnd; i++) {
                int b = frame[i] & 0xff;
                out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void appendHex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xf]);
        }
    }
}
