package org.osprey.capture.internal.generator;

/** Writes DNS messages (one question, at most one answer) straight into a frame. */
final class Dns {

    static final int TYPE_A = 1, TYPE_TXT = 16, TYPE_AAAA = 28;
    static final int HEADER = 12;

    private Dns() {
    }

    /** Bytes a name takes on the wire, uncompressed: one length byte per label, the characters, the root byte. */
    static int nameLength(CharSequence name) {
        return name.length() + 2;
    }

    /** Bytes of a message with one question and, when {@code answerLength} > 0, one answer of that rdata length. */
    static int messageLength(CharSequence name, int answerLength) {
        return HEADER + nameLength(name) + 4 + (answerLength > 0 ? 12 + answerLength : 0);
    }

    /**
     * Writes header and question; for a response also the answer's fixed part (name pointer to the question, type,
     * class IN, TTL, rdata length).
     *
     * @return the offset where the answer's rdata goes (or the end, for a query)
     */
    static int write(byte[] f, int off, int id, boolean response, CharSequence name, int type, int answerLength,
            int ttl) {
        Frames.u16(f, off, id);
        Frames.u16(f, off + 2, response ? 0x8180 : 0x0100); // standard query, recursion desired (and available)
        Frames.u16(f, off + 4, 1);
        Frames.u16(f, off + 6, response && answerLength > 0 ? 1 : 0);
        int at = writeName(f, off + HEADER, name);
        Frames.u16(f, at, type);
        Frames.u16(f, at + 2, 1);
        at += 4;
        if (response && answerLength > 0) {
            Frames.u16(f, at, 0xc000 | HEADER);
            Frames.u16(f, at + 2, type);
            Frames.u16(f, at + 4, 1);
            Frames.u32(f, at + 6, ttl);
            Frames.u16(f, at + 10, answerLength);
            at += 12;
        }
        return at;
    }

    private static int writeName(byte[] f, int off, CharSequence name) {
        int lengthAt = off;
        int at = off + 1;
        int labelLength = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                f[lengthAt] = (byte) labelLength;
                lengthAt = at++;
                labelLength = 0;
            } else {
                f[at++] = (byte) c;
                labelLength++;
            }
        }
        f[lengthAt] = (byte) labelLength;
        f[at++] = 0;
        return at;
    }
}
