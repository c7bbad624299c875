package org.osprey.detect.builtin.internal.dns;

/**
 * What the DNS tunnel detector reads from a query name, without allocating: where its registered domain starts and how
 * random its subdomain looks.
 * <p>
 * The registered domain is found with a short rule, not the Public Suffix List: the last two labels, or the last three
 * when the top-level domain is a two-letter country code and the label before it is a common second-level one
 * ({@code co.uk}, {@code com.au}, {@code ac.jp}, ...). That is right for the names tunnels use and costs no table of
 * 10,000 suffixes; a name under a rarer public suffix is grouped one label too high, which only merges two domains'
 * counts.
 */
final class DomainNames {

    private static final String[] SECOND_LEVEL = { "co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go",
            "mil", "nic", "gob", "ltd", "plc", "nom", "sch" };

    private DomainNames() {
    }

    /** The length of {@code name} without one trailing dot. */
    static int length(String name) {
        int end = name.length();
        return end > 0 && name.charAt(end - 1) == '.' ? end - 1 : end;
    }

    /**
     * Index in {@code name} where its registered domain starts (0 when the name is a registered domain or shorter),
     * considering the name to end at {@code end}.
     */
    static int registeredDomainStart(String name, int end) {
        int lastDot = name.lastIndexOf('.', end - 1);
        if (lastDot <= 0) {
            return 0;
        }
        int secondDot = name.lastIndexOf('.', lastDot - 1);
        if (secondDot < 0) {
            return 0;
        }
        boolean countryCode = end - lastDot - 1 == 2;
        if (countryCode && isSecondLevel(name, secondDot + 1, lastDot)) {
            int thirdDot = name.lastIndexOf('.', secondDot - 1);
            return thirdDot < 0 ? 0 : thirdDot + 1;
        }
        return secondDot + 1;
    }

    private static boolean isSecondLevel(String name, int from, int to) {
        for (String label : SECOND_LEVEL) {
            if (label.length() == to - from && name.regionMatches(true, from, label, 0, label.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the name (ending at {@code end}) lies under {@code suffix}, compared without case, e.g. ".arpa". */
    static boolean endsWith(String name, int end, String suffix) {
        return end >= suffix.length() && name.regionMatches(true, end - suffix.length(), suffix, 0, suffix.length());
    }

    /**
     * Shannon entropy in bits per character of {@code name[from, to)}, dots left out. {@code counts} is scratch space
     * of 128 entries (characters above 127 share the last one), cleared here.
     */
    static double entropy(String name, int from, int to, int[] counts) {
        java.util.Arrays.fill(counts, 0);
        int total = 0;
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            if (c != '.') {
                counts[Math.min(c, 127)]++;
                total++;
            }
        }
        if (total == 0) {
            return 0;
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / total;
                bits -= p * Math.log(p);
            }
        }
        return bits / Math.log(2);
    }

    /** The longest label in {@code name[from, to)}. */
    static int longestLabel(String name, int from, int to) {
        int longest = 0, start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || name.charAt(i) == '.') {
                longest = Math.max(longest, i - start);
                start = i + 1;
            }
        }
        return longest;
    }

    /** A 64-bit hash of {@code name[from, to)} ignoring case (FNV-1a), to key a registered domain. */
    static long hash64(String name, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h = (h ^ Character.toLowerCase(name.charAt(i))) * 0x100000001b3L;
        }
        return h;
    }

    /** A hash of {@code name[from, to)} ignoring case, to count distinct subdomains. */
    static int hash(String name, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + Character.toLowerCase(name.charAt(i));
        }
        return h;
    }
}
