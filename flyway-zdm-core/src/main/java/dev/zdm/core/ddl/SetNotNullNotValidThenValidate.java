package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code SET NOT NULL} on PostgreSQL 18+, natively: {@code ADD CONSTRAINT <t>_<c>_not_null NOT NULL c NOT VALID}
 * (instant, short lock_timeout with retries; new rows are checked from then on) -> {@code VALIDATE CONSTRAINT} (the
 * scan, SHARE UPDATE EXCLUSIVE). The result is the ordinary validated not-null constraint a plain SET NOT NULL
 * creates. Idempotent: an existing not-null constraint of the column is validated if needed.
 */
final class SetNotNullNotValidThenValidate implements SetNotNull {
    private final QualifiedName table;
    private final String column;

    SetNotNullNotValidThenValidate(QualifiedName table, String column) {
        this.table = table;
        this.column = column;
    }

    @Override
    public void apply(DdlSession s) throws SQLException {
        Catalog.Table t = s.catalog.requireTable(table);
        Catalog.Column c = SetNotNull.requireColumn(s, t, column);
        Optional<Catalog.Constraint> existing = s.catalog.notNullConstraint(t.oid(), c.attnum());
        if (existing.isPresent() && existing.get().validated()) {
            s.reporter.info("column " + column + " of " + t.qualified() + " is already NOT NULL");
            return;
        }
        String name;
        if (existing.isEmpty()) {
            name = DerivedNames.derivedName(t.name(), column, "not_null");
            ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " ADD CONSTRAINT " + Identifiers.quote(name) + " NOT NULL "
                    + Identifiers.quote(column) + " NOT VALID", t.oid());
        } else {
            name = existing.get().name();
            s.reporter.info("column " + column + " of " + t.qualified() + " has the NOT VALID not-null constraint " + name
                    + " (an earlier run stopped before validating it); validating now");
        }
        NotValidThenValidate.validate(s, t, name, "23502", "set the NULL values of " + column + " (SELECT count(*) FROM "
                + t.qualified().quoted() + " WHERE " + Identifiers.quote(column) + " IS NULL), for example with a batched backfill");
    }
}
