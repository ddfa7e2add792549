package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementDetail;

/**
 * ZDM106: without flyway-zdm's runner, CREATE INDEX CONCURRENTLY IF NOT EXISTS keeps whatever index of that name is
 * there, an INVALID leftover of a failed build included. Under the runner it is the recommended form and not reported.
 */
final class CreateIndexConcurrentlyIfNotExists extends Rule {
    CreateIndexConcurrentlyIfNotExists() {
        super("ZDM106", "create-index-concurrently-if-not-exists", Severity.WARNING, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS without flyway-zdm's runner (only with flyway.zdm.lint.assumeRunner=false)";
    }

    @Override
    public String why() {
        return "IF NOT EXISTS is the form to use: a CREATE INDEX CONCURRENTLY without it wedges migrate after a kill -9 "
                + "(the orphaned server backend finishes the build, and every later run fails with \"relation already exists\"). "
                + "Under flyway-zdm's runner an INVALID leftover of a failed or cancelled build is rebuilt either way and an "
                + "existing valid index is kept, so the rule stays silent there. Plain PostgreSQL (plain Flyway, psql) does no "
                + "such check: IF NOT EXISTS is satisfied by any index of that name, so an INVALID leftover "
                + "(pg_index.indisvalid = false) or an index with another definition is kept silently; the migration "
                + "succeeds, queries do not use the index, it still slows every write, and a UNIQUE one does not enforce "
                + "uniqueness.";
    }

    @Override
    public String safeRewrite() {
        return "Run migrations with flyway-zdm's runner; or, without it, drop a leftover first and keep IF NOT EXISTS: "
                + "`DROP INDEX CONCURRENTLY IF EXISTS idx;` then `CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON t (col);` "
                + "(both non-transactional, so they may share a migration).";
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.config().assumeRunner()) {
            return;
        }
        ctx.model().detail(StatementDetail.CreateIndex.class).filter(ci -> ci.concurrently() && ci.ifNotExists()).ifPresent(ci -> {
            if (ci.table() != null && ctx.isNew(ci.table()) || ci.index() != null && droppedBefore(ctx, ci.index())) {
                return;
            }
            String idx = ci.index() == null ? "<index>" : ci.index().display();
            ctx.report(ci.table(), "without flyway-zdm's runner, IF NOT EXISTS is satisfied by any index named " + idx
                    + ", an INVALID leftover of a failed earlier build or one with another definition: the migration would succeed"
                    + " without the index it describes.",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + idx + ";\n" + ctx.statement().sql() + ";");
        });
    }

    /** An earlier {@code DROP INDEX ... IF EXISTS} of the same name in this migration removes any leftover first. */
    private static boolean droppedBefore(StatementContext ctx, RelationName index) {
        for (SqlStatement s : ctx.script().statements()) {
            if (s.index() >= ctx.statement().index()) {
                return false;
            }
            boolean drops = s.model().detail(StatementDetail.Drop.class)
                    .filter(d -> d.objectType().equalsIgnoreCase("index") && d.ifExists() && d.names().stream().anyMatch(index::sameAs))
                    .isPresent();
            if (drops) {
                return true;
            }
        }
        return false;
    }
}
