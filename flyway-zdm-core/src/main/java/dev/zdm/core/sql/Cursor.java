package dev.zdm.core.sql;

/**
 * Walks the code tokens (comments skipped) of one statement for the recursive-descent parser.
 * Every method is total: past the end, words do not match and identifiers are null.
 */
final class Cursor {
    private final Tokens t;
    private final int[] code;
    private final int size;
    private int pos;

    Cursor(Tokens tokens, int first, int end) {
        this.t = tokens;
        int[] buffer = new int[end - first];
        int count = 0;
        for (int i = first; i < end; i++) {
            if (!tokens.isComment(i)) {
                buffer[count++] = i;
            }
        }
        this.code = buffer;
        this.size = count;
    }

    boolean atEnd() {
        return pos >= size;
    }

    int position() {
        return pos;
    }

    void reset(int position) {
        pos = position;
    }

    /** True when the next tokens are these words, in order; nothing is consumed. */
    boolean peek(String... words) {
        for (int k = 0; k < words.length; k++) {
            if (pos + k >= size || !t.isWord(code[pos + k], words[k])) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the words when the next tokens are exactly these, in order. */
    boolean accept(String... words) {
        if (!peek(words)) {
            return false;
        }
        pos += words.length;
        return true;
    }

    /** Consumes one of the words; returns it in lower case, or null. */
    String acceptAny(String... words) {
        for (String w : words) {
            if (accept(w)) {
                return w.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    boolean peekSymbol(char c) {
        return pos < size && t.isSymbol(code[pos], c);
    }

    boolean acceptSymbol(char c) {
        if (peekSymbol(c)) {
            pos++;
            return true;
        }
        return false;
    }

    boolean peekType(TokenType type) {
        return pos < size && t.type(code[pos]) == type;
    }

    /** The next token's text, or empty at the end. */
    String peekText() {
        return pos < size ? t.text(code[pos]) : "";
    }

    void skip() {
        if (pos < size) {
            pos++;
        }
    }

    /** Consumes a name (word, quoted identifier or placeholder) and returns it folded, or null. */
    String identifier() {
        if (pos >= size) {
            return null;
        }
        TokenType type = t.type(code[pos]);
        if (type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER || type == TokenType.PLACEHOLDER) {
            return t.identifier(code[pos++]);
        }
        return null;
    }

    /**
     * Consumes {@code name}, {@code schema.name} or {@code db.schema.name}; placeholders may stand for
     * parts ({@code ${schema}.users}). Returns null when there is no name.
     */
    RelationName qualifiedName() {
        String first = identifier();
        if (first == null) {
            return null;
        }
        String schema = null;
        String name = first;
        while (peekSymbol('.') && pos + 1 < size && isName(code[pos + 1])) {
            pos++;
            schema = name;
            name = identifier();
        }
        return new RelationName(schema, name);
    }

    private boolean isName(int token) {
        TokenType type = t.type(token);
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER || type == TokenType.PLACEHOLDER;
    }

    /** Consumes a string literal and returns its content (quotes undone), or null. */
    String stringLiteral() {
        if (pos < size && t.type(code[pos]) == TokenType.STRING) {
            String raw = t.text(code[pos++]);
            int open = raw.indexOf('\'');
            String body = raw.substring(open + 1, raw.endsWith("'") && raw.length() > open + 1 ? raw.length() - 1 : raw.length());
            return body.replace("''", "'");
        }
        return null;
    }

    /** At an opening parenthesis: consumes through its matching close. */
    void skipParenthesized() {
        if (!peekSymbol('(')) {
            return;
        }
        int depth = 0;
        while (pos < size) {
            int tok = code[pos++];
            if (t.isSymbol(tok, '(')) {
                depth++;
            } else if (t.isSymbol(tok, ')')) {
                depth--;
                if (depth == 0) {
                    return;
                }
            }
        }
    }

    /**
     * Consumes an expression up to (not including) a top-level comma or closing parenthesis, or one of
     * the stop words at the top level; returns its text, or null when empty.
     */
    String expression(String... stopWords) {
        int start = pos;
        int depth = 0;
        while (pos < size) {
            int tok = code[pos];
            if (t.isSymbol(tok, '(') || t.isSymbol(tok, '[')) {
                depth++;
            } else if (t.isSymbol(tok, ')') || t.isSymbol(tok, ']')) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && t.isSymbol(tok, ',')) {
                break;
            } else if (depth == 0 && t.type(tok) == TokenType.WORD && isStopWord(tok, stopWords)) {
                break;
            }
            pos++;
        }
        return textBetween(start, pos);
    }

    private boolean isStopWord(int tok, String[] words) {
        for (String w : words) {
            if (t.isWord(tok, w)) {
                return true;
            }
        }
        return false;
    }

    /** Moves to the next top-level comma (not consuming it) or the end. */
    void skipToTopLevelComma() {
        expression();
        while (peekSymbol(')')) {
            pos++;
            expression();
        }
    }

    /** The source text of code tokens {@code [from, to)}, or null when empty. */
    String textBetween(int from, int to) {
        if (to <= from) {
            return null;
        }
        return t.source().substring(t.start(code[from]), t.end(code[to - 1]));
    }

    /** The source text from code token {@code from} to the end of the statement. */
    String rest(int from) {
        return textBetween(from, size);
    }

    int size() {
        return size;
    }

    /**
     * In the parenthesised option list at code tokens {@code [from, to)}, such as {@code (FULL, ANALYZE)} or
     * {@code (CONCURRENTLY false)}: {@code name} is given and not set to false, off or 0 (comments never count).
     */
    boolean optionOn(int from, int to, String name) {
        boolean on = false;
        for (int k = from; k < to; k++) {
            if (t.isWord(code[k], name)) {
                boolean valued = k + 1 < to && !t.isSymbol(code[k + 1], ',') && !t.isSymbol(code[k + 1], ')');
                int value = code[Math.min(k + 1, to - 1)];
                on = !valued || !(t.isWord(value, "false") || t.isWord(value, "off") || t.text(value).equals("0"));
            }
        }
        return on;
    }

    /**
     * True when code tokens {@code [from, to)} spell one name of at most {@code maxParts} dot-separated parts, each a
     * name read with certainty ({@link #isPlainName}).
     */
    boolean plainName(int from, int to, int maxParts) {
        if (to <= from || (to - from) % 2 == 0 || (to - from + 1) / 2 > maxParts) {
            return false;
        }
        for (int k = from; k < to; k++) {
            boolean ok = (k - from) % 2 == 0 ? isPlainName(code[k]) : t.isSymbol(code[k], '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True when code tokens {@code [from, to)} are one or more {@link #plainName plain names}, separated by commas. */
    boolean plainNameList(int from, int to, int maxParts) {
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k == to || t.isSymbol(code[k], ',')) {
                if (!plainName(start, k, maxParts)) {
                    return false;
                }
                start = k + 1;
            }
        }
        return true;
    }

    /**
     * A quoted identifier (not {@code U&"..."}, whose escapes are not decoded) or a word that is not one of the key
     * words these statements could mistake for a name; not a placeholder, whose value is unknown here.
     */
    private boolean isPlainName(int token) {
        TokenType type = t.type(token);
        String text = t.text(token);
        if (type == TokenType.QUOTED_IDENTIFIER) {
            return !(text.length() > 1 && (text.charAt(0) == 'U' || text.charAt(0) == 'u') && text.charAt(1) == '&');
        }
        return type == TokenType.WORD && !NOT_A_NAME.contains(t.identifier(token));
    }

    /** Key words that cannot be an unquoted name where the index statements expect one. */
    private static final java.util.Set<String> NOT_A_NAME = java.util.Set.of("on", "only", "using", "concurrently", "table",
            "create", "unique");
}
