package dev.zdm.core.lint.rules;

import dev.zdm.core.ddl.OperationPlans;
import dev.zdm.core.ddl.StepDescription;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import java.util.List;
import java.util.Optional;

/**
 * ZDM114: SET NOT NULL (or, on PostgreSQL 18, ADD CONSTRAINT ... NOT NULL without NOT VALID) that scans the
 * table under ACCESS EXCLUSIVE because no validated CHECK proves the column has no NULLs.
 */
final class SetNotNullScans extends Rule {
    SetNotNullScans() {
        super("ZDM114", "set-not-null-scans", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "SET NOT NULL without a validated CHECK (col IS NOT NULL)";
    }

    @Override
    public String why() {
        return "SET NOT NULL reads every row to prove there is no NULL, holding ACCESS EXCLUSIVE: reads and writes wait for "
                + "the whole scan. Since PostgreSQL 12 the scan is skipped when a validated `CHECK (col IS NOT NULL)` "
                + "constraint already proves it, and that CHECK can be added NOT VALID and validated under SHARE UPDATE "
                + "EXCLUSIVE, which blocks neither reads nor writes. PostgreSQL 18 also accepts `ADD CONSTRAINT c NOT NULL col "
                + "NOT VALID` followed by `VALIDATE CONSTRAINT c`; without NOT VALID that form scans too.";
    }

    @Override
    public String safeRewrite() {
        return "PostgreSQL 12+: `ALTER TABLE t ADD CONSTRAINT t_c_zdm_not_null CHECK (c IS NOT NULL) NOT VALID;` then, in the "
                + "next migration, `ALTER TABLE t VALIDATE CONSTRAINT t_c_zdm_not_null;` then `ALTER TABLE t ALTER COLUMN c SET "
                + "NOT NULL; ALTER TABLE t DROP CONSTRAINT IF EXISTS t_c_zdm_not_null;`. PostgreSQL 18: `ALTER TABLE t ADD CONSTRAINT "
                + "t_c_not_null NOT NULL c NOT VALID;` then, in the next migration, `ALTER TABLE t VALIDATE CONSTRAINT t_c_not_null;`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t ALTER COLUMN id SET NOT NULL", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction a : Sql.actionsOnExistingTable(ctx)) {
            if (a instanceof AlterAction.AddConstraint add && add.constraint().type() == ConstraintDefinition.Type.PRIMARY_KEY
                    && add.constraint().usingIndex() != null) {
                primaryKeyUsingIndex(ctx, table, add.constraint().usingIndex());
                continue;
            }
            String column = null;
            if (a instanceof AlterAction.SetNotNull set) {
                column = set.column();
            } else if (a instanceof AlterAction.AddConstraint add && add.constraint().type() == ConstraintDefinition.Type.NOT_NULL
                    && !add.constraint().notValid() && !add.constraint().columns().isEmpty()) {
                column = add.constraint().columns().get(0);
            }
            if (column == null || ctx.schema().provenNotNull(table, column)) {
                continue;
            }
            List<String> unknown = ctx.schema().validatedUnknownConstraints(table);
            if (!unknown.isEmpty()) {
                String names = String.join(", ", unknown.stream().map(Sql::id).toList());
                ctx.report(Severity.WARNING, table, "SET NOT NULL on " + Sql.name(table) + "." + Sql.id(column) + " scans the "
                        + "whole table under ACCESS EXCLUSIVE unless a validated CHECK (" + Sql.id(column) + " IS NOT NULL) "
                        + "exists. VALIDATE CONSTRAINT " + names + " comes before it, but " + names + " was defined in a "
                        + "migration this lint did not read: check that it is exactly CHECK (" + Sql.id(column)
                        + " IS NOT NULL); if it is, no scan happens.", fix(ctx.pgVersion(), table, column));
                continue;
            }
            String fresh = ctx.schema().addedWithoutDefault(table, column)
                    ? " The column was added by this run without a DEFAULT: every existing row holds NULL in it, so SET NOT "
                    + "NULL fails on a table with rows unless a backfill fills it first."
                    : "";
            ctx.report(table, "SET NOT NULL on " + Sql.name(table) + "." + Sql.id(column) + " scans the whole table under "
                    + "ACCESS EXCLUSIVE (no validated CHECK (" + Sql.id(column) + " IS NOT NULL) precedes it): reads and "
                    + "writes wait for the scan." + fresh, fix(ctx.pgVersion(), table, column));
        }
    }

    /** ADD PRIMARY KEY USING INDEX sets every key column NOT NULL: a scan under ACCESS EXCLUSIVE for each nullable one. */
    private void primaryKeyUsingIndex(StatementContext ctx, RelationName table, String index) {
        Optional<List<String>> columns = ctx.schema().indexColumns(index);
        if (columns.isEmpty()) {
            ctx.report(Severity.WARNING, table, "ADD PRIMARY KEY USING INDEX " + Sql.id(index) + " sets the index's columns NOT "
                    + "NULL: each one that allows NULLs is scanned under ACCESS EXCLUSIVE (reads and writes wait). The index's "
                    + "columns are not known here: check that they are NOT NULL already.",
                    "-- for each key column c that allows NULLs, first:\n" + fix(ctx.pgVersion(), table, "c")
                            + "\n-- then:\n" + Sql.asWritten(ctx.statement().sql()) + ";");
            return;
        }
        for (String column : columns.get()) {
            if (ctx.schema().provenNotNull(table, column)) {
                continue;
            }
            boolean known = ctx.schema().knownNullable(table, column);
            ctx.report(known ? defaultSeverity() : Severity.WARNING, table, "ADD PRIMARY KEY USING INDEX " + Sql.id(index)
                    + " sets " + Sql.name(table) + "." + Sql.id(column) + " NOT NULL, "
                    + (known ? "which" : "which, unless it is NOT NULL already,") + " scans the whole table under ACCESS "
                    + "EXCLUSIVE: reads and writes wait for the scan.",
                    fix(ctx.pgVersion(), table, column) + "\n-- then:\n" + Sql.asWritten(ctx.statement().sql()) + ";");
        }
    }

    /** The steps of flyway-zdm's SET NOT NULL operation for this server version, as migrations. */
    static String fix(int pgVersion, RelationName table, String column) {
        List<StepDescription> plan = OperationPlans.setNotNull(pgVersion, Sql.qualified(table), column);
        String next = "-- next migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n";
        if (pgVersion >= 18) {
            return plan.get(0).sql() + ";\n" + next + plan.get(1).sql() + ";";
        }
        return plan.get(0).sql() + ";\n" + next + plan.get(1).sql() + ";\n"
                + plan.get(2).sql() + ";  -- no scan: the CHECK proves it (PostgreSQL 12+)\n"
                + plan.get(3).sql() + ";";
    }
}
