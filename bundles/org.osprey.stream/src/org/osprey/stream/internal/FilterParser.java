package org.osprey.stream.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.osprey.stream.FilterField;
import org.osprey.stream.FilterField.Type;
import org.osprey.stream.FilterSyntaxException;
import org.osprey.stream.internal.FilterLexer.Kind;
import org.osprey.stream.internal.FilterLexer.Token;

/**
 * Recursive-descent parser of the display-filter language into a {@link FilterNode} tree. Grammar, loosest first:
 *
 * <pre>
 * filter     := [ or ] END
 * or         := and { ("||" | "or") and }
 * and        := unary { ("&amp;&amp;" | "and") unary }
 * unary      := ("!" | "not") unary | primary
 * primary    := "(" or ")" | test
 * test       := FIELD [ relation value | "in" set | ("contains" | "matches" | "~") value ]
 * relation   := "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | eq | ne | lt | le | gt | ge
 * set        := "{" item { [","] item } "}"        item := value [ ".." value ]
 * </pre>
 * Values are checked against the field's type here, so a filter that compiles cannot fail on a packet.
 */
public final class FilterParser {

    private final String source;
    private final List<Token> tokens;
    private int index;

    private FilterParser(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    /** Compiles filter text; blank text gives a filter that matches every packet. */
    public static FilterNode parse(String source) throws FilterSyntaxException {
        FilterParser parser = new FilterParser(source, FilterLexer.tokenize(source));
        if (parser.peek().kind() == Kind.END) {
            return new FilterNode.MatchAll();
        }
        FilterNode root = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw parser.error(rest, "unexpected '" + rest.text() + "' after a complete test",
                    rest.kind() == Kind.RPAREN ? "no '(' is open" : "join tests with && or ||");
        }
        return root;
    }

    /** Every field and protocol name the language knows (aliases excluded). */
    public static List<FilterField> knownFields() {
        return Field.describeAll();
    }

    // ------------------------------------------------------------------ expressions

    private FilterNode or() throws FilterSyntaxException {
        FilterNode left = and();
        while (peek().kind() == Kind.OR) {
            index++;
            left = new FilterNode.Or(left, and());
        }
        return left;
    }

    private FilterNode and() throws FilterSyntaxException {
        FilterNode left = unary();
        while (peek().kind() == Kind.AND) {
            index++;
            left = new FilterNode.And(left, unary());
        }
        return left;
    }

    private FilterNode unary() throws FilterSyntaxException {
        if (peek().kind() == Kind.NOT) {
            index++;
            return new FilterNode.Not(unary());
        }
        return primary();
    }

    private FilterNode primary() throws FilterSyntaxException {
        Token token = next();
        switch (token.kind()) {
            case LPAREN -> {
                FilterNode inner = or();
                if (peek().kind() != Kind.RPAREN) {
                    Token found = peek();
                    throw error(found, found.kind() == Kind.END ? "expected ')'" : "expected ')' instead of '"
                            + found.text() + "'", "to close the '(' at " + token.position());
                }
                index++;
                return inner;
            }
            case WORD -> {
                return test(token);
            }
            case END -> throw error(token, "expected a field or protocol" + afterPrevious(), null);
            default -> throw error(token, "expected a field or protocol instead of '" + token.text() + "'", null);
        }
    }

    /** Names the token before the current one, for messages about what should have followed it. */
    private String afterPrevious() {
        return index > 0 ? " after '" + tokens.get(index - 1).text() + "'" : "";
    }

    private FilterNode test(Token name) throws FilterSyntaxException {
        Field field = Field.named(name.text());
        if (field == null) {
            throw unknownField(name);
        }
        Token operator = peek();
        Kind kind = operator.kind();
        boolean comparison = kind == Kind.EQ || kind == Kind.NE || kind == Kind.LT || kind == Kind.LE
                || kind == Kind.GT || kind == Kind.GE || kind == Kind.IN || kind == Kind.CONTAINS
                || kind == Kind.MATCHES;
        if (!comparison) {
            return new FilterNode.Present(field);
        }
        index++;
        if (field.type() == Type.PROTOCOL) {
            throw error(name, "'" + name.text() + "' is a protocol and cannot be compared",
                    "test it alone, or compare one of its fields");
        }
        return switch (kind) {
            case EQ -> equal(field, value(operator));
            case NE -> new FilterNode.And(new FilterNode.Present(field),
                    new FilterNode.Not(equal(field, value(operator))));
            case LT -> ordered(field, operator, FilterNode.Relation.LT);
            case LE -> ordered(field, operator, FilterNode.Relation.LE);
            case GT -> ordered(field, operator, FilterNode.Relation.GT);
            case GE -> ordered(field, operator, FilterNode.Relation.GE);
            case IN -> set(field, operator);
            case CONTAINS -> {
                requireString(field, operator);
                yield new FilterNode.StringContains(field, value(operator).text());
            }
            case MATCHES -> {
                requireString(field, operator);
                Token regex = value(operator);
                try {
                    yield new FilterNode.StringMatches(field,
                            Pattern.compile(regex.text(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
                } catch (PatternSyntaxException e) {
                    throw error(regex, "'" + regex.text() + "' is not a valid regular expression",
                            e.getDescription());
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        };
    }

    // ------------------------------------------------------------------ operators

    /** {@code field == value}: one value, or for addresses a block. */
    private FilterNode equal(Field field, Token value) throws FilterSyntaxException {
        Field[] occurrences = field.occurrences();
        return switch (field.type()) {
            case STRING -> new FilterNode.StringIn(field, new String[] { value.text() });
            case IPV6 -> {
                Ipv6Prefix prefix = ipv6(value);
                yield new FilterNode.Ipv6InPrefixes(occurrences, new long[] { prefix.high }, new long[] { prefix.low },
                        new long[] { prefix.highMask }, new long[] { prefix.lowMask });
            }
            default -> {
                long[] range = range(field, value);
                yield new FilterNode.InRanges(occurrences, new long[] { range[0] }, new long[] { range[1] });
            }
        };
    }

    private FilterNode ordered(Field field, Token operator, FilterNode.Relation relation)
            throws FilterSyntaxException {
        if (field.type() == Type.IPV6 || field.type() == Type.STRING) {
            throw error(operator, "'" + operator.text() + "' cannot compare " + field.filterName() + " ("
                    + describe(field.type()) + ")", "use ==, != or in");
        }
        Token value = value(operator);
        long[] range = range(field, value);
        if (range[0] != range[1]) {
            throw error(value, "'" + value.text() + "' is a block of addresses", "a block works with ==, != and in");
        }
        return new FilterNode.Compare(field.occurrences(), relation, range[0]);
    }

    private FilterNode set(Field field, Token in) throws FilterSyntaxException {
        Token open = next();
        if (open.kind() != Kind.LBRACE) {
            throw error(open, "expected '{' after 'in'", "e.g. tcp.port in {80 443 8000..8080}");
        }
        List<long[]> ranges = new ArrayList<>();
        List<Ipv6Prefix> prefixes = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        while (true) {
            Token token = peek();
            if (token.kind() == Kind.RBRACE) {
                index++;
                break;
            }
            if (token.kind() == Kind.COMMA && !(ranges.isEmpty() && prefixes.isEmpty() && strings.isEmpty())) {
                index++;
                continue;
            }
            if (token.kind() != Kind.WORD && token.kind() != Kind.STRING) {
                throw error(token, token.kind() == Kind.END ? "'{' is not closed" : "expected a value or '}'"
                        + " instead of '" + token.text() + "'", token.kind() == Kind.END ? "add '}'" : null);
            }
            index++;
            switch (field.type()) {
                case STRING -> strings.add(token.text());
                case IPV6 -> prefixes.add(ipv6(token));
                default -> {
                    long[] range = range(field, token);
                    if (peek().kind() == Kind.RANGE) {
                        Token dots = next();
                        long[] upper = range(field, value(dots));
                        if (upper[1] < range[0]) {
                            throw error(dots, "range " + token.text() + ".." + tokens.get(index - 1).text()
                                    + " is empty", "write the smaller value first");
                        }
                        range = new long[] { range[0], upper[1] };
                    }
                    ranges.add(range);
                }
            }
            if (peek().kind() == Kind.RANGE) {
                throw error(peek(), "a range needs numbers or IPv4 addresses", null);
            }
        }
        int count = ranges.size() + prefixes.size() + strings.size();
        if (count == 0) {
            throw error(open, "the set after 'in' is empty", null);
        }
        return switch (field.type()) {
            case STRING -> new FilterNode.StringIn(field, strings.toArray(String[]::new));
            case IPV6 -> new FilterNode.Ipv6InPrefixes(field.occurrences(),
                    prefixes.stream().mapToLong(p -> p.high).toArray(), prefixes.stream().mapToLong(p -> p.low).toArray(),
                    prefixes.stream().mapToLong(p -> p.highMask).toArray(),
                    prefixes.stream().mapToLong(p -> p.lowMask).toArray());
            default -> new FilterNode.InRanges(field.occurrences(), ranges.stream().mapToLong(r -> r[0]).toArray(),
                    ranges.stream().mapToLong(r -> r[1]).toArray());
        };
    }

    private void requireString(Field field, Token operator) throws FilterSyntaxException {
        if (field.type() != Type.STRING) {
            throw error(operator, "'" + operator.text() + "' needs a text field; " + field.filterName() + " is "
                    + describe(field.type()), null);
        }
    }

    // ------------------------------------------------------------------ values

    /** The value token after {@code operator}. */
    private Token value(Token operator) throws FilterSyntaxException {
        Token value = peek();
        if (value.kind() != Kind.WORD && value.kind() != Kind.STRING) {
            throw error(operator, "expected a value after '" + operator.text() + "'", null);
        }
        index++;
        return value;
    }

    /** A numeric, boolean, IPv4 or MAC value as the closed range it stands for (one value, or a CIDR block). */
    private long[] range(Field field, Token value) throws FilterSyntaxException {
        if (value.kind() == Kind.STRING && field.type() != Type.STRING) {
            throw error(value, field.filterName() + " is " + describe(field.type()) + ", not text",
                    "write the value without quotes");
        }
        String text = value.text();
        return switch (field.type()) {
            case IPV4 -> ipv4(value);
            case MAC -> {
                long mac = FilterValues.parseMac(text);
                if (mac < 0) {
                    throw error(value, "'" + text + "' is not a MAC address", "e.g. 00:11:22:33:44:55");
                }
                yield new long[] { mac, mac };
            }
            case BOOLEAN -> {
                long flag = switch (text.toLowerCase(Locale.ROOT)) {
                    case "1", "true" -> 1;
                    case "0", "false" -> 0;
                    default -> throw error(value, "'" + text + "' is not a flag value", "use 1, 0, true or false");
                };
                yield new long[] { flag, flag };
            }
            case NUMBER -> {
                long number = FilterValues.parseNumber(text);
                if (number < 0) {
                    throw error(value, "'" + text + "' is not a number", null);
                }
                if (number > field.maxValue()) {
                    throw error(value, "'" + text + "' is out of range for " + field.filterName(),
                            "0 to " + field.maxValue());
                }
                yield new long[] { number, number };
            }
            default -> throw new IllegalStateException(field.type().toString());
        };
    }

    private long[] ipv4(Token value) throws FilterSyntaxException {
        String text = value.text();
        int slash = text.indexOf('/');
        long address = FilterValues.parseIpv4(slash < 0 ? text : text.substring(0, slash));
        if (address < 0) {
            throw error(value, "'" + text + "' is not an IPv4 address", null);
        }
        if (slash < 0) {
            return new long[] { address, address };
        }
        long bits = FilterValues.parseNumber(text.substring(slash + 1));
        if (bits < 0 || bits > 32) {
            throw error(value, "'" + text + "' has no valid prefix length", "0 to 32 after the /");
        }
        long hostMask = bits == 0 ? 0xffff_ffffL : (1L << (32 - bits)) - 1;
        long network = address & ~hostMask & 0xffff_ffffL;
        return new long[] { network, network | hostMask };
    }

    private record Ipv6Prefix(long high, long low, long highMask, long lowMask) {
    }

    private Ipv6Prefix ipv6(Token value) throws FilterSyntaxException {
        if (value.kind() == Kind.STRING) {
            throw error(value, "an IPv6 address is written without quotes", null);
        }
        String text = value.text();
        int slash = text.indexOf('/');
        long[] address = FilterValues.parseIpv6(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw error(value, "'" + text + "' is not an IPv6 address", null);
        }
        long bits = slash < 0 ? 128 : FilterValues.parseNumber(text.substring(slash + 1));
        if (bits < 0 || bits > 128) {
            throw error(value, "'" + text + "' has no valid prefix length", "0 to 128 after the /");
        }
        long highMask = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        long lowMask = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
        return new Ipv6Prefix(address[0] & highMask, address[1] & lowMask, highMask, lowMask);
    }

    // ------------------------------------------------------------------ errors and helpers

    private FilterSyntaxException unknownField(Token name) {
        String text = name.text();
        if (Character.isDigit(text.charAt(0)) || text.contains(":")) {
            return error(name, "expected a field or protocol instead of the value '" + text + "'",
                    "a test starts with a field, e.g. ip.addr == " + text);
        }
        String suggestion = FilterValues.closest(text, Field.allNames());
        return error(name, "unknown field '" + text + "'", suggestion == null ? null : "did you mean " + suggestion + "?");
    }

    private static String describe(Type type) {
        return switch (type) {
            case PROTOCOL -> "a protocol";
            case NUMBER -> "a number";
            case BOOLEAN -> "a flag";
            case IPV4 -> "an IPv4 address";
            case IPV6 -> "an IPv6 address";
            case MAC -> "a MAC address";
            case STRING -> "text";
        };
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private FilterSyntaxException error(Token at, String problem, String hint) {
        return new FilterSyntaxException(source, at.position(), at.length(), problem, hint);
    }
}
