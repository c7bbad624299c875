package org.osprey.detect.builtin.internal.auth;

/**
 * Byte matching in a packet's payload, in place in {@code frame()}: nothing is allocated until an alert needs text.
 * Patterns are ASCII strings given in lower case; matching ignores the case of letters in the payload.
 */
final class Payloads {

    private Payloads() {
    }

    /** Whether {@code frame[from, to)} starts with {@code lowerCasePattern}, ignoring case. */
    static boolean startsWith(byte[] frame, int from, int to, String lowerCasePattern) {
        return matchesAt(frame, from, to, lowerCasePattern);
    }

    /** Index of the first occurrence of {@code lowerCasePattern} in {@code frame[from, to)}, ignoring case, or -1. */
    static int indexOf(byte[] frame, int from, int to, String lowerCasePattern) {
        int last = to - lowerCasePattern.length();
        char first = lowerCasePattern.charAt(0);
        for (int i = from; i <= last; i++) {
            if (lower(frame[i]) == first && matchesAt(frame, i, to, lowerCasePattern)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first CR or LF in {@code frame[from, to)}, or -1 when the line does not end there. */
    static int lineEnd(byte[] frame, int from, int to) {
        for (int i = from; i < to; i++) {
            if (frame[i] == '\r' || frame[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether {@code frame[from, to)}, with trailing spaces, CR, LF and NUL left out, ends with
     * {@code lowerCasePattern}, ignoring case: how a prompt like "login: " is recognised.
     */
    static boolean endsWithPrompt(byte[] frame, int from, int to, String lowerCasePattern) {
        int end = to;
        while (end > from && (frame[end - 1] == ' ' || frame[end - 1] == '\r' || frame[end - 1] == '\n'
                || frame[end - 1] == 0)) {
            end--;
        }
        int start = end - lowerCasePattern.length();
        return start >= from && matchesAt(frame, start, end, lowerCasePattern);
    }

    /** Whether {@code frame[from, to)} holds a visible ASCII character: not only blanks, line ends or commands. */
    static boolean hasText(byte[] frame, int from, int to) {
        for (int i = from; i < to; i++) {
            if (frame[i] > ' ' && frame[i] < 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The bytes as text, for an alert: printable ASCII kept, anything else shown as '?'. */
    static String text(byte[] bytes, int from, int to) {
        char[] text = new char[Math.max(0, to - from)];
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            text[i - from] = b >= 0x20 && b < 0x7f ? (char) b : '?';
        }
        return new String(text);
    }

    private static boolean matchesAt(byte[] frame, int at, int to, String lowerCasePattern) {
        int n = lowerCasePattern.length();
        if (to - at < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (lower(frame[at + i]) != lowerCasePattern.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(byte b) {
        return (b >= 'A' && b <= 'Z') ? (char) (b + 32) : (char) (b & 0xff);
    }
}
