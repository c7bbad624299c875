package org.osprey.core;

/** Text forms of the numeric addresses a {@link PacketSummary} holds. Made on demand, never on the hot path. */
public final class Addresses {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Addresses() {
    }

    /** Dotted quad, e.g. "192.168.0.1", from an address in network order (first octet in the high byte). */
    public static String ip4(int address) {
        return appendIp4(new StringBuilder(15), address).toString();
    }

    /**
     * IPv6 text in the RFC 5952 form: lower-case hex without leading zeros, the longest run of two or more zero
     * groups (the first of equally long ones) written as "::". Like inet_ntop (and so Wireshark), IPv4-mapped
     * (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses end in a dotted quad.
     *
     * @param hi the first 8 bytes in network order
     * @param lo the last 8 bytes in network order
     */
    public static String ip6(long hi, long lo) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            groups[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder(39);
        boolean embeddedIp4 = bestStart == 0 && (bestLength == 6 || (bestLength == 5 && groups[5] == 0xffff));
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            if (embeddedIp4 && i == 6) {
                return appendIp4(text, (int) lo).toString();
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** "aa:bb:cc:dd:ee:ff" from a MAC address in the low 48 bits. */
    public static String mac(long address) {
        char[] text = new char[17];
        for (int i = 0; i < 6; i++) {
            int octet = (int) (address >>> (40 - 8 * i)) & 0xff;
            text[i * 3] = HEX[octet >> 4];
            text[i * 3 + 1] = HEX[octet & 0xf];
            if (i < 5) {
                text[i * 3 + 2] = ':';
            }
        }
        return new String(text);
    }

    private static StringBuilder appendIp4(StringBuilder text, int address) {
        return text.append(address >>> 24).append('.').append(address >>> 16 & 0xff).append('.')
                .append(address >>> 8 & 0xff).append('.').append(address & 0xff);
    }
}
