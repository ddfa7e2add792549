package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;

/** ZDM123: DROP TABLE / VIEW / MATERIALIZED VIEW / SCHEMA outside a contract step. */
final class DropTable extends Rule {
    DropTable() {
        super("ZDM123", "drop-table", Severity.ERROR, Impact.BREAKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "DROP TABLE, VIEW, MATERIALIZED VIEW or SCHEMA outside a contract step";
    }

    @Override
    public String why() {
        return "The drop takes ACCESS EXCLUSIVE (queued behind running queries, blocking those behind it), application "
                + "instances still running the old code fail on the missing relation, and the data is gone for good."
                + BreakingChange.PHASES;
    }

    @Override
    public String safeRewrite() {
        return "A view dropped and created again in the same migration (the usual way to change a view's columns) is "
                + "not reported: it holds no data and the transaction swaps it atomically. "
                + "Release the code that no longer uses the relation first; then drop it in a migration declared "
                + "`-- zdm:phase=contract`, where it is expected (info). Keep a backup (or rename it aside first) if "
                + "the data might be needed.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "DROP TABLE lint_t", "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.Drop.class).filter(d -> !d.objectType().equals("INDEX")).ifPresent(d -> {
            boolean view = d.objectType().endsWith("VIEW");
            for (RelationName r : d.names()) {
                if (ctx.isNew(r) || view && recreatedLater(ctx, r) || d.ifExists() && ctx.knownAbsent(r)) {
                    continue;
                }
                ctx.report(r, "DROP " + d.objectType() + " " + r.display() + (d.cascade() ? " CASCADE" : "")
                                + " breaks application instances still using it, and its data is lost.",
                        "-- first release the code that no longer uses " + r.display() + "; then, in a migration of its own,\n"
                                + "-- applied once no instance of the old code runs:\n"
                                + "-- zdm:phase=contract\n\n"
                                + Sql.asWritten(ctx.statement().sql()) + ";");
            }
        });
    }

    /** A view dropped to be created again further down the same migration (replaced within one transaction). */
    private static boolean recreatedLater(StatementContext ctx, RelationName view) {
        var statements = ctx.script().statements();
        for (int i = ctx.statement().index() + 1; i < statements.size(); i++) {
            RelationName created = statements.get(i).model().created();
            if (created != null && created.sameAs(view)) {
                return true;
            }
        }
        return false;
    }
}
