package dev.zdm.core.lint.rules;

import dev.zdm.core.ddl.OperationPlans;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.StatementDetail;

/** ZDM101: CREATE INDEX without CONCURRENTLY on a table that already exists. */
final class CreateIndexNonConcurrently extends Rule {
    CreateIndexNonConcurrently() {
        super("ZDM101", "create-index-non-concurrently", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "CREATE INDEX without CONCURRENTLY on an existing table";
    }

    @Override
    public String why() {
        return "A plain CREATE INDEX takes a SHARE lock on the table for the whole build: every INSERT, UPDATE and "
                + "DELETE waits until the index is built, which on a large table takes minutes. Reads go on.";
    }

    @Override
    public String safeRewrite() {
        return "`CREATE INDEX CONCURRENTLY idx ON t (col);` in a migration of its own (it cannot run in a transaction "
                + "block; Flyway runs such a migration without one). It takes SHARE UPDATE EXCLUSIVE, which blocks "
                + "neither reads nor writes. A table created in the same migration needs no CONCURRENTLY. For a "
                + "partitioned table, `CREATE INDEX ... ON ONLY parent`, then CONCURRENTLY on each partition and "
                + "`ALTER INDEX parent_idx ATTACH PARTITION part_idx`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int, email text)", "CREATE INDEX lint_t_email ON lint_t (email)",
                "lint_t", LockLevel.SHARE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.CreateIndex.class).ifPresent(ci -> {
            if (ci.concurrently() || ci.only() || ci.table() == null || ctx.isNew(ci.table())) {
                return;
            }
            String concurrent = Sql.insertAfter(ctx.statement().sql().strip(), "\\bINDEX\\b", " CONCURRENTLY");
            String fix;
            if (ci.ifNotExists() && ci.index() != null) {
                // IF NOT EXISTS would accept an INVALID leftover of a failed build (ZDM106): drop any leftover instead.
                fix = OperationPlans.dropIndex(Sql.qualified(ci.index())).sql() + ";\n"
                        + Sql.remove(concurrent, "\\s+IF\\s+NOT\\s+EXISTS") + ";\n" + Sql.OWN_MIGRATION;
            } else {
                fix = concurrent + ";\n" + Sql.OWN_MIGRATION;
            }
            ctx.report(ci.table(), "CREATE INDEX on " + Sql.name(ci.table()) + " takes a SHARE lock: INSERT, UPDATE and DELETE on "
                    + Sql.name(ci.table()) + " wait until the index is built (minutes on a large table).", fix);
        });
    }
}
