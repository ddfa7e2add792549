package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.ScriptContext;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementKind;
import java.util.regex.Pattern;

/**
 * ZDM105: a statement PostgreSQL refuses in a transaction block, which will run in one: plain Flyway does
 * not recognise REINDEX ... CONCURRENTLY or DETACH PARTITION ... CONCURRENTLY (flyway-zdm's runner does),
 * a script configuration can force a transaction, and an explicit BEGIN before the statement opens one.
 */
final class NonTransactionalInTransaction extends Rule {
    // What Flyway 13.12's PostgreSQLParser.detectCanExecuteInTransaction recognises as non-transactional.
    private static final Pattern FLYWAY_DETECTS = Pattern.compile(
            "^(?:(?:CREATE|DROP) (?:DATABASE|TABLESPACE|SUBSCRIPTION)|ALTER SYSTEM|(?:CREATE|DROP)(?: UNIQUE)? INDEX CONCURRENTLY"
                    + "|REINDEX(?: VERBOSE)? (?:SCHEMA|DATABASE|SYSTEM)|VACUUM|DISCARD ALL)");

    NonTransactionalInTransaction() {
        super("ZDM105", "non-transactional-statement-in-transaction", Severity.ERROR, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "A statement that cannot run in a transaction block would run in one";
    }

    @Override
    public String why() {
        return "PostgreSQL refuses REINDEX ... CONCURRENTLY, DETACH PARTITION ... CONCURRENTLY, CLUSTER without a table "
                + "and the other non-transactional statements inside a transaction block (SQLSTATE 25001). Flyway runs a "
                + "migration in a transaction unless it recognises such a statement, and plain Flyway 13 does not recognise "
                + "these two CONCURRENTLY forms (flyway-zdm's runner teaches it to, so with the runner only "
                + "`flyway.zdm.lint.assumeRunner=false` reports them); `executeInTransaction=true` in a script configuration "
                + "file forces a transaction, and an explicit BEGIN in the script opens a block too. The migration fails.";
    }

    @Override
    public String safeRewrite() {
        return "Put the statement in a migration of its own; without flyway-zdm's runner add a script configuration file "
                + "next to it, `V7__reindex.sql.conf` containing `executeInTransaction=false`; remove explicit BEGIN/COMMIT.";
    }

    @Override
    public void checkScript(ScriptContext ctx) {
        boolean explicitBlock = false;
        for (SqlStatement s : ctx.script().statements()) {
            if (s.model().kind() == StatementKind.TRANSACTION_CONTROL) {
                String command = s.model().detail(StatementDetail.TransactionControl.class).map(StatementDetail.TransactionControl::command).orElse("");
                explicitBlock = command.equals("BEGIN") || command.equals("START");
                continue;
            }
            if (!s.model().mustRunOutsideTransaction()) {
                continue;
            }
            Boolean configured = ctx.source().executeInTransaction();
            boolean flywayWrapsIt = Boolean.TRUE.equals(configured)
                    || configured == null && !flywayDetects(s) && !ctx.config().assumeRunner();
            if (explicitBlock) {
                report(ctx, s, "it follows an explicit BEGIN in the script", "Remove the BEGIN/COMMIT around it.");
            } else if (flywayWrapsIt) {
                String conf = ctx.script().file() + ".conf";
                report(ctx, s, Boolean.TRUE.equals(ctx.source().executeInTransaction())
                                ? conf + " sets executeInTransaction=true"
                                : "Flyway without flyway-zdm's runner does not recognise it as non-transactional and runs the "
                                + "migration in a transaction",
                        "Keep it alone in its migration and add " + conf + " with the line: executeInTransaction=false");
            }
        }
    }

    private void report(ScriptContext ctx, SqlStatement s, String reason, String fix) {
        ctx.report(s, s.model().table() != null ? s.model().table() : s.model().index(),
                "'" + Sql.oneLine(s.sql()) + "' cannot run in a transaction block, but " + reason
                        + ": PostgreSQL will refuse it (25001) and the migration fails.", fix);
    }

    static boolean flywayDetects(SqlStatement s) {
        String simplified = Sql.oneLineFull(s.sql()).toUpperCase(java.util.Locale.ROOT);
        return FLYWAY_DETECTS.matcher(simplified).find();
    }
}
