package dev.zdm.core.ddl;

import dev.zdm.core.sql.LockLevel;
import java.util.List;

/**
 * A CHECK constraint without a long lock: {@code ADD CONSTRAINT ... CHECK (...) NOT VALID} (ACCESS EXCLUSIVE for an
 * instant, short lock_timeout with retries), then {@code VALIDATE CONSTRAINT} in its own transaction (SHARE
 * UPDATE EXCLUSIVE: reads and writes go on during the scan). Both steps are expand steps; the first is undone by
 * dropping the constraint. Idempotent by constraint name.
 */
final class AddCheckNotValidThenValidate {
    private AddCheckNotValidThenValidate() {
    }

    /** {@code expression} is SQL, written into the statement as given (it is code, not a value). */
    static Operation operation(QualifiedName table, String name, String expression) {
        return new Operation("add CHECK constraint " + name + " on " + table, s -> {
            s.catalog.requireTable(table);
            return false;
        }, NotValidThenValidate.steps(List.of(table), name, 'c', (style, tables) -> addSql(style, tables.get(0), name, expression),
                LockLevel.ACCESS_EXCLUSIVE, "23514",
                (s, t) -> "find the rows with SELECT * FROM " + t.qualified().quoted() + " WHERE NOT (" + expression + ") and fix them"));
    }

    static String addSql(SqlStyle style, QualifiedName table, String name, String expression) {
        return "ALTER TABLE " + style.table(table) + " ADD CONSTRAINT " + style.id(name) + " CHECK (" + expression + ") NOT VALID";
    }
}
