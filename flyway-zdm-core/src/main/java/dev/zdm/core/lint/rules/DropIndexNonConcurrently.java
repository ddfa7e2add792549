package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;

/** ZDM102: DROP INDEX without CONCURRENTLY. */
final class DropIndexNonConcurrently extends Rule {
    DropIndexNonConcurrently() {
        super("ZDM102", "drop-index-non-concurrently", Severity.WARNING, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "DROP INDEX without CONCURRENTLY";
    }

    @Override
    public String why() {
        return "DROP INDEX takes ACCESS EXCLUSIVE on the index's table. The drop itself is quick, but the lock waits "
                + "behind every running query on the table, and every query that arrives meanwhile (SELECTs too) queues "
                + "behind it: a long report query turns a millisecond drop into an outage.";
    }

    @Override
    public String safeRewrite() {
        return "`DROP INDEX CONCURRENTLY IF EXISTS idx;` in a migration of its own (one index per statement, no CASCADE). "
                + "It takes SHARE UPDATE EXCLUSIVE and waits for running transactions instead of blocking new ones.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int); CREATE INDEX lint_t_id ON lint_t (id)", "DROP INDEX lint_t_id",
                "lint_t_id", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.Drop.class).filter(d -> d.objectType().equals("INDEX") && !d.concurrently()).ifPresent(d -> {
            for (RelationName index : d.names()) {
                if (ctx.isNew(index) || d.ifExists() && ctx.knownAbsent(index)) {
                    continue;
                }
                ctx.report(index, "DROP INDEX " + index.display() + " takes ACCESS EXCLUSIVE on its table: every query on the "
                        + "table, reads included, queues behind it while it waits for running queries.",
                        "DROP INDEX CONCURRENTLY IF EXISTS " + index.display() + ";\n" + Sql.OWN_MIGRATION);
            }
        });
    }
}
