package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import java.sql.SQLException;

/**
 * A CHECK constraint without a long lock: {@code ADD CONSTRAINT ... CHECK (...) NOT VALID} (ACCESS EXCLUSIVE for an
 * instant, short lock_timeout with retries), then {@code VALIDATE CONSTRAINT} in its own transaction (SHARE
 * UPDATE EXCLUSIVE: reads and writes go on during the scan). Idempotent by constraint name.
 */
final class AddCheckNotValidThenValidate {
    private final QualifiedName table;
    private final String name;
    private final String expression;

    /** {@code expression} is SQL, written into the statement as given (it is code, not a value). */
    AddCheckNotValidThenValidate(QualifiedName table, String name, String expression) {
        this.table = table;
        this.name = name;
        this.expression = expression;
    }

    void apply(DdlSession s) throws SQLException {
        Catalog.Table t = s.catalog.requireTable(table);
        String sql = "ALTER TABLE " + t.qualified().quoted() + " ADD CONSTRAINT " + Identifiers.quote(name) + " CHECK (" + expression
                + ") NOT VALID";
        NotValidThenValidate.apply(s, t, name, 'c', sql, new long[] {t.oid()}, "23514",
                "find the rows with SELECT * FROM " + t.qualified().quoted() + " WHERE NOT (" + expression + ") and fix them");
    }
}
