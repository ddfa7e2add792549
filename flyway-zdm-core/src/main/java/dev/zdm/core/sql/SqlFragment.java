package dev.zdm.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement or piece of SQL on its own (a statement as Flyway's parser hands it over, a {@code WHERE} condition),
 * read by the same lexer as {@link SqlScript}: for code outside this package that reads a single statement, such as
 * the batched-backfill and concurrent-index parsers.
 * <pre>
 * SqlFragment f = SqlFragment.lex("-- zdm:batched size=500\nUPDATE users SET a = 1");
 * f.leadingComments();   // ["-- zdm:batched size=500"]
 * f.tokens().get(0);     // UPDATE, a WORD at depth 0
 * f.problem();           // empty: nothing unterminated, parentheses balanced
 * </pre>
 * Lexing never fails; what PostgreSQL would refuse to read is reported by {@link #problem()}.
 */
public final class SqlFragment {
    private final String sql;
    private final Tokens tokens;
    private final List<SqlToken> code;
    private final List<String> leadingComments;
    private final int bodyStart;

    private SqlFragment(String sql) {
        this.sql = sql;
        this.tokens = Lexer.lex(sql);
        List<SqlToken> out = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        int depth = 0;
        int leadingEnd = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isComment(i)) {
                if (out.isEmpty() && i != tokens.unterminated()) {
                    comments.add(tokens.text(i));
                    leadingEnd = tokens.end(i);
                }
                continue;
            }
            if (tokens.isSymbol(i, ')')) {
                depth--;
            }
            out.add(new SqlToken(tokens.type(i), tokens.text(i), tokens.start(i), tokens.end(i), Math.max(depth, 0)));
            if (tokens.isSymbol(i, '(')) {
                depth++;
            }
        }
        this.code = List.copyOf(out);
        this.leadingComments = List.copyOf(comments);
        int start = leadingEnd;
        while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        this.bodyStart = out.isEmpty() ? start : out.get(0).start();
    }

    public static SqlFragment lex(String sql) {
        return new SqlFragment(Objects.requireNonNull(sql, "sql"));
    }

    /** The text as given. */
    public String sql() {
        return sql;
    }

    /** The tokens in order, comments and white space left out. */
    public List<SqlToken> tokens() {
        return code;
    }

    /**
     * The complete comments before the first token, each as written with its delimiters ({@code -- ...} or
     * {@code /* ... *}{@code /}); a block comment left open to the end of the text is not one of them.
     */
    public List<String> leadingComments() {
        return leadingComments;
    }

    /** The text from the first token on: without the leading comments and the white space around them. */
    public String body() {
        return sql.substring(bodyStart);
    }

    /** The text from the start of {@code first} to the end of {@code last}, comments in between included. */
    public String text(SqlToken first, SqlToken last) {
        return sql.substring(first.start(), last.end());
    }

    /**
     * What keeps PostgreSQL from reading the text, in the order it would find it: a zero-length {@code ""} identifier,
     * a {@code )} without its {@code (}, a string, quoted identifier, dollar quote or comment never closed, a {@code (}
     * never closed. Empty when there is none. Example: {@code unterminated string constant starting at offset 12}.
     */
    public Optional<String> problem() {
        int open = tokens.unterminated();
        int openStart = open >= 0 ? tokens.start(open) : -1;
        int depth = 0;
        for (SqlToken t : code) {
            if (t.type() == TokenType.QUOTED_IDENTIFIER && t.start() != openStart && t.identifier().isEmpty()) {
                return Optional.of("zero-length delimited identifier at offset " + t.start());
            }
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')') && --depth < 0) {
                return Optional.of("unbalanced parentheses: ')' at offset " + t.start());
            }
        }
        if (open >= 0) {
            return Optional.of(unterminated(tokens.type(open), tokens.text(open), tokens.start(open)));
        }
        return depth == 0 ? Optional.empty() : Optional.of("unbalanced parentheses");
    }

    private static String unterminated(TokenType type, String text, int start) {
        return switch (type) {
            case STRING -> "unterminated string constant starting at offset " + (start + text.indexOf('\''));
            case QUOTED_IDENTIFIER -> "unterminated quoted identifier starting at offset " + (start + text.indexOf('"'));
            case DOLLAR_STRING -> "unterminated dollar-quoted string " + text.substring(0, text.indexOf('$', 1) + 1)
                    + " starting at offset " + start;
            default -> "unterminated /* comment starting at offset " + start;
        };
    }
}
