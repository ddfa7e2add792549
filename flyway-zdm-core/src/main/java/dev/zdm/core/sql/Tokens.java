package dev.zdm.core.sql;

import java.util.Arrays;

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
    /** The token that runs to the end of the text because it was never closed, or -1. Only the last token can be. */
    private int unterminated = -1;

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

    /** Adds a string, quoted identifier, dollar quote or block comment that is still open at the end of the text. */
    void addUnterminated(TokenType type, int start, int end) {
        add(type, start, end);
        unterminated = size - 1;
    }

    /** The index of the token that was never closed (it runs to the end of the text), or -1. */
    int unterminated() {
        return unterminated;
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
     * The identifier a token names, as PostgreSQL folds it: unquoted words folded ({@link Identifiers#fold}), quoted
     * identifiers as written (with doubled quotes undone), placeholders as written.
     */
    String identifier(int i) {
        return identifier(types[i], text(i));
    }

    /** The identifier a token of {@code type} written as {@code text} names; see {@link #identifier(int)}. */
    static String identifier(TokenType type, String text) {
        return switch (type) {
            case WORD -> Identifiers.fold(text);
            case QUOTED_IDENTIFIER -> Identifiers.unquote(text);
            default -> text;
        };
    }
}
