package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;

/** ZDM122: DROP COLUMN outside a contract step. */
final class DropColumn extends Rule {
    DropColumn() {
        super("ZDM122", "drop-column", Severity.ERROR, Impact.BREAKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "DROP COLUMN outside a contract step";
    }

    @Override
    public String why() {
        return "The drop is instant (ACCESS EXCLUSIVE, briefly; no rewrite), but application instances still running the "
                + "old code select or insert the column and fail, and the data is gone for good. Before the drop, the new code must be able to insert "
                + "rows without the column while the old code still reads it: give a NOT NULL column a DEFAULT (instant) rather "
                + "than dropping NOT NULL, which lets NULLs reach the old code (ZDM150)." + BreakingChange.PHASES;
    }

    @Override
    public String safeRewrite() {
        return "Release 1: stop reading and writing the column; if it is NOT NULL without a default, give it one in a "
                + "migration declared `-- zdm:phase=expand` (`ALTER TABLE t ALTER COLUMN c SET DEFAULT ''`), so the new code's "
                + "inserts work and the old code still reads no NULL. Release 2, once no old instance runs: `ALTER TABLE t DROP COLUMN c;` in a migration "
                + "declared `-- zdm:phase=contract`, where it is expected (info).";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int, old text)", "ALTER TABLE lint_t DROP COLUMN old", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.DropColumn d : Sql.actionsOnExistingTable(ctx, AlterAction.DropColumn.class)) {
            if (d.ifExists() && table != null && ctx.schema().columnKnownAbsent(table, d.column())) {
                continue;
            }
            ctx.report(table, "DROP COLUMN " + Sql.name(table) + "." + Sql.id(d.column()) + " breaks application instances "
                            + "still using it, and its data is lost.",
                    "-- first release the code that no longer uses " + Sql.id(d.column()) + "; then, in a migration of its own,\n"
                            + "-- applied once no instance of the old code runs:\n"
                            + "-- zdm:phase=contract\n\n"
                            + Sql.asWritten(ctx.statement().sql()) + ";");
        }
    }
}
