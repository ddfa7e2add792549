package dev.zdm.core.ddl;

import dev.zdm.core.lock.BlockerWatch;
import dev.zdm.core.lock.ContentionExhaustedException;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.core.lock.LockRetry;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs a DDL statement that takes a strong lock for an instant (ACCESS EXCLUSIVE or SHARE ROW EXCLUSIVE, no
 * scan) so that it can never queue traffic behind it for long: the lock-safe runner's {@link LockRetry} with
 * the operation's short {@code lock_timeout}, retried on contention with exponential backoff and full jitter
 * a bounded number of times.
 */
final class ShortLockDdl {
    /** The attempts, not the clock, bound these retries. */
    private static final Duration NO_TIME_LIMIT = Duration.ofDays(1);

    private ShortLockDdl() {
    }

    /**
     * Executes {@code sql} in its own transaction (autocommit). {@code relationOids} are the tables it locks, used to
     * name the sessions in the way when the retries run out.
     */
    static void run(DdlSession session, String sql, long... relationOids) throws SQLException {
        session.reporter.info("running " + sql);
        retried(session, sql, false, () -> {
            try (Statement s = session.connection.createStatement()) {
                s.execute(sql);
            }
        }, relationOids);
    }

    /** Statements of one short-lock transaction, run by {@link #inTransaction}; they may read the catalog in between. */
    @FunctionalInterface
    interface Transaction {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own on the autocommit connection, committed at its end: every attempt
     * with the short {@code lock_timeout} ({@code SET LOCAL}), rolled back whole and retried on contention like
     * {@link #run}. For several statements that must take effect together and read the catalog under their locks
     * ({@code label} names them in the messages).
     */
    static void inTransaction(DdlSession session, String label, Transaction work, long... relationOids) throws SQLException {
        session.reporter.info("running " + label + " in one transaction");
        retried(session, label, true, work, relationOids);
    }

    private static void retried(DdlSession session, String sql, boolean ownTransaction, Transaction work, long[] relationOids)
            throws SQLException {
        DdlOptions o = session.options;
        int attempts = o.lockRetries() + 1;
        LockPolicy policy = new LockPolicy(o.lockTimeout(), null, attempts, NO_TIME_LIMIT, o.retryBaseDelay(), o.retryMaxDelay(), null);
        try (BlockerWatch watch = new BlockerWatch(session.observers)) {
            LockRetry retry = new LockRetry(policy, watch, (attempt, sqlState, blockers, pause, next) -> session.reporter.warn(sql
                    + ": lock not granted within lock_timeout " + Durations.format(o.lockTimeout()) + " (attempt " + attempt + " of "
                    + attempts + "); retrying in " + Durations.format(pause) + (blockers.isEmpty() ? "" : "; blocked by:" + Sessions.describe(blockers))));
            LockRetry.Work<Void> once = () -> {
                work.run();
                return null;
            };
            if (ownTransaction) {
                retry.inOwnTransaction(session.connection, false, once);
            } else {
                retry.inAutocommit(session.connection, once);
            }
        } catch (ContentionExhaustedException e) {
            throw exhausted(session, sql, e, relationOids);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DdlException(sql + ": " + e.getMessage());
        }
    }

    /**
     * {@code ALTER TABLE t DROP CONSTRAINT IF EXISTS c} as a step of {@code phase} (an undo, or a contract dropping a
     * helper): done when the table or the constraint is gone.
     */
    static Step dropConstraint(Phase phase, QualifiedName table, String name) {
        return Step.of(phase, "drop constraint", style -> dropConstraintSql(style, table, name), LockLevel.ACCESS_EXCLUSIVE, true,
                List.of(table),
                c -> {
                    Optional<Catalog.Table> t = c.table(table);
                    return t.isEmpty() || c.constraint(t.get().oid(), name).isEmpty();
                },
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    run(s, dropConstraintSql(SqlStyle.QUOTED, t.qualified(), name), t.oid());
                });
    }

    static String dropConstraintSql(SqlStyle style, QualifiedName table, String name) {
        return "ALTER TABLE " + style.table(table) + " DROP CONSTRAINT IF EXISTS " + style.id(name);
    }

    private static DdlException exhausted(DdlSession session, String sql, ContentionExhaustedException e, long[] relationOids) {
        String blockers = e.blockers().isEmpty() ? holders(session, relationOids) : " Sessions in the way:" + Sessions.describe(e.blockers());
        SQLException cause = e.getCause() instanceof SQLException sql2 ? sql2 : new SQLException(e.getMessage(), e.sqlState());
        return new DdlException(sql + " could not get its lock: " + e.attempts() + " attempts with lock_timeout "
                + Durations.format(session.options.lockTimeout()) + " each all timed out (" + SqlStates.describe(cause) + ")."
                + blockers
                + "\nNothing was changed by this statement. Run again when those sessions are done, end them "
                + "(SELECT pg_terminate_backend(pid)), or allow more lock retries.", cause);
    }

    /** The sessions holding locks on the relations right now, for the message; empty when unknown. */
    private static String holders(DdlSession session, long[] relationOids) {
        if (relationOids.length == 0) {
            return "";
        }
        try {
            List<SessionInfo> holders = Sessions.holdingLocksOn(session.connection, relationOids);
            return holders.isEmpty() ? "" : " Sessions holding locks on the table now:" + Sessions.describe(holders);
        } catch (SQLException ignored) {
            return "";
        }
    }
}
