package dev.zdm.core.sql;

import java.util.List;

/**
 * A table constraint (CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT).
 *
 * @param name       the constraint name when given, else null
 * @param type       what it constrains
 * @param columns    the columns named (for NOT NULL the one column; for FOREIGN KEY the referencing columns)
 * @param references for FOREIGN KEY, the referenced table
 * @param usingIndex for {@code UNIQUE/PRIMARY KEY USING INDEX idx}, the index name, else null
 * @param notValid   declared NOT VALID
 * @param expression for CHECK, the expression as written
 */
public record ConstraintDefinition(String name, Type type, List<String> columns, RelationName references,
                                   String usingIndex, boolean notValid, String expression) {

    public enum Type { CHECK, FOREIGN_KEY, UNIQUE, PRIMARY_KEY, EXCLUDE, NOT_NULL }

    public ConstraintDefinition {
        columns = List.copyOf(columns);
    }

    /**
     * For a CHECK constraint of the form {@code col IS NOT NULL} (the PG 12+ path to a scan-free SET NOT
     * NULL), the column; otherwise null.
     */
    public String notNullCheckColumn() {
        if (type != Type.CHECK || expression == null) {
            return null;
        }
        SqlFragment fragment = SqlFragment.lex(expression);
        if (fragment.problem().isPresent()) {
            return null;
        }
        List<SqlToken> t = fragment.tokens();
        int from = 0;
        int to = t.size();
        while (to - from > 2 && t.get(from).isSymbol('(') && t.get(to - 1).isSymbol(')') && closes(t, from, to - 1)) {
            from++;
            to--;
        }
        if (to - from != 4 || !t.get(from).isName() || t.get(from).isUnicodeEscaped() || !t.get(from + 1).isWord("is")
                || !t.get(from + 2).isWord("not") || !t.get(from + 3).isWord("null")) {
            return null;
        }
        String column = t.get(from).identifier();
        return column.isEmpty() ? null : column;
    }

    /** True when the parenthesis at {@code close} closes the one at {@code open}. */
    private static boolean closes(List<SqlToken> tokens, int open, int close) {
        for (int i = open + 1; i < close; i++) {
            if (tokens.get(i).depth() <= tokens.get(open).depth()) {
                return false;
            }
        }
        return true;
    }
}
