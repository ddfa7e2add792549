package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;

/** ZDM136: DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+ has the concurrent form). */
final class DetachPartitionNonConcurrently extends Rule {
    DetachPartitionNonConcurrently() {
        super("ZDM136", "detach-partition-non-concurrently", Severity.ERROR, Impact.LOCKING, PgVersions.from(14));
    }

    @Override
    public String summary() {
        return "DETACH PARTITION without CONCURRENTLY";
    }

    @Override
    public String why() {
        return "DETACH PARTITION takes ACCESS EXCLUSIVE on the parent table: every query on the whole partitioned table "
                + "waits, and the lock queues behind every running query on it. Since PostgreSQL 14, "
                + "DETACH PARTITION ... CONCURRENTLY takes SHARE UPDATE EXCLUSIVE on the parent instead.";
    }

    @Override
    public String safeRewrite() {
        return "`ALTER TABLE parent DETACH PARTITION part CONCURRENTLY;` alone in a migration (it cannot run in a "
                + "transaction block; without flyway-zdm's runner also add `executeInTransaction=false` in its script "
                + "configuration file, see ZDM105). If it is interrupted, finish with `... DETACH PARTITION part FINALIZE`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (k int) PARTITION BY RANGE (k); CREATE TABLE lint_t_0 PARTITION OF lint_t FOR VALUES FROM (0) TO (10)",
                "ALTER TABLE lint_t DETACH PARTITION lint_t_0", "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName parent = ctx.model().table();
        if (parent == null || ctx.isNew(parent)) {
            return;
        }
        for (AlterAction a : Sql.actions(ctx.model())) {
            if (a instanceof AlterAction.DetachPartition d && !d.concurrently() && !d.finalizeDetach()) {
                ctx.report(parent, "DETACH PARTITION takes ACCESS EXCLUSIVE on " + Sql.name(parent) + ": every query on the "
                                + "partitioned table waits while it queues and runs.",
                        "ALTER TABLE " + Sql.name(parent) + " DETACH PARTITION " + Sql.name(d.partition()) + " CONCURRENTLY;\n"
                                + (ctx.config().assumeRunner() ? "-- alone in its migration"
                                : "-- alone in its migration, with executeInTransaction=false in " + ctx.script().file() + ".conf"));
            }
        }
    }
}
