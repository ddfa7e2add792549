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
        String e = expression.strip();
        while (e.startsWith("(") && e.endsWith(")")) {
            e = e.substring(1, e.length() - 1).strip();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?i)(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\\s+IS\\s+NOT\\s+NULL").matcher(e);
        if (!m.matches()) {
            return null;
        }
        String col = m.group(1);
        return col.startsWith("\"") ? col.substring(1, col.length() - 1).replace("\"\"", "\"") : RelationName.fold(col);
    }
}
