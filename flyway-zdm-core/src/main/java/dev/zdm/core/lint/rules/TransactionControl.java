package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.StatementDetail;

/** ZDM141: BEGIN / COMMIT / ROLLBACK and friends inside a migration. */
final class TransactionControl extends Rule {
    TransactionControl() {
        super("ZDM141", "transaction-control", Severity.ERROR, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "Explicit BEGIN / COMMIT / ROLLBACK in a migration";
    }

    @Override
    public String why() {
        return "Flyway runs each migration in its own transaction and records it in flyway_schema_history in the same "
                + "transaction. A COMMIT in the script ends that transaction early (a later failure can no longer roll back "
                + "what came before, and the history disagrees with the schema); BEGIN only warns, ROLLBACK discards the work "
                + "Flyway then records as applied.";
    }

    @Override
    public String safeRewrite() {
        return "Remove the transaction statements: one migration is one transaction. To commit between steps, split the "
                + "migration; for batches, use `-- zdm:batched` or a BatchedBackfillMigration.";
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.TransactionControl.class).ifPresent(t -> ctx.report(null,
                t.command() + " in a migration fights Flyway's own transaction around it: what it records in "
                        + "flyway_schema_history may not match what was committed.",
                "Remove '" + Sql.oneLine(ctx.statement().sql()) + "'; split the migration where a commit is needed."));
    }
}
