package org.osprey.detect.builtin.internal.auth;

/**
 * Decodes the token of an HTTP {@code Authorization: Basic} header ({@code base64(user ":" password)}, RFC 7617) into
 * a scratch buffer, so that only the user name is ever made into text.
 */
final class Base64Credentials {

    /** Longest token decoded; longer ones are not Basic credentials worth reporting. */
    static final int MAX_DECODED = 512;

    private final byte[] decoded = new byte[MAX_DECODED];
    private int length;
    private int colon;

    /**
     * Decodes base64 from {@code frame[from, ...)} up to the first byte outside the base64 alphabet (or {@code to}).
     *
     * @return whether it decoded to something holding a ':' (a user name, possibly empty, and a password)
     */
    boolean decode(byte[] frame, int from, int to) {
        length = 0;
        colon = -1;
        int bits = 0, buffered = 0;
        for (int i = from; i < to; i++) {
            int value = value(frame[i]);
            if (value < 0) {
                break;
            }
            bits = bits << 6 | value;
            buffered += 6;
            if (buffered >= 8) {
                buffered -= 8;
                if (length == MAX_DECODED) {
                    return false;
                }
                byte b = (byte) (bits >> buffered);
                if (b == ':' && colon < 0) {
                    colon = length;
                }
                decoded[length++] = b;
            }
        }
        return colon >= 0;
    }

    String user() {
        return Payloads.text(decoded, 0, colon);
    }

    int passwordLength() {
        return length - colon - 1;
    }

    private static int value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        return b == '+' ? 62 : b == '/' ? 63 : -1;
    }
}
