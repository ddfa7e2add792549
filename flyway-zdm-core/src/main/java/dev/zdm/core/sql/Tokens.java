package dev.zdm.core.sql;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tokens of one SQL text, stored as parallel arrays (type, start, end offsets) so that lexing a
 * large file allocates almost nothing. Whitespace is not stored; comments are.
 */
final class Tokens {
    private final String source;
    private TokenType[] types = new TokenType[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int size;

    Tokens(String source) {
        this.source = source;
    }

    void add(TokenType type, int start, int end) {
        if (size == types.length) {
            int capacity = size * 2;
            types = Arrays.copyOf(types, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
        }
        types[size] = type;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    String source() {
        return source;
    }

    int size() {
        return size;
    }

    TokenType type(int i) {
        return types[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    String text(int i) {
        return source.substring(starts[i], ends[i]);
    }

    boolean isComment(int i) {
        return types[i] == TokenType.LINE_COMMENT || types[i] == TokenType.BLOCK_COMMENT;
    }

    /** True when token {@code i} is the unquoted word {@code word} (compared without regard to case). */
    boolean isWord(int i, String word) {
        return types[i] == TokenType.WORD && ends[i] - starts[i] == word.length()
                && source.regionMatches(true, starts[i], word, 0, word.length());
    }

    boolean isSymbol(int i, char c) {
        return types[i] == TokenType.SYMBOL && source.charAt(starts[i]) == c;
    }

    /**
     * The identifier a token names, as PostgreSQL folds it: unquoted words in lower case, quoted
     * identifiers as written (with doubled quotes undone), placeholders as written.
     */
    String identifier(int i) {
        return switch (types[i]) {
            case WORD -> text(i).toLowerCase(Locale.ROOT);
            case QUOTED_IDENTIFIER -> {
                String t = text(i);
                int open = t.indexOf('"');
                yield t.substring(open + 1, t.endsWith("\"") && t.length() > open + 1 ? t.length() - 1 : t.length()).replace("\"\"", "\"");
            }
            default -> text(i);
        };
    }
}
