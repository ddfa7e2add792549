package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@code SET NOT NULL} on PostgreSQL 12-17 without scanning under ACCESS EXCLUSIVE. Expand:
 * {@code ADD CONSTRAINT <t>_<c>_zdm_not_null CHECK (c IS NOT NULL) NOT VALID} (instant; undone by dropping it) ->
 * {@code VALIDATE CONSTRAINT} (the scan, SHARE UPDATE EXCLUSIVE). Contract: {@code ALTER COLUMN c SET NOT NULL}
 * (instant: PostgreSQL 12+ skips the scan when a valid CHECK proves it) -> {@code DROP CONSTRAINT} the helper (instant).
 * Every instant step runs with a short lock_timeout and retries. Re-running after a crash at any step finishes it.
 */
final class SetNotNullViaValidatedCheck {
    private SetNotNullViaValidatedCheck() {
    }

    static Operation operation(QualifiedName table, String column) {
        String check = checkName(table.name(), column);
        Step add = Step.of(Phase.EXPAND, "add CHECK (column IS NOT NULL) NOT VALID", style -> addCheckSql(style, table, column),
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> SetNotNull.columnNotNull(c, table, column) || helper(c, table, check).isPresent(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, addCheckSql(SqlStyle.QUOTED, t.qualified(), column), t.oid());
                }).whenDone(s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    String label = "constraint " + Identifiers.quote(check) + " on " + t.qualified();
                    if (SetNotNull.columnNotNull(s.catalog, table, column)) {
                        s.reporter.info("column " + column + " of " + t.qualified() + " is already NOT NULL");
                    } else if (helper(s.catalog, table, check).orElseThrow().validated()) {
                        s.reporter.info(label + ": already exists and is validated; nothing to do");
                    } else {
                        s.reporter.info(label + ": exists NOT VALID (an earlier run stopped before validating it); validating now");
                    }
                }).undoneBy(ShortLockDdl.dropConstraint(Phase.EXPAND, table, check));
        Step validate = Step.of(Phase.EXPAND, "validate the CHECK", style -> NotValidThenValidate.validateSql(style, table, check),
                LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(table),
                c -> SetNotNull.columnNotNull(c, table, column) || helper(c, table, check).map(Catalog.Constraint::validated).orElse(false),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    NotValidThenValidate.validate(s, t, check, "23514", SetNotNull.nullsHint(t, column));
                });
        Step setNotNull = Step.of(Phase.CONTRACT, "SET NOT NULL (no scan: the CHECK proves it)", style -> setNotNullSql(style, table, column),
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> SetNotNull.columnNotNull(c, table, column),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, setNotNullSql(SqlStyle.QUOTED, t.qualified(), column), t.oid());
                });
        return new Operation("SET NOT NULL " + table + "." + column + " through a validated CHECK",
                s -> SetNotNull.requireColumn(s, table, column),
                List.of(add, validate, setNotNull, ShortLockDdl.dropConstraint(Phase.CONTRACT, table, check)));
    }

    static String checkName(String table, String column) {
        return DerivedNames.notNullCheck(table, column);
    }

    static String addCheckSql(SqlStyle style, QualifiedName table, String column) {
        return "ALTER TABLE " + style.table(table) + " ADD CONSTRAINT " + style.id(checkName(table.name(), column)) + " CHECK ("
                + style.id(column) + " IS NOT NULL) NOT VALID";
    }

    static String setNotNullSql(SqlStyle style, QualifiedName table, String column) {
        return "ALTER TABLE " + style.table(table) + " ALTER COLUMN " + style.id(column) + " SET NOT NULL";
    }

    /** The helper CHECK; an error when a constraint of another kind carries its name. */
    private static Optional<Catalog.Constraint> helper(Catalog c, QualifiedName table, String check) throws SQLException {
        Catalog.Table t = c.requireTable(table);
        Optional<Catalog.Constraint> found = c.constraint(t.oid(), check);
        if (found.isPresent() && found.get().type() != 'c') {
            throw new DdlException("constraint " + Identifiers.quote(check) + " on " + t.qualified() + ": a constraint of that name but "
                    + "of another kind already exists on the table; choose another name.");
        }
        return found;
    }
}
