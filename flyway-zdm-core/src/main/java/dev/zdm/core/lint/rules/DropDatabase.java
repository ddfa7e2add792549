package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;

/** ZDM140: DROP DATABASE in a migration. */
final class DropDatabase extends Rule {
    DropDatabase() {
        super("ZDM140", "drop-database", Severity.ERROR, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "DROP DATABASE";
    }

    @Override
    public String why() {
        return "A migration that drops a database destroys every table in it for good, in every environment the "
                + "migration reaches. It also cannot run in a transaction block.";
    }

    @Override
    public String safeRewrite() {
        return "Drop databases by hand or with infrastructure tooling, never in a schema migration.";
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.DropDatabase.class).ifPresent(d -> ctx.report(
                d.name() == null ? null : RelationName.of(d.name()),
                "DROP DATABASE " + Sql.id(d.name()) + " destroys every table in it, in every environment this migration reaches.",
                "Remove the statement from the migration, and drop databases with infrastructure tooling."));
    }
}
