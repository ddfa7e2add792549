package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.ScriptContext;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementKind;
import java.util.List;

/** ZDM104: a statement that must run outside a transaction, in a migration with transactional statements. */
final class ConcurrentlyMixedWithTransactional extends Rule {
    ConcurrentlyMixedWithTransactional() {
        super("ZDM104", "concurrently-mixed-with-transactional", Severity.ERROR, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "CONCURRENTLY (or another non-transactional statement) mixed with transactional statements in one migration";
    }

    @Override
    public String why() {
        return "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM and a few others "
                + "cannot run in a transaction block, and a `-- zdm:batched` UPDATE/DELETE commits batch by batch (the "
                + "flyway-zdm runner runs its migration without a transaction). Flyway refuses a migration that mixes them with transactional "
                + "statements; with `flyway.mixed=true` it runs the whole file without a transaction, so a failure halfway "
                + "leaves the migration half applied, with no rollback.";
    }

    @Override
    public String safeRewrite() {
        return "Give each non-transactional statement a migration of its own (several CONCURRENTLY statements may share "
                + "one), and keep the transactional statements in another migration.";
    }

    @Override
    public void checkScript(ScriptContext ctx) {
        List<SqlStatement> statements = ctx.script().statements();
        List<SqlStatement> outside = statements.stream().filter(ConcurrentlyMixedWithTransactional::outsideTransaction).toList();
        if (outside.isEmpty() || outside.size() == statements.size()) {
            return;
        }
        List<SqlStatement> inside = statements.stream().filter(s -> !outsideTransaction(s)).toList();
        SqlStatement first = outside.get(0);
        ctx.report(first, first.model().table() != null ? first.model().table() : first.model().index(),
                "'" + Sql.oneLine(first.sql()) + (first.model().mustRunOutsideTransaction() ? "' cannot run in a transaction block"
                        : "' is batched (it commits batch by batch, outside a transaction)") + ", but this migration also has "
                        + inside.size() + " transactional statement(s) (first: line " + inside.get(0).line() + "): Flyway "
                        + "refuses the mix, and with flyway.mixed=true a failure leaves the migration half applied.",
                "Move '" + Sql.oneLine(first.sql()) + "'" + (outside.size() > 1 ? " and the other " + (outside.size() - 1)
                        + " non-transactional statement(s)" : "") + " to a migration of its own.");
    }

    /**
     * PostgreSQL refuses it in a transaction block, or it is a {@code -- zdm:batched} UPDATE/DELETE, which commits batch by
     * batch: the flyway-zdm runner makes its migration non-transactional, so Flyway refuses the same mix.
     */
    private static boolean outsideTransaction(SqlStatement s) {
        return s.model().mustRunOutsideTransaction()
                || (s.model().kind() == StatementKind.UPDATE || s.model().kind() == StatementKind.DELETE)
                && s.directive("batched").isPresent();
    }
}
