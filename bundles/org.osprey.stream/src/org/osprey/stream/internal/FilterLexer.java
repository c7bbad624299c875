package org.osprey.stream.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osprey.stream.FilterSyntaxException;

/**
 * Splits display-filter text into tokens. Field names and unquoted values are both {@link Kind#WORD}s (the parser
 * decides which by position); a word may hold letters, digits and {@code _ . : / -}, so {@code ip.src},
 * {@code 10.0.0.0/8}, {@code fe80::1} and {@code 00:11:22:33:44:55} are each one word. A word ends before
 * {@code ..} so that {@code 1024..65535} is a range.
 */
final class FilterLexer {

    enum Kind {
        WORD, STRING, LPAREN, RPAREN, LBRACE, RBRACE, COMMA, RANGE,
        EQ, NE, LT, LE, GT, GE, AND, OR, NOT, IN, CONTAINS, MATCHES, END
    }

    /**
     * @param text the token as written ({@link Kind#STRING}: the value with escapes resolved)
     * @param position 0-based offset in the filter
     * @param length characters the token takes in the filter
     */
    record Token(Kind kind, String text, int position, int length) {
    }

    private final String source;
    private int pos;

    private FilterLexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) throws FilterSyntaxException {
        return new FilterLexer(source).run();
    }

    private List<Token> run() throws FilterSyntaxException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
                pos++;
            }
            if (pos >= source.length()) {
                tokens.add(new Token(Kind.END, "", source.length(), 0));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() throws FilterSyntaxException {
        int start = pos;
        char c = source.charAt(pos);
        switch (c) {
            case '(' -> { return symbol(Kind.LPAREN, 1); }
            case ')' -> { return symbol(Kind.RPAREN, 1); }
            case '{' -> { return symbol(Kind.LBRACE, 1); }
            case '}' -> { return symbol(Kind.RBRACE, 1); }
            case ',' -> { return symbol(Kind.COMMA, 1); }
            case '~' -> { return symbol(Kind.MATCHES, 1); }
            case '"' -> { return string(); }
            case '=' -> {
                if (peek(1) == '=') {
                    return symbol(Kind.EQ, 2);
                }
                throw error(start, 1, "'=' is not an operator", "use == to compare");
            }
            case '!' -> { return peek(1) == '=' ? symbol(Kind.NE, 2) : symbol(Kind.NOT, 1); }
            case '<' -> { return peek(1) == '=' ? symbol(Kind.LE, 2) : symbol(Kind.LT, 1); }
            case '>' -> { return peek(1) == '=' ? symbol(Kind.GE, 2) : symbol(Kind.GT, 1); }
            case '&' -> {
                if (peek(1) == '&') {
                    return symbol(Kind.AND, 2);
                }
                throw error(start, 1, "'&' is not an operator", "use && for and");
            }
            case '|' -> {
                if (peek(1) == '|') {
                    return symbol(Kind.OR, 2);
                }
                throw error(start, 1, "'|' is not an operator", "use || for or");
            }
            case '.' -> {
                if (peek(1) == '.') {
                    return symbol(Kind.RANGE, 2);
                }
            }
            default -> {
            }
        }
        if (!isWordChar(c)) {
            throw error(start, 1, "unexpected character '" + c + "'", null);
        }
        while (pos < source.length() && isWordChar(source.charAt(pos))
                && !(source.charAt(pos) == '.' && peek(1) == '.')) {
            pos++;
        }
        String word = source.substring(start, pos);
        return new Token(keyword(word), word, start, pos - start);
    }

    private static Kind keyword(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "eq" -> Kind.EQ;
            case "ne" -> Kind.NE;
            case "lt" -> Kind.LT;
            case "le" -> Kind.LE;
            case "gt" -> Kind.GT;
            case "ge" -> Kind.GE;
            case "and" -> Kind.AND;
            case "or" -> Kind.OR;
            case "not" -> Kind.NOT;
            case "in" -> Kind.IN;
            case "contains" -> Kind.CONTAINS;
            case "matches" -> Kind.MATCHES;
            default -> Kind.WORD;
        };
    }

    private Token string() throws FilterSyntaxException {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < source.length()) {
            char c = source.charAt(pos++);
            if (c == '"') {
                return new Token(Kind.STRING, value.toString(), start, pos - start);
            }
            if (c == '\\') {
                if (pos >= source.length()) {
                    break;
                }
                char escaped = source.charAt(pos++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    // \\ and \" stand for themselves; other escapes are kept for regular expressions (\d, \.)
                    case '\\', '"' -> value.append(escaped);
                    default -> value.append('\\').append(escaped);
                }
            } else {
                value.append(c);
            }
        }
        throw error(start, source.length() - start, "string is not closed", "add a closing \"");
    }

    private Token symbol(Kind kind, int length) {
        Token token = new Token(kind, source.substring(pos, pos + length), pos, length);
        pos += length;
        return token;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < source.length() ? source.charAt(i) : '\0';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '/' || c == '-';
    }

    private FilterSyntaxException error(int position, int length, String problem, String hint) {
        return new FilterSyntaxException(source, position, length, problem, hint);
    }
}
