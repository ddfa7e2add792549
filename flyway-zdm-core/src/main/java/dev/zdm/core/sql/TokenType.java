package dev.zdm.core.sql;

/**
 * What the lexer recognised; comments are kept as tokens so that statements keep their directives. Public for
 * {@link SqlToken#type()}.
 */
public enum TokenType {
    /** An unquoted identifier or key word. */
    WORD,
    /** {@code "Quoted"} or {@code U&"quoted"} identifier. */
    QUOTED_IDENTIFIER,
    /** {@code 'text'}, {@code E'te\'xt'}, {@code U&'text'}, {@code B'0101'}, {@code X'ff'}, {@code N'text'}. */
    STRING,
    /** {@code $$body$$} or {@code $tag$body$tag$}. */
    DOLLAR_STRING,
    NUMBER,
    /** A Flyway placeholder, {@code ${name}}. */
    PLACEHOLDER,
    /** A positional parameter, {@code $1}. */
    PARAMETER,
    /** Any other single character: {@code ( ) , ; . :} and operator characters. */
    SYMBOL,
    LINE_COMMENT,
    BLOCK_COMMENT
}
