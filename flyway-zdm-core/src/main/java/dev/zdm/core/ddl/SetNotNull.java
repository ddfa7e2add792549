package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import java.sql.SQLException;
import java.util.Optional;

/** {@code SET NOT NULL} without a scan under ACCESS EXCLUSIVE; the way depends on the server version. */
final class SetNotNull {
    private SetNotNull() {
    }

    /** PostgreSQL 18+: the native {@code NOT NULL ... NOT VALID} constraint; 12-17: through a validated CHECK. */
    static Operation forServer(DdlSession s, QualifiedName table, String column) throws SQLException {
        s.requireServer(120000, "SET NOT NULL without a table scan");
        return forServer(s.serverVersion(), table, column);
    }

    /** The operation for a server of {@code serverVersionNum} (12+ assumed; checked when it runs through a session). */
    static Operation forServer(int serverVersionNum, QualifiedName table, String column) {
        return serverVersionNum >= 180000 ? SetNotNullNotValidThenValidate.operation(table, column)
                : SetNotNullViaValidatedCheck.operation(table, column);
    }

    /** Checks that the table and the column exist (the error names them); never complete by itself. */
    static boolean requireColumn(DdlSession s, QualifiedName table, String column) throws SQLException {
        requireColumn(s, s.catalog.requireTable(table), column);
        return false;
    }

    static Catalog.Column requireColumn(DdlSession s, Catalog.Table t, String column) throws SQLException {
        return s.catalog.column(t.oid(), column).orElseThrow(() -> new DdlException("column " + column + " of " + t.qualified()
                + " does not exist (names are case-sensitive)"));
    }

    /** The column's NOT NULL flag (pg_attribute.attnotnull); false when the table or column is missing. */
    static boolean columnNotNull(Catalog c, QualifiedName table, String column) throws SQLException {
        Optional<Catalog.Table> t = c.table(table);
        return t.isPresent() && c.column(t.get().oid(), column).map(Catalog.Column::notNull).orElse(false);
    }

    /** What to do about the NULLs that fail the validation, for the message. */
    static String nullsHint(Catalog.Table t, String column) {
        return "set the NULL values of " + column + " (SELECT count(*) FROM " + t.qualified().quoted() + " WHERE "
                + Identifiers.quote(column) + " IS NULL), for example with a batched backfill";
    }
}
