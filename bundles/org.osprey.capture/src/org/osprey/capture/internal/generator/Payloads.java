package org.osprey.capture.internal.generator;

import java.util.SplittableRandom;

/**
 * Payload bytes: a fixed head (the protocol text or header a detector looks at) followed by filler, written into a
 * frame piece by piece so that long responses can span several segments without building the whole body.
 */
final class Payloads {

    /** Filler that looks like encrypted data (TLS, SSH): fixed pseudo-random bytes. */
    static final byte[] RANDOM = new byte[8192];
    /** Filler that looks like a web page. */
    static final byte[] TEXT;

    static {
        new SplittableRandom(0x05b7e7).nextBytes(RANDOM);
        String sentence = "<p>Osprey demo page: the quick brown fox jumps over the lazy dog while packets fly by.</p>\n";
        StringBuilder text = new StringBuilder(8192);
        while (text.length() < 8192) {
            text.append(sentence);
        }
        TEXT = text.substring(0, 8192).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private Payloads() {
    }

    /**
     * Copies bytes {@code [from, from + length)} of the payload "{@code head} then filler" into {@code f} at
     * {@code off}.
     */
    static void copy(byte[] head, byte[] filler, int from, byte[] f, int off, int length) {
        int done = 0;
        if (head != null && from < head.length) {
            int n = Math.min(length, head.length - from);
            System.arraycopy(head, from, f, off, n);
            done = n;
        }
        int headLength = head == null ? 0 : head.length;
        while (done < length) {
            int at = (from + done - headLength) % filler.length;
            int n = Math.min(length - done, filler.length - at);
            System.arraycopy(filler, at, f, off + done, n);
            done += n;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
