package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.ScriptContext;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/** ZDM134: ACCESS EXCLUSIVE on several existing tables in one transactional migration. */
final class SeveralAccessExclusiveLocks extends Rule {
    SeveralAccessExclusiveLocks() {
        super("ZDM134", "several-access-exclusive-locks", Severity.WARNING, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ACCESS EXCLUSIVE on several existing tables in one transaction";
    }

    @Override
    public String why() {
        return "Locks are held until the migration's transaction commits. Once the first table is locked, every query on "
                + "it waits while the migration queues for the next table's lock behind that table's readers; an "
                + "application transaction touching the tables in the other order deadlocks with it.";
    }

    @Override
    public String safeRewrite() {
        return "One table per migration for statements that take ACCESS EXCLUSIVE, so each lock is held only briefly.";
    }

    @Override
    public void checkScript(ScriptContext ctx) {
        if (ctx.script().hasNonTransactionalStatement() || Boolean.FALSE.equals(ctx.source().executeInTransaction())) {
            return;
        }
        // Locks taken by one statement on several tables (DROP TABLE a, b; DETACH PARTITION) are that
        // statement's business; this rule is about locks piling up across statements.
        List<RelationName> locked = new ArrayList<>();
        int firstStatement = -1;
        boolean reported = false;
        for (SqlStatement s : ctx.script().statements()) {
            for (RelationLock lock : s.model().locks()) {
                boolean onIndex = s.model().index() != null && s.model().index().sameAs(lock.relation());
                if (lock.level() != LockLevel.ACCESS_EXCLUSIVE || onIndex || ctx.isNewAt(lock.relation(), s)
                        || locked.stream().anyMatch(r -> r.sameAs(lock.relation()))) {
                    continue;
                }
                if (firstStatement < 0) {
                    firstStatement = s.index();
                }
                if (s.index() == firstStatement) {
                    locked.add(lock.relation());
                    continue;
                }
                locked.add(lock.relation());
                if (!reported) {
                    reported = true;
                    ctx.report(s, lock.relation(), "this migration holds ACCESS EXCLUSIVE on " + locked.get(0).display()
                                    + " while it waits for ACCESS EXCLUSIVE on " + lock.relation().display()
                                    + ": queries on " + locked.get(0).display() + " stall meanwhile, and transactions taking "
                                    + "them in the other order deadlock.",
                            "Split the migration: one migration for the changes to " + locked.get(0).display()
                                    + ", another for " + lock.relation().display() + ".");
                }
            }
            renamed(s, locked);
        }
    }

    /** After {@code ALTER TABLE a RENAME TO b} a lock held on {@code a} is held on {@code b}: the same table. */
    private static void renamed(SqlStatement s, List<RelationName> locked) {
        RelationName table = s.model().table();
        for (AlterAction a : Sql.actions(s.model())) {
            if (a instanceof AlterAction.RenameTable r && r.to() != null && table != null
                    && locked.stream().anyMatch(l -> l.sameAs(table))) {
                locked.add(new RelationName(table.schema(), r.to()));
            }
        }
    }
}
