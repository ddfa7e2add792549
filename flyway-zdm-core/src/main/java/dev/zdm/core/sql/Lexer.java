package dev.zdm.core.sql;

/**
 * A PostgreSQL lexer, as far as statement splitting and DDL analysis need it: it knows every construct
 * in which a semicolon does not end a statement (strings of every kind, dollar quotes, quoted
 * identifiers, nested block comments, line comments, Flyway placeholders). It never fails: an
 * unterminated string or comment runs to the end of the text, as PostgreSQL would report it.
 */
final class Lexer {
    private final String s;
    private final int n;
    private final Tokens out;

    private Lexer(String source) {
        this.s = source;
        this.n = source.length();
        this.out = new Tokens(source);
    }

    static Tokens lex(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                i = lineComment(i);
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = blockComment(i);
            } else if (c == '\'') {
                i = string(i, i, false);
            } else if (c == '"') {
                i = quotedIdentifier(i, i);
            } else if (c == '$') {
                i = dollar(i);
            } else if (isIdentifierStart(c)) {
                i = word(i);
            } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                i = number(i);
            } else {
                out.add(TokenType.SYMBOL, i, i + 1);
                i++;
            }
        }
    }

    private int lineComment(int start) {
        int i = start + 2;
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
        out.add(TokenType.LINE_COMMENT, start, i);
        return i;
    }

    /** Block comments nest in PostgreSQL (unlike the SQL standard and most other databases). */
    private int blockComment(int start) {
        int depth = 0;
        int i = start;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    out.add(TokenType.BLOCK_COMMENT, start, i);
                    return i;
                }
            } else {
                i++;
            }
        }
        out.addUnterminated(TokenType.BLOCK_COMMENT, start, n);
        return n;
    }

    /** A quoted string from {@code quote}; {@code backslashEscapes} for {@code E''} strings. */
    private int string(int tokenStart, int quote, boolean backslashEscapes) {
        int i = quote + 1;
        while (i < n) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < n && s.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    i++;
                    out.add(TokenType.STRING, tokenStart, i);
                    return i;
                }
            } else {
                i++;
            }
        }
        out.addUnterminated(TokenType.STRING, tokenStart, n);
        return n;
    }

    private int quotedIdentifier(int tokenStart, int quote) {
        int i = quote + 1;
        while (i < n) {
            if (s.charAt(i) == '"') {
                if (i + 1 < n && s.charAt(i + 1) == '"') {
                    i += 2;
                } else {
                    out.add(TokenType.QUOTED_IDENTIFIER, tokenStart, i + 1);
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        out.addUnterminated(TokenType.QUOTED_IDENTIFIER, tokenStart, n);
        return n;
    }

    /** {@code ${placeholder}}, {@code $1}, {@code $$...$$}, {@code $tag$...$tag$}, or a lone {@code $}. */
    private int dollar(int start) {
        int i = start + 1;
        if (i < n && s.charAt(i) == '{') {
            int close = placeholderEnd(i + 1);
            if (close > 0) {
                out.add(TokenType.PLACEHOLDER, start, close + 1);
                return close + 1;
            }
        }
        if (i < n && isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            out.add(TokenType.PARAMETER, start, i);
            return i;
        }
        if (i < n && (s.charAt(i) == '$' || isIdentifierStart(s.charAt(i)))) {
            while (i < n && s.charAt(i) != '$' && isTagPart(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) == '$') {
                String tag = s.substring(start, i + 1);
                int close = s.indexOf(tag, i + 1);
                if (close < 0) {
                    out.addUnterminated(TokenType.DOLLAR_STRING, start, n);
                    return n;
                }
                out.add(TokenType.DOLLAR_STRING, start, close + tag.length());
                return close + tag.length();
            }
        }
        out.add(TokenType.SYMBOL, start, start + 1);
        return start + 1;
    }

    /** The offset of the {@code }} closing a placeholder name that starts at {@code from}, or -1. */
    private int placeholderEnd(int from) {
        for (int i = from; i < n && i < from + 200; i++) {
            char c = s.charAt(i);
            if (c == '}') {
                return i > from ? i : -1;
            }
            if (!(isIdentifierPart(c) || c == ':' || c == '.' || c == '-')) {
                return -1;
            }
        }
        return -1;
    }

    private int word(int start) {
        char c = s.charAt(start);
        int next = start + 1;
        if (next < n) {
            char after = s.charAt(next);
            if (after == '\'') {
                if (c == 'e' || c == 'E') {
                    return string(start, next, true);
                }
                if (c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') {
                    return string(start, next, false);
                }
            }
            if ((c == 'u' || c == 'U') && after == '&' && next + 1 < n) {
                char quote = s.charAt(next + 1);
                if (quote == '\'') {
                    return string(start, next + 1, false);
                }
                if (quote == '"') {
                    return quotedIdentifier(start, next + 1);
                }
            }
        }
        int i = next;
        while (i < n && isIdentifierPart(s.charAt(i))) {
            i++;
        }
        out.add(TokenType.WORD, start, i);
        return i;
    }

    private int number(int start) {
        int i = start;
        while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (i < n && s.charAt(i) == '.' && !(i + 1 < n && s.charAt(i + 1) == '.')) {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                i = j;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        out.add(TokenType.NUMBER, start, i);
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
