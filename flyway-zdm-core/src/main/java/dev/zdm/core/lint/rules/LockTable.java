package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;

/** ZDM133: an explicit LOCK TABLE. */
final class LockTable extends Rule {
    LockTable() {
        super("ZDM133", "lock-table", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "Explicit LOCK TABLE";
    }

    @Override
    public String why() {
        return "LOCK TABLE holds the lock until the migration commits, not just for one statement. The default mode is "
                + "ACCESS EXCLUSIVE (everything waits, SELECTs too); SHARE and stronger block writes. Reported as a warning "
                + "for the weaker modes, which block no ordinary traffic.";
    }

    @Override
    public String safeRewrite() {
        return "Remove it: each statement takes the lock it needs, and flyway-zdm's runner takes it with a short "
                + "lock_timeout and retries. If a consistent snapshot of several statements is needed, use the weakest mode "
                + "that works and keep the migration short.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "LOCK TABLE lint_t IN SHARE MODE", "lint_t", LockLevel.SHARE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.LockTable.class).ifPresent(l -> {
            for (RelationName table : l.tables()) {
                if (ctx.isNew(table)) {
                    continue;
                }
                Severity severity = l.mode().blocksWrites() ? defaultSeverity() : Severity.WARNING;
                ctx.report(severity, table, "LOCK TABLE " + table.display() + " IN " + l.mode().sql() + " MODE blocks "
                        + l.mode().blocks() + " on " + table.display() + " until the migration commits.",
                        "Remove the LOCK TABLE statement; the statements that follow take the locks they need.");
            }
        });
    }
}
