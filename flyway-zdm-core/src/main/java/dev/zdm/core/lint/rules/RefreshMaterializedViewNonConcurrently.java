package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.StatementDetail;

/** ZDM137: REFRESH MATERIALIZED VIEW without CONCURRENTLY. */
final class RefreshMaterializedViewNonConcurrently extends Rule {
    RefreshMaterializedViewNonConcurrently() {
        super("ZDM137", "refresh-materialized-view-non-concurrently", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "REFRESH MATERIALIZED VIEW without CONCURRENTLY";
    }

    @Override
    public String why() {
        return "A plain refresh holds ACCESS EXCLUSIVE on the materialized view while it recomputes it: every SELECT on "
                + "the view waits for the whole query.";
    }

    @Override
    public String safeRewrite() {
        return "`REFRESH MATERIALIZED VIEW CONCURRENTLY v;` (EXCLUSIVE lock: reads go on). It needs a unique index on the "
                + "view (`CREATE UNIQUE INDEX CONCURRENTLY v_key ON v (id);` first) and a populated view.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE MATERIALIZED VIEW lint_t AS SELECT 1 AS id", "REFRESH MATERIALIZED VIEW lint_t", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.RefreshMaterializedView.class)
                .filter(r -> !r.concurrently() && !r.withNoData() && r.view() != null && !ctx.isNew(r.view()))
                .ifPresent(r -> ctx.report(r.view(), "REFRESH MATERIALIZED VIEW " + r.view().display() + " holds ACCESS "
                                + "EXCLUSIVE while it recomputes the view: every SELECT on it waits.",
                        "REFRESH MATERIALIZED VIEW CONCURRENTLY " + r.view().display() + ";  -- needs a unique index on "
                                + r.view().display()));
    }
}
