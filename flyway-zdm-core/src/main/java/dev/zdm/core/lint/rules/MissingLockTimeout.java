package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationLock;

/**
 * ZDM143: a statement that takes a blocking lock on an existing table with no lock_timeout set, when the
 * migrations run without flyway-zdm's runner ({@code flyway.zdm.lint.assumeRunner=false}).
 */
final class MissingLockTimeout extends Rule {
    MissingLockTimeout() {
        super("ZDM143", "missing-lock-timeout", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "Blocking lock without lock_timeout (only when flyway.zdm.lint.assumeRunner=false)";
    }

    @Override
    public String why() {
        return "The usual outage is the lock queue: an ALTER waiting behind one long-running query makes every later "
                + "query on the table wait behind the ALTER, for as long as that query runs. `lock_timeout` bounds the wait: "
                + "the statement fails fast instead and can be retried. flyway-zdm's runner sets it (with retries) for every "
                + "migration, so this rule applies only with `flyway.zdm.lint.assumeRunner=false`. It reports the first such "
                + "statement of each migration.";
    }

    @Override
    public String safeRewrite() {
        return "Start the migration with `SET lock_timeout = '2s';` (or `SET LOCAL`; or set it through Flyway's `initSql`), "
                + "and retry the migration when it times out.";
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.config().assumeRunner() || ctx.schema().lockTimeoutSet(ctx.script().file())) {
            return;
        }
        for (RelationLock lock : ctx.model().locks()) {
            if (lock.level().compareTo(LockLevel.SHARE) < 0 || ctx.isNew(lock.relation())) {
                continue;
            }
            for (int i = 0; i < ctx.statement().index(); i++) {
                if (reported(ctx, ctx.script().statements().get(i))) {
                    return;
                }
            }
            ctx.report(lock.relation(), "takes " + lock.level().sql() + " on " + lock.relation().display() + " with no "
                            + "lock_timeout: while it waits for a running query, every new query on " + lock.relation().display()
                            + " (" + lock.level().blocks() + ") queues behind it.",
                    "SET lock_timeout = '2s';  -- first line of " + ctx.script().file());
            return;
        }
    }

    /** Whether an earlier statement of the file already got this finding (one per migration is enough). */
    private static boolean reported(StatementContext ctx, dev.zdm.core.sql.SqlStatement earlier) {
        for (RelationLock lock : earlier.model().locks()) {
            if (lock.level().compareTo(LockLevel.SHARE) >= 0 && !ctx.script().createdBefore(lock.relation(), earlier.index())) {
                return true;
            }
        }
        return false;
    }
}
