package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.StatementDetail;

/** ZDM103: REINDEX without CONCURRENTLY. */
final class ReindexNonConcurrently extends Rule {
    ReindexNonConcurrently() {
        super("ZDM103", "reindex-non-concurrently", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "REINDEX without CONCURRENTLY";
    }

    @Override
    public String why() {
        return "REINDEX takes a SHARE lock on the table (writes wait) and ACCESS EXCLUSIVE on each index it rebuilds "
                + "(queries that would use the index wait) for the whole rebuild: minutes on a large table.";
    }

    @Override
    public String safeRewrite() {
        return "PostgreSQL 12 and later: `REINDEX INDEX CONCURRENTLY idx;` (or `REINDEX TABLE CONCURRENTLY t;`) in a "
                + "migration of its own (without flyway-zdm's runner also `executeInTransaction=false` in its script "
                + "configuration file: plain Flyway does not recognise REINDEX ... CONCURRENTLY, see ZDM105). Before 12: "
                + "`CREATE INDEX CONCURRENTLY idx_new ...; DROP INDEX CONCURRENTLY idx; ALTER INDEX idx_new RENAME TO idx;`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int); CREATE INDEX lint_t_id ON lint_t (id)", "REINDEX TABLE lint_t",
                "lint_t", LockLevel.SHARE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.Reindex.class).filter(r -> !r.concurrently()).ifPresent(r -> {
            if (r.name() != null && ctx.isNew(r.name())) {
                return;
            }
            String target = r.target() + (r.name() == null ? "" : " " + r.name().display());
            String fix = ctx.pgVersion() >= 12 && !r.target().equals("SYSTEM")
                    ? "REINDEX " + r.target() + " CONCURRENTLY" + (r.name() == null ? "" : " " + r.name().display())
                    + ";\n" + (ctx.config().assumeRunner() ? Sql.OWN_MIGRATION
                    : "In a migration of its own with executeInTransaction=false in its .sql.conf file.")
                    : "CREATE INDEX CONCURRENTLY <name>_new ON <table> (<same columns>);\nDROP INDEX CONCURRENTLY <name>;\n"
                    + "ALTER INDEX <name>_new RENAME TO <name>;";
            ctx.report(r.name(), "REINDEX " + target + " blocks writes to the table (SHARE) and queries using the index "
                    + "(ACCESS EXCLUSIVE on the index) for the whole rebuild.", fix);
        });
    }
}
