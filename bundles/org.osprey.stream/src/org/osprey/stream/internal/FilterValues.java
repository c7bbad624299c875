package org.osprey.stream.internal;

/** Parsers for the literal values of the filter language, and the "did you mean" search. */
final class FilterValues {

    private FilterValues() {
    }

    /** A decimal or {@code 0x} hexadecimal unsigned number; -1 when the text is not one (or overflows a long). */
    static long parseNumber(String text) {
        int radix = 10;
        String digits = text;
        if (text.length() > 2 && (text.startsWith("0x") || text.startsWith("0X"))) {
            radix = 16;
            digits = text.substring(2);
        }
        if (digits.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0) {
                return -1;
            }
            if (value > (Long.MAX_VALUE - digit) / radix) {
                return -1;
            }
            value = value * radix + digit;
        }
        return value;
    }

    /** A dotted-quad IPv4 address as an unsigned number; -1 when the text is not exactly one. */
    static long parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long address = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            address = address << 8 | octet;
        }
        return address;
    }

    /** Six hex octets separated by ':', '-' or '.' (also Cisco's 0011.2233.4455); -1 when not a MAC address. */
    static long parseMac(String text) {
        String hex;
        if (text.matches("\\p{XDigit}{4}\\.\\p{XDigit}{4}\\.\\p{XDigit}{4}")) {
            hex = text.replace(".", "");
        } else if (text.matches("\\p{XDigit}{1,2}([:.-]\\p{XDigit}{1,2}){5}")) {
            StringBuilder b = new StringBuilder();
            for (String octet : text.split("[:.-]")) {
                b.append(octet.length() == 1 ? "0" : "").append(octet);
            }
            hex = b.toString();
        } else {
            return -1;
        }
        return Long.parseLong(hex, 16);
    }

    /**
     * An IPv6 address in RFC 4291 text form ({@code ::} compression, optional dotted IPv4 tail).
     *
     * @return {high 64 bits, low 64 bits}, or {@code null} when the text is not an IPv6 address
     */
    static long[] parseIpv6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) {
            return null;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon < 0 ? text : text.substring(0, doubleColon);
        String tail = doubleColon < 0 ? "" : text.substring(doubleColon + 2);
        int[] headGroups = groups(head, doubleColon < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        long high = 0, low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | all[i];
            low = low << 16 | all[i + 4];
        }
        return new long[] { high, low };
    }

    /** 16-bit groups of one side of "::"; the last group may be a dotted IPv4 address when {@code mayEndInIpv4}. */
    private static int[] groups(String part, boolean mayEndInIpv4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        int[] out = new int[8];
        int n = 0;
        for (int i = 0; i < texts.length; i++) {
            String group = texts[i];
            if (i == texts.length - 1 && mayEndInIpv4 && group.indexOf('.') >= 0) {
                long v4 = parseIpv4(group);
                if (v4 < 0 || n + 2 > 8) {
                    return null;
                }
                out[n++] = (int) (v4 >>> 16);
                out[n++] = (int) (v4 & 0xffff);
                continue;
            }
            if (group.isEmpty() || group.length() > 4 || n >= 8) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < group.length(); k++) {
                int digit = Character.digit(group.charAt(k), 16);
                if (digit < 0) {
                    return null;
                }
                value = value << 4 | digit;
            }
            out[n++] = value;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The candidate nearest to {@code word} by edit distance, if it is near enough to be a likely typo. */
    static String closest(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 4) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
