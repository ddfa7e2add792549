package dev.zdm.core.backfill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small PostgreSQL lexer, enough to cut an {@code UPDATE}/{@code DELETE} into its clauses and to check
 * that a user's SQL fragment is one piece: it knows string constants ({@code '..'}, {@code E'..'},
 * dollar quotes), quoted identifiers, line and nested block comments, and parenthesis depth.
 */
final class SqlScanner {

    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL, PARAMETER }

    /**
     * One token: its kind, its text as written, where it starts and ends in the input, and the parenthesis
     * depth at which it appears (0 = top level).
     */
    record Token(Kind kind, String text, int start, int end, int depth) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** The identifier this token names: unquoted words fold to lower case, quoted ones are exact. */
        String identifier() {
            if (kind == Kind.QUOTED_IDENTIFIER) {
                String body = text.startsWith("U&") || text.startsWith("u&") ? text.substring(2) : text;
                return body.substring(1, body.length() - 1).replace("\"\"", "\"");
            }
            return text.toLowerCase(Locale.ROOT);
        }

        boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
        }
    }

    private final String sql;
    private int pos;
    private int depth;

    private SqlScanner(String sql) {
        this.sql = sql;
    }

    /** The tokens of {@code sql}, comments and white space left out. */
    static List<Token> tokens(String sql) {
        return new SqlScanner(sql).scan();
    }

    /** The comments at the start of {@code sql} (before the first token), each with its delimiters. */
    static List<String> leadingComments(String sql) {
        List<String> comments = new ArrayList<>();
        SqlScanner s = new SqlScanner(sql);
        while (true) {
            s.skipWhitespace();
            int start = s.pos;
            if (s.startsWith("--") || s.startsWith("/*")) {
                s.skipComment();
                comments.add(sql.substring(start, s.pos));
            } else {
                return comments;
            }
        }
    }

    private List<Token> scan() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipWhitespaceAndComments();
            if (pos >= sql.length()) {
                if (depth != 0) {
                    throw new IllegalArgumentException("unbalanced parentheses");
                }
                return out;
            }
            int start = pos;
            char c = sql.charAt(pos);
            Kind kind;
            if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                pos++;
                skipString(true);
                kind = Kind.STRING;
            } else if ((c == 'U' || c == 'u') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
                pos += 2;
                if (sql.charAt(pos) == '\'') {
                    skipString(false);
                    kind = Kind.STRING;
                } else {
                    skipQuotedIdentifier();
                    kind = Kind.QUOTED_IDENTIFIER;
                }
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x') && peek(1) == '\'') {
                pos++;
                skipString(false);
                kind = Kind.STRING;
            } else if (c == '\'') {
                skipString(false);
                kind = Kind.STRING;
            } else if (c == '"') {
                skipQuotedIdentifier();
                kind = Kind.QUOTED_IDENTIFIER;
            } else if (c == '$' && Character.isDigit(peek(1))) {
                pos++;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
                kind = Kind.PARAMETER;
            } else if (c == '$' && dollarTagEnd() > 0) {
                skipDollarQuoted();
                kind = Kind.STRING;
            } else if (isWordStart(c)) {
                while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
                    pos++;
                }
                kind = Kind.WORD;
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.' || sql.charAt(pos) == '_')) {
                    pos++;
                }
                kind = Kind.NUMBER;
            } else {
                pos++;
                kind = Kind.SYMBOL;
                if (c == '(') {
                    out.add(new Token(kind, "(", start, pos, depth));
                    depth++;
                    continue;
                }
                if (c == ')') {
                    depth--;
                    if (depth < 0) {
                        throw new IllegalArgumentException("unbalanced parentheses: ')' at offset " + start);
                    }
                }
            }
            out.add(new Token(kind, sql.substring(start, pos), start, pos, depth));
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private boolean startsWith(String s) {
        return sql.startsWith(s, pos);
    }

    private void skipWhitespace() {
        while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
            pos++;
        }
    }

    private void skipWhitespaceAndComments() {
        while (true) {
            skipWhitespace();
            if (startsWith("--") || startsWith("/*")) {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        if (startsWith("--")) {
            while (pos < sql.length() && sql.charAt(pos) != '\n') {
                pos++;
            }
            return;
        }
        int nesting = 0;
        int start = pos;
        while (pos < sql.length()) {
            if (startsWith("/*")) {
                nesting++;
                pos += 2;
            } else if (startsWith("*/")) {
                nesting--;
                pos += 2;
                if (nesting == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new IllegalArgumentException("unterminated /* comment starting at offset " + start);
    }

    private void skipString(boolean backslashEscapes) {
        int start = pos;
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new IllegalArgumentException("unterminated string constant starting at offset " + start);
    }

    private void skipQuotedIdentifier() {
        int start = pos;
        pos++;
        while (pos < sql.length()) {
            if (sql.charAt(pos) == '"') {
                if (peek(1) == '"') {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new IllegalArgumentException("unterminated quoted identifier starting at offset " + start);
    }

    /** The end (exclusive) of a dollar-quote tag such as {@code $body$} starting at pos, or -1. */
    private int dollarTagEnd() {
        int i = pos + 1;
        if (i < sql.length() && sql.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= sql.length() || !isWordStart(sql.charAt(i))) {
            return -1;
        }
        while (i < sql.length() && isWordPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    private void skipDollarQuoted() {
        int start = pos;
        int tagEnd = dollarTagEnd();
        String tag = sql.substring(pos, tagEnd);
        int close = sql.indexOf(tag, tagEnd);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated dollar-quoted string " + tag + " starting at offset " + start);
        }
        pos = close + tag.length();
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
