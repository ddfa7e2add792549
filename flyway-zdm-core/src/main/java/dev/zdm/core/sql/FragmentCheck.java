package dev.zdm.core.sql;

import java.util.Optional;

/**
 * The one check for SQL fragments that Java callers hand to the API and that are written into generated
 * statements as given: a CHECK expression, a backfill's SET / WHERE / FROM, an index's WHERE or expression.
 * Read with the project's lexer, so that {@code ;} or {@code --} inside a string literal, a quoted identifier or
 * a dollar quote is fine. A fragment must be exactly one piece of SQL:
 * <ul>
 *   <li>no {@code ;} outside strings (it would end the generated statement and start another one);</li>
 *   <li>no {@code --} comment after its last token (it would comment out the rest of the generated statement,
 *       such as the {@code NOT VALID} after a CHECK expression; a fragment is stripped, so a trailing newline
 *       does not help); comments followed by more SQL are harmless;</li>
 *   <li>strings, quoted identifiers, dollar quotes and block comments closed; parentheses balanced, never
 *       closing one the generated statement opened ({@code true) OR (false});</li>
 *   <li>not empty, not only comments.</li>
 * </ul>
 */
public final class FragmentCheck {
    private FragmentCheck() {
    }

    /**
     * {@code fragment} stripped, when it is one piece of SQL.
     *
     * @param method the API call, as the caller wrote it: {@code Backfill.set}, {@code Zdm.addCheckConstraint}
     * @throws IllegalArgumentException naming {@code method}, the fragment and the problem
     */
    public static String require(String method, String fragment) {
        Optional<String> problem = problem(fragment);
        if (problem.isPresent()) {
            String shown = fragment == null ? "null" : "\"" + fragment + "\"";
            throw new IllegalArgumentException(method + "(" + shown + ") " + problem.get()
                    + ". Give one SQL expression or clause, without statement separators or trailing comments"
                    + " (';' and '--' inside string literals are fine).");
        }
        return fragment.strip();
    }

    /** What makes {@code fragment} unfit to be written into a generated statement, or empty. */
    public static Optional<String> problem(String fragment) {
        if (fragment == null || fragment.isBlank()) {
            return Optional.of("is empty");
        }
        Tokens tokens = Lexer.lex(fragment);
        int lastCode = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.isComment(i)) {
                lastCode = i;
            }
        }
        if (lastCode < 0) {
            return Optional.of("holds only comments");
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isSymbol(i, ';')) {
                return Optional.of("contains ';' at offset " + tokens.start(i)
                        + ", a statement separator outside any string: the generated statement would end there and the rest run"
                        + " as another statement");
            }
            if (tokens.type(i) == TokenType.LINE_COMMENT && i > lastCode) {
                return Optional.of("ends in a -- comment at offset " + tokens.start(i)
                        + ", which would comment out the rest of the generated statement");
            }
        }
        return SqlFragment.lex(fragment).problem().map(p -> "is not valid SQL: " + p);
    }
}
