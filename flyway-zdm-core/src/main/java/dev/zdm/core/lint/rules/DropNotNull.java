package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;

/** ZDM150: DROP NOT NULL lets NULLs reach application code that was written for a NOT NULL column. */
final class DropNotNull extends Rule {
    DropNotNull() {
        super("ZDM150", "drop-not-null", Severity.WARNING, Impact.BREAKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "DROP NOT NULL (readers of the running version meet NULLs)";
    }

    @Override
    public String why() {
        return "The change itself is instant (ACCESS EXCLUSIVE, briefly, no scan), but as soon as the new code writes a NULL, "
                + "the instances still running the old code read it from a column they were written to trust as NOT NULL: "
                + "null-pointer errors, failed mappings, wrong totals." + BreakingChange.PHASES;
    }

    @Override
    public String safeRewrite() {
        return "Release code that copes with NULL in the column first (reads it as optional); only then drop NOT NULL, and "
                + "only then release code that writes NULLs.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int NOT NULL)", "ALTER TABLE lint_t ALTER COLUMN id DROP NOT NULL", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.DropNotNull d : Sql.actionsOnExistingTable(ctx, AlterAction.DropNotNull.class)) {
            if (d.column() == null || ctx.schema().addedWithoutDefault(table, d.column())) {
                continue;
            }
            String col = Sql.name(table) + "." + Sql.id(d.column());
            ctx.report(table, "DROP NOT NULL on " + col + ": once NULLs are written, application instances still running the "
                            + "old code read NULL from a column they treat as NOT NULL.",
                    "-- first release code that reads " + col + " as optional; then, as its own step:\n"
                            + "-- zdm:ignore ZDM150 readers of " + col + " handle NULL since <release>\n"
                            + Sql.asWritten(ctx.statement().sql()) + ";");
        }
    }
}
