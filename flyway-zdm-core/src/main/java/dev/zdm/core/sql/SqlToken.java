package dev.zdm.core.sql;

/**
 * One token of a {@link SqlFragment} (comments and white space are not tokens there).
 *
 * @param type  what the lexer recognised
 * @param text  the token as written
 * @param start offset of its first character in the fragment
 * @param end   offset just after its last character
 * @param depth parenthesis depth at the token, 0 at the top level; a parenthesis has the depth outside it
 */
public record SqlToken(TokenType type, String text, int start, int end, int depth) {

    /** True when this is the unquoted word {@code word}, in any case. */
    public boolean isWord(String word) {
        return type == TokenType.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(char c) {
        return type == TokenType.SYMBOL && text.charAt(0) == c;
    }

    /** True for a word or a quoted identifier: a token that can name a table or column. */
    public boolean isName() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }

    /** A {@code U&'...'} string or {@code U&"..."} identifier, whose escapes {@link #identifier()} does not decode. */
    public boolean isUnicodeEscaped() {
        return (type == TokenType.STRING || type == TokenType.QUOTED_IDENTIFIER) && text.length() > 1
                && (text.charAt(0) == 'U' || text.charAt(0) == 'u') && text.charAt(1) == '&';
    }

    /**
     * The name the token spells as PostgreSQL reads it: a word folded ({@link Identifiers#fold}), a quoted identifier
     * unquoted ({@link Identifiers#unquote}), anything else as written.
     */
    public String identifier() {
        return Tokens.identifier(type, text);
    }
}
