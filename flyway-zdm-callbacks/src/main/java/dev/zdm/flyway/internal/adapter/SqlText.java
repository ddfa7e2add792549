package dev.zdm.flyway.internal.adapter;

/** Small text helpers for one statement as Flyway's parser hands it over (leading comments included). */
final class SqlText {
    private SqlText() {
    }

    /** The statement without the comments and blank space before its first token. */
    static String withoutLeadingComments(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = endOfBlockComment(sql, i);
            } else {
                break;
            }
        }
        return sql.substring(i);
    }

    /** The first line of a statement, for messages. */
    static String firstLine(String sql) {
        int end = sql.indexOf('\n');
        return (end < 0 ? sql : sql.substring(0, end) + " ...").strip();
    }

    /** PostgreSQL block comments nest. Returns the index after the comment starting at {@code start}. */
    private static int endOfBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
