package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.StatementDetail;

/** ZDM106: CREATE INDEX CONCURRENTLY IF NOT EXISTS, satisfied by an invalid leftover of a failed attempt. */
public final class CreateIndexConcurrentlyIfNotExists extends Rule {
    public CreateIndexConcurrentlyIfNotExists() {
        super("ZDM106", "create-index-concurrently-if-not-exists", Severity.WARNING, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS";
    }

    @Override
    public String why() {
        return "A CREATE INDEX CONCURRENTLY that fails or is cancelled leaves an INVALID index behind "
                + "(pg_index.indisvalid = false). The retry's IF NOT EXISTS then finds that name and does nothing: the "
                + "migration succeeds, the index is never used by queries, still slows every write, and a UNIQUE one "
                + "does not enforce uniqueness.";
    }

    @Override
    public String safeRewrite() {
        return "Drop a leftover first and create without IF NOT EXISTS: `DROP INDEX CONCURRENTLY IF EXISTS idx;` then "
                + "`CREATE INDEX CONCURRENTLY idx ON t (col);` (both non-transactional, so they may share a migration).";
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.CreateIndex.class).filter(ci -> ci.concurrently() && ci.ifNotExists()).ifPresent(ci -> {
            if (ci.table() != null && ctx.isNew(ci.table())) {
                return;
            }
            String idx = ci.index() == null ? "<index>" : ci.index().display();
            ctx.report(ci.table(), "IF NOT EXISTS is satisfied by an INVALID index " + idx + " left by a failed earlier "
                    + "attempt: the migration would succeed without a usable index.",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + idx + ";\n" + Sql.remove(ctx.statement().sql(), "\\s+IF\\s+NOT\\s+EXISTS") + ";");
        });
    }
}
