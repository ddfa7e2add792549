package dev.zdm.core.ddl;

import dev.zdm.core.sql.LockLevel;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code SET NOT NULL} on PostgreSQL 18+, natively, in two expand steps: {@code ADD CONSTRAINT <t>_<c>_not_null NOT NULL
 * c NOT VALID} (instant, short lock_timeout with retries; new rows are checked from then on; undone by dropping the
 * column's not-null constraint) -> {@code VALIDATE CONSTRAINT} (the scan, SHARE UPDATE EXCLUSIVE). The result is the
 * ordinary validated not-null constraint a plain SET NOT NULL creates, so nothing is left to contract. Idempotent: an
 * existing not-null constraint of the column is validated if needed.
 */
final class SetNotNullNotValidThenValidate {
    private SetNotNullNotValidThenValidate() {
    }

    static Operation operation(QualifiedName table, String column) {
        String derived = DerivedNames.notNullConstraint(table.name(), column);
        Step add = Step.of(Phase.EXPAND, "add NOT NULL NOT VALID", style -> addSql(style, table, column), LockLevel.ACCESS_EXCLUSIVE,
                true, List.of(table),
                c -> notNullConstraint(c, table, column).isPresent(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, addSql(SqlStyle.QUOTED, t.qualified(), column), t.oid());
                }).whenDone(s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    Catalog.Constraint existing = notNullConstraint(s.catalog, table, column).orElseThrow();
                    if (existing.validated()) {
                        s.reporter.info("column " + column + " of " + t.qualified() + " is already NOT NULL");
                    } else {
                        s.reporter.info("column " + column + " of " + t.qualified() + " has the NOT VALID not-null constraint "
                                + existing.name() + " (an earlier run stopped before validating it); validating now");
                    }
                });
        Step drop = Step.of(Phase.EXPAND, "drop the not-null constraint", style -> ShortLockDdl.dropConstraintSql(style, table, derived),
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> c.table(table).isEmpty() || notNullConstraint(c, table, column).isEmpty(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    String name = notNullConstraint(s.catalog, table, column).map(Catalog.Constraint::name).orElse(derived);
                    ShortLockDdl.run(s, ShortLockDdl.dropConstraintSql(SqlStyle.QUOTED, t.qualified(), name), t.oid());
                });
        Step validate = Step.of(Phase.EXPAND, "validate the not-null constraint",
                style -> NotValidThenValidate.validateSql(style, table, derived), LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(table),
                c -> notNullConstraint(c, table, column).map(Catalog.Constraint::validated).orElse(false),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    String name = notNullConstraint(s.catalog, table, column).map(Catalog.Constraint::name).orElse(derived);
                    NotValidThenValidate.validate(s, t, name, "23502", SetNotNull.nullsHint(t, column));
                });
        return new Operation("SET NOT NULL " + table + "." + column + " through NOT NULL NOT VALID",
                s -> SetNotNull.requireColumn(s, table, column), List.of(add.undoneBy(drop), validate));
    }

    static String addSql(SqlStyle style, QualifiedName table, String column) {
        return "ALTER TABLE " + style.table(table) + " ADD CONSTRAINT " + style.id(DerivedNames.notNullConstraint(table.name(), column))
                + " NOT NULL " + style.id(column) + " NOT VALID";
    }

    /** The column's not-null constraint (PostgreSQL 18 keeps them in pg_constraint); empty when the table or column is missing. */
    private static Optional<Catalog.Constraint> notNullConstraint(Catalog c, QualifiedName table, String column) throws SQLException {
        Optional<Catalog.Table> t = c.table(table);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Optional<Catalog.Column> col = c.column(t.get().oid(), column);
        return col.isEmpty() ? Optional.empty() : c.notNullConstraint(t.get().oid(), col.get().attnum());
    }
}
