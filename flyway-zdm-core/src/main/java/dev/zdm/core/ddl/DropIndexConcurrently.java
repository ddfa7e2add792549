package dev.zdm.core.ddl;

import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code DROP INDEX CONCURRENTLY}: SHARE UPDATE EXCLUSIVE on the table, then waits for every transaction using the
 * table (reported and bounded like a build). Idempotent with {@code IF EXISTS}; a drop cancelled half-way leaves
 * the index INVALID, which the next run drops. A partitioned index cannot be dropped concurrently (PostgreSQL
 * refuses): it is dropped with a plain {@code DROP INDEX} under a short lock_timeout with retries, which is
 * catalog-only and instant once the lock is granted.
 */
final class DropIndexConcurrently {
    private final QualifiedName index;
    private final boolean ifExists;

    DropIndexConcurrently(QualifiedName index, boolean ifExists) {
        this.index = index;
        this.ifExists = ifExists;
    }

    /**
     * One contract step (dropping an index takes it from the application): done when the index is gone. A done drop is
     * still run: it says there is nothing to drop, or, without IF EXISTS, that the index does not exist.
     */
    static Operation operation(QualifiedName index, boolean ifExists) {
        DropIndexConcurrently drop = new DropIndexConcurrently(index, ifExists);
        Step step = Step.of(Phase.CONTRACT, "drop the index concurrently", style -> dropSql(style, index), LockLevel.SHARE_UPDATE_EXCLUSIVE,
                false, List.of(index), c -> c.index(index).isEmpty(), drop::apply).whenDone(drop::apply);
        return new Operation("drop index " + index, List.of(step));
    }

    /** Dropping {@code index} concurrently if it exists, as the undo of an expand step that built it. */
    static Step dropStep(QualifiedName index) {
        DropIndexConcurrently drop = new DropIndexConcurrently(index, true);
        return Step.of(Phase.EXPAND, "drop the index concurrently", style -> dropSql(style, index), LockLevel.SHARE_UPDATE_EXCLUSIVE,
                false, List.of(index), c -> c.index(index).isEmpty(), drop::apply);
    }

    static String dropSql(SqlStyle style, QualifiedName index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + style.table(index);
    }

    void apply(DdlSession s) throws SQLException {
        Optional<Catalog.Index> found = s.catalog.index(index);
        if (found.isEmpty()) {
            if (ifExists) {
                s.reporter.info("index " + index + " does not exist; nothing to drop");
                return;
            }
            throw new DdlException("DROP INDEX CONCURRENTLY " + index.quoted() + ": index " + index + " does not exist. If an earlier "
                    + "run already dropped it, write DROP INDEX CONCURRENTLY IF EXISTS to make the statement safe to run again.");
        }
        Catalog.Index idx = found.get();
        if (idx.partitioned()) {
            s.reporter.info("index " + idx.qualified() + " is a partitioned index, which PostgreSQL cannot drop concurrently; "
                    + "dropping it with a short lock_timeout instead (no scan: the lock is held for an instant)");
            ShortLockDdl.run(s, "DROP INDEX IF EXISTS " + idx.qualified().quoted(), idx.tableOid());
            return;
        }
        Optional<Long> parent = s.catalog.parentIndex(idx.oid());
        if (parent.isPresent()) {
            String parentName = s.catalog.index(parent.get()).map(p -> p.qualified().toString()).orElse("oid " + parent.get());
            throw new DdlException("DROP INDEX CONCURRENTLY " + idx.qualified().quoted() + ": the index belongs to the partitioned index "
                    + parentName + " and cannot be dropped on its own; drop " + parentName + " instead.");
        }
        String sql = "DROP INDEX CONCURRENTLY IF EXISTS " + idx.qualified().quoted();
        String label = "drop index " + idx.qualified();
        DdlRetry.run(s, attempt -> {
            WatchedStatement.run(s, label, sql, s.options.waitTimeout());
            s.reporter.info(label + ": dropped");
            return null;
        }, (e, failed) -> {
            if (e instanceof WaitedTooLong waited) {
                throw new DdlException(label + ": DROP INDEX CONCURRENTLY gave up after waiting " + Durations.format(waited.waited())
                        + " for transactions that use the table (wait timeout " + Durations.format(s.options.waitTimeout())
                        + "). In the way (pids " + waited.pids() + "):" + waited.sessionsText() + "\nThe index may now be INVALID: no longer used by "
                        + "queries, still maintained on writes. What to do: let those transactions finish or end them "
                        + "(SELECT pg_terminate_backend(pid)), then run again to finish the drop.\nStatement: " + sql, e);
            }
            if (Failures.connectionLost(s.connection, e) || !Failures.retryable(e) || failed.last()) {
                throw new DdlException(label + ": DROP INDEX CONCURRENTLY failed: " + SqlStates.describe(e)
                        + "\nThe index may be left INVALID; running again finishes the drop.\nStatement: " + sql, e);
            }
            s.reporter.warn(label + ": failed on attempt " + failed.attempt() + " of " + failed.maxAttempts() + " (" + SqlStates.describe(e)
                    + "); retrying in " + Durations.format(failed.pause()));
        });
    }

    /** Drops an invalid index left by a failed build, waiting at most {@code budget} for the table's users. */
    static void dropLeftover(DdlSession s, Catalog.Index leftover, Duration budget) throws SQLException {
        if (leftover.partitioned()) {
            ShortLockDdl.run(s, "DROP INDEX IF EXISTS " + leftover.qualified().quoted(), leftover.tableOid());
        } else {
            WatchedStatement.run(s, "drop invalid index " + leftover.qualified(),
                    "DROP INDEX CONCURRENTLY IF EXISTS " + leftover.qualified().quoted(), budget);
        }
    }
}
