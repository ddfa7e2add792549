package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import java.sql.SQLException;

/**
 * {@code SET NOT NULL} on PostgreSQL 12-17 without scanning under ACCESS EXCLUSIVE:
 * {@code ADD CONSTRAINT <t>_<c>_zdm_not_null CHECK (c IS NOT NULL) NOT VALID} (instant) ->
 * {@code VALIDATE CONSTRAINT} (the scan, SHARE UPDATE EXCLUSIVE) -> {@code ALTER COLUMN c SET NOT NULL} (instant:
 * PostgreSQL 12+ skips the scan when a valid CHECK proves it) -> {@code DROP CONSTRAINT} the helper (instant).
 * Every instant step runs with a short lock_timeout and retries. Re-running after a crash at any step finishes it.
 */
final class SetNotNullViaValidatedCheck implements SetNotNull {
    private final QualifiedName table;
    private final String column;

    SetNotNullViaValidatedCheck(QualifiedName table, String column) {
        this.table = table;
        this.column = column;
    }

    @Override
    public void apply(DdlSession s) throws SQLException {
        Catalog.Table t = s.catalog.requireTable(table);
        Catalog.Column c = SetNotNull.requireColumn(s, t, column);
        String check = checkName(t.name(), column);
        String alter = "ALTER TABLE " + t.qualified().quoted();
        if (!c.notNull()) {
            NotValidThenValidate.apply(s, t, check, 'c',
                    alter + " ADD CONSTRAINT " + Identifiers.quote(check) + " CHECK (" + Identifiers.quote(column) + " IS NOT NULL) NOT VALID",
                    new long[] {t.oid()}, "23514", "set the NULL values of " + column + " (SELECT count(*) FROM " + t.qualified().quoted()
                            + " WHERE " + Identifiers.quote(column) + " IS NULL), for example with a batched backfill");
            ShortLockDdl.run(s, alter + " ALTER COLUMN " + Identifiers.quote(column) + " SET NOT NULL", t.oid());
        } else {
            s.reporter.info("column " + column + " of " + t.qualified() + " is already NOT NULL");
        }
        if (s.catalog.constraint(t.oid(), check).isPresent()) {
            ShortLockDdl.run(s, alter + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(check), t.oid());
        }
    }

    static String checkName(String table, String column) {
        return DerivedNames.derivedName(table, column, "zdm_not_null");
    }
}
