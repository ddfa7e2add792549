package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;

/** ZDM132: TRUNCATE of an existing table. */
final class Truncate extends Rule {
    Truncate() {
        super("ZDM132", "truncate", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "TRUNCATE of an existing table";
    }

    @Override
    public String why() {
        return "TRUNCATE takes ACCESS EXCLUSIVE (reads and writes wait, and it queues behind every running query) and "
                + "deletes every row at once; with CASCADE it empties the referencing tables too.";
    }

    @Override
    public String safeRewrite() {
        return "If the data must go, DELETE in batches (`-- zdm:batched key=id size=5000`); if the table is being retired, "
                + "drop it in a contract step. If it is truly meant (a cache table), mark it "
                + "`-- zdm:ignore ZDM132 <why>`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "TRUNCATE lint_t", "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.Truncate.class).ifPresent(t -> {
            for (RelationName table : t.tables()) {
                if (!ctx.isNew(table)) {
                    ctx.report(table, "TRUNCATE " + table.display() + " takes ACCESS EXCLUSIVE and deletes every row at once.",
                            "-- zdm:batched key=id size=5000\nDELETE FROM " + table.display() + ";");
                }
            }
        });
    }
}
