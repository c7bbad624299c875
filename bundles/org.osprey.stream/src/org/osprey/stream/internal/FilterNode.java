package org.osprey.stream.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osprey.core.PacketSummary;

/**
 * A compiled display filter: a tree of small immutable nodes, each a final class, so that evaluating a packet is a
 * few field reads and comparisons with no allocation (the only exception is the first {@code matches} test on each
 * thread, which makes that thread's reusable {@link Matcher}).
 * <p>
 * A comparison on a packet that does not have the field is false, whatever the operator (as in Wireshark: on an ARP
 * packet both {@code ip.addr == 10.0.0.1} and {@code ip.addr != 10.0.0.1} are false).
 */
public sealed interface FilterNode {

    boolean test(PacketSummary p);

    /** The empty filter. */
    record MatchAll() implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            return true;
        }
    }

    record And(FilterNode left, FilterNode right) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            return left.test(p) && right.test(p);
        }
    }

    record Or(FilterNode left, FilterNode right) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            return left.test(p) || right.test(p);
        }
    }

    record Not(FilterNode operand) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            return !operand.test(p);
        }
    }

    /** A field or protocol named alone: true when the packet has it. */
    record Present(Field field) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            return field.isPresent(p);
        }
    }

    /**
     * True when some occurrence of a numeric, IPv4 or MAC field lies in one of the closed ranges
     * {@code [lows[i], highs[i]]}: {@code ==} (a range of one value, or a CIDR block), and {@code in {...}}.
     */
    record InRanges(Field[] occurrences, long[] lows, long[] highs) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            for (Field occurrence : occurrences) {
                long value = Field.longValue(occurrence, p);
                if (value == Field.MISSING) {
                    continue;
                }
                for (int i = 0; i < lows.length; i++) {
                    if (value >= lows[i] && value <= highs[i]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=} on a numeric, IPv4 or MAC field: true for any occurrence. */
    record Compare(Field[] occurrences, Relation relation, long operand) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            for (Field occurrence : occurrences) {
                long value = Field.longValue(occurrence, p);
                if (value != Field.MISSING && relation.holds(value, operand)) {
                    return true;
                }
            }
            return false;
        }
    }

    enum Relation {
        LT, LE, GT, GE;

        boolean holds(long value, long operand) {
            return switch (this) {
                case LT -> value < operand;
                case LE -> value <= operand;
                case GT -> value > operand;
                case GE -> value >= operand;
            };
        }
    }

    /**
     * True when some occurrence of an IPv6 field is inside one of the prefixes: {@code masks} hold the prefix as
     * a bit mask, {@code highs}/{@code lows} the address already masked.
     */
    record Ipv6InPrefixes(Field[] occurrences, long[] highs, long[] lows, long[] highMasks, long[] lowMasks)
            implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            if (p.ipVersion() != 6) {
                return false;
            }
            for (Field occurrence : occurrences) {
                long hi = Field.ipv6High(occurrence, p);
                long lo = Field.ipv6Low(occurrence, p);
                for (int i = 0; i < highs.length; i++) {
                    if ((hi & highMasks[i]) == highs[i] && (lo & lowMasks[i]) == lows[i]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** {@code ==} and {@code in} on a string field: exact, case-sensitive (as Wireshark). */
    record StringIn(Field field, String[] values) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            String value = field.stringValue(p);
            if (value == null) {
                return false;
            }
            for (String candidate : values) {
                if (candidate.equals(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code contains}: case-sensitive substring (as Wireshark). */
    record StringContains(Field field, String part) implements FilterNode {
        @Override
        public boolean test(PacketSummary p) {
            String value = field.stringValue(p);
            return value != null && value.contains(part);
        }
    }

    /**
     * {@code matches}: the regular expression is found somewhere in the value, case-insensitively (as Wireshark's
     * PCRE2 default). The pattern is compiled once; each thread keeps one {@link Matcher} and resets it per packet.
     */
    final class StringMatches implements FilterNode {
        private final Field field;
        private final Pattern pattern;
        private final ThreadLocal<Matcher> matchers;

        StringMatches(Field field, Pattern pattern) {
            this.field = field;
            this.pattern = pattern;
            this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
        }

        @Override
        public boolean test(PacketSummary p) {
            String value = field.stringValue(p);
            return value != null && matchers.get().reset(value).find();
        }

        Pattern pattern() {
            return pattern;
        }
    }
}
