package dev.zdm.core.backfill;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one backfill on one connection: resolve the table and key, pick up the checkpoint, walk the key
 * range batch by batch, verify, record the outcome.
 *
 * <p>Why the walk neither skips nor repeats a row: batch i changes the rows whose key lies in
 * {@code (k[i-1], k[i]]} and still match the predicate, and moves the checkpoint from {@code k[i-1]} to
 * {@code k[i]} in the same transaction. The ranges are contiguous and disjoint, so every key value belongs to
 * exactly one committed batch; a crash loses a whole batch and its checkpoint together, and the next run redoes
 * exactly that range. {@code k[i]} is read just before the batch (the key {@code n} positions on in the index),
 * and the batch re-reads the range itself, so rows inserted or deleted in between only make the batch a little
 * larger or smaller. Rows the application adds behind the walk (below the checkpoint) are what the final count
 * catches.
 */
final class BackfillRun {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRun.class.getPackageName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    /** Where the walk stands: the last committed key, the checkpoint's batch count, the keys walked in this pass. */
    private record Position(List<String> lastKey, long batches, long keysScanned) {
    }

    /** The upper end of the next batch and how many keys lie between the last key and it. */
    private record Bound(List<String> key, long keys) {
    }

    /** A failure whose state is already in the checkpoint (or belongs to another session's run): not recorded again. */
    private static final class AlreadyRecorded extends BackfillException {
        AlreadyRecorded(String message) {
            super(message);
        }
    }

    private final Connection connection;
    private final String id;
    private final Backfill spec;
    private final BackfillDefaults defaults;
    private final CheckpointStore store;
    private final String name;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final int maxRetries;
    private final Duration progressInterval;

    private TargetTable table;
    private KeyColumns key;
    private BatchSql sql;
    private BatchSizer sizer;
    private Throttle throttle;

    private long runStart;
    private long rowsChanged;
    private long keysScanned;
    private long batches;
    private long retries;
    private long longestBatchNanos;
    private long lastProgressLog;
    private long estimatedTotal;
    private long statementStart;
    /** Where batch time went (nanoseconds): bound queries, row changes, checkpoint writes, commits; for the debug summary. */
    private final long[] spent = new long[4];

    BackfillRun(Connection connection, String checkpointSchema, String id, Backfill spec, BackfillDefaults defaults) {
        this.connection = connection;
        this.id = id;
        this.spec = spec;
        this.defaults = defaults;
        this.store = new CheckpointStore(connection, checkpointSchema, id);
        this.name = spec.displayName();
        this.lockTimeout = spec.lockTimeout().orElse(defaults.lockTimeout());
        this.statementTimeout = spec.statementTimeout().orElse(defaults.statementTimeout());
        this.maxRetries = spec.maxRetries().orElse(defaults.maxRetries());
        this.progressInterval = spec.progressInterval().orElse(defaults.progressInterval());
    }

    BackfillResult execute() {
        runStart = System.nanoTime();
        boolean autoCommit = autoCommitOrFail();
        boolean locked = false;
        try {
            spec.validate();
            locked = acquireRunLock();
            return walkAndVerify();
        } catch (SQLException e) {
            throw recordFailure(new BackfillException("Backfill " + id + " (" + spec.describe() + ") failed: " + SqlStates.describe(e)
                    + ". The checkpoint keeps the progress made; fix the cause and run it again.", e));
        } catch (AlreadyRecorded e) {
            throw e;
        } catch (BackfillException e) {
            throw recordFailure(e);
        } catch (RuntimeException e) {
            throw recordFailure(new BackfillException("Backfill " + id + " (" + spec.describe() + ") failed: " + e, e));
        } finally {
            restore(autoCommit, locked);
        }
    }

    private BackfillResult walkAndVerify() throws SQLException {
        table = TargetTable.resolve(connection, spec);
        key = KeyResolver.resolve(connection, table, spec.key(), spec.describe());
        spec.refuseKeyAssignment(key.names());
        PredicateGuard.check(connection, table, spec);
        sql = new BatchSql(table, key, spec);
        String statement = sql.describeBatch();
        BackfillCheckpoint checkpoint = store.open(table, key, statement);

        if (checkpoint.state() == BackfillCheckpoint.State.DONE && (!spec.verifies() || RemainingRows.count(connection, sql) == 0)) {
            LOG.info("backfill {}: already done ({} rows, finished {}){}", name, checkpoint.rowsDone(), checkpoint.finishedAt(),
                    spec.verifies() ? "; verified that no row matches the predicate" : "");
            return result(null, true, spec.verifies());
        }
        checkpoint = startingPoint(checkpoint, statement);

        List<String> resumedFrom = checkpoint.lastKey();
        estimatedTotal = RowEstimate.of(connection, table);
        sizer = spec.fixedBatchSize().map(BatchSizer::fixed).orElseGet(() -> BatchSizer.adaptive(
                spec.targetBatchDurationOverride().orElse(defaults.targetBatchDuration()),
                spec.minBatchSize().orElse(defaults.minBatchSize()), spec.maxBatchSize().orElse(defaults.maxBatchSize())));
        spec.maxRowsPerSecond().ifPresent(sizer::cap);
        throttle = new Throttle(name, spec.pause().orElse(Duration.ZERO), spec.maxRowsPerSecond().orElse(null),
                spec.maxReplicationLag().orElse(defaults.maxReplicationLag()), LOG);
        logStart(checkpoint);

        connection.setAutoCommit(false);
        walk(new Position(resumedFrom, checkpoint.batches(), checkpoint.keysScanned()));
        long verifyStart = System.nanoTime();
        boolean verified = verify();
        LOG.debug("backfill {}: time in bound queries {}, row changes {}, checkpoint writes {}, commits {}, final count {}", name,
                ms(spent[0]), ms(spent[1]), ms(spent[2]), ms(spent[3]), ms(System.nanoTime() - verifyStart));
        store.finish(BackfillCheckpoint.State.DONE, null);
        connection.commit();
        BackfillResult result = result(resumedFrom, false, verified);
        LOG.info("backfill {}: done, {} rows {} in {} ({} batches, {} retries, longest batch {}){}", name, rowsChanged,
                spec.operation() == Backfill.Operation.DELETE ? "deleted" : "updated", ProgressLine.duration(result.elapsed()), batches,
                retries, ProgressLine.duration(result.longestBatch()), verified ? "; no row matches the predicate any more" : "");
        return result;
    }

    /** Where this run starts: after the checkpoint's last key, or from the first key in a new pass. */
    private BackfillCheckpoint startingPoint(BackfillCheckpoint checkpoint, String statement) throws SQLException {
        return switch (checkpoint.state()) {
            case DONE -> {
                LOG.info("backfill {}: done earlier, but rows match the predicate again; starting pass {}", name, checkpoint.pass() + 1);
                yield store.newPass(table, key, statement);
            }
            case INCOMPLETE -> {
                LOG.info("backfill {}: the last pass left rows matching the predicate; starting pass {} over the whole table",
                        name, checkpoint.pass() + 1);
                yield store.newPass(table, key, statement);
            }
            case RUNNING, FAILED -> {
                if (checkpoint.targetTable().equals(table.qualified()) && checkpoint.keyColumns().equals(key.names())) {
                    if (checkpoint.lastKey() == null || statement.equals(checkpoint.statement())) {
                        yield store.resume(statement);
                    }
                    yield changedStatement(checkpoint, statement);
                }
                if (checkpoint.lastKey() != null) {
                    LOG.warn("backfill {}: the checkpoint was for {} by key ({}), now it is {} by key {}: its position does not apply,"
                                    + " starting over (rows already changed no longer match the predicate and are skipped)",
                            name, checkpoint.targetTable(), String.join(", ", checkpoint.keyColumns()), table.qualified(), key.display());
                }
                yield store.newPass(table, key, statement);
            }
        };
    }

    /**
     * The backfill changed since its unfinished checkpoint was written: the rows before its last key were changed by the
     * old statement, so continuing would leave a mix. Refused unless the caller accepted a restart (a new pass over the
     * whole table with the new statement).
     */
    private BackfillCheckpoint changedStatement(BackfillCheckpoint checkpoint, String statement) throws SQLException {
        if (!defaults.restartChangedStatement()) {
            throw new BackfillException("backfill " + name + ": its statement changed since its unfinished checkpoint was written ("
                    + checkpoint.rowsDone() + " rows done up to key (" + String.join(", ", checkpoint.lastKey()) + ")).\n  checkpoint: "
                    + checkpoint.statement() + "\n  now:        " + statement + "\nContinuing would leave the rows before that key changed "
                    + "by the old statement and the rest by the new one, so nothing was run. What to do: revert the change to finish "
                    + "the backfill as it was started; or accept a new pass over the whole table with the new statement (with Flyway: "
                    + "flyway.zdm.resumeEdited=rerun for one migrate).");
        }
        LOG.warn("backfill {}: its statement changed since its unfinished checkpoint was written; starting pass {} over the whole table "
                + "with the new statement, as accepted", name, checkpoint.pass() + 1);
        return store.newPass(table, key, statement);
    }

    private void logStart(BackfillCheckpoint checkpoint) {
        String batching = sizer.isAdaptive()
                ? "batches adapted to " + ProgressLine.duration(spec.targetBatchDurationOverride().orElse(defaults.targetBatchDuration()))
                : "batches of " + sizer.size() + " keys";
        if (checkpoint.lastKey() == null) {
            LOG.info("backfill {}: starting, about {} rows, key {} ({}), {}: {}", name, estimatedTotal, key.display(), key.index(), batching,
                    spec.describe());
        } else {
            LOG.info("backfill {}: resuming after key {} ({} rows done so far), about {} rows, {}", name,
                    KeyColumns.displayValue(checkpoint.lastKey()), checkpoint.rowsDone(), estimatedTotal, batching);
        }
    }

    private void walk(Position start) throws SQLException {
        Position position = start;
        lastProgressLog = System.nanoTime();
        while (true) {
            Position next = batchWithRetries(position);
            if (next == null) {
                return;
            }
            position = next;
            logProgress(position);
            throttle.afterBatch(rowsChanged, runStart);
        }
    }

    /** Runs the next batch, retrying it after contention or a statement timeout; null when the walk is complete. */
    private Position batchWithRetries(Position position) throws SQLException {
        int attempt = 0;
        while (true) {
            long attemptStart = System.nanoTime();
            try {
                return batch(position);
            } catch (SQLException e) {
                rollbackQuietly();
                boolean timedOut = SqlStates.is(e, SqlStates.QUERY_CANCELED)
                        && System.nanoTime() - statementStart >= statementTimeout.toNanos() * 9 / 10;
                if (!SqlStates.isRetryableContention(e) && !timedOut) {
                    throw batchFailed(position, e);
                }
                attempt++;
                retries++;
                String blockers = SqlStates.is(e, SqlStates.LOCK_NOT_AVAILABLE) ? sessionsInTheWay() : null;
                if (attempt > maxRetries) {
                    throw retriesExhausted(position, e, attempt - 1, blockers);
                }
                sizer.halve();
                Duration backoff = backoff(attempt);
                LOG.warn("backfill {}: batch after key {} {} after {} ({}); retry {}/{} in {} with batch {}{}", name,
                        KeyColumns.displayValue(position.lastKey()), whatHappened(e),
                        ProgressLine.duration(Duration.ofNanos(System.nanoTime() - attemptStart)), e.getSQLState(), attempt, maxRetries,
                        ProgressLine.duration(backoff), sizer.size(), blockers == null ? "" : "; in the way:" + blockers);
                Throttle.sleep(backoff);
            }
        }
    }

    /** One batch transaction: find the upper bound, change the rows, move the checkpoint, commit. */
    private Position batch(Position position) throws SQLException {
        throttle.awaitReplication(connection);
        long start = System.nanoTime();
        setLocalSettings();
        long t0 = System.nanoTime();
        Bound bound = nextBound(position.lastKey(), sizer.size());
        if (bound == null) {
            connection.commit();
            return null;
        }
        long t1 = System.nanoTime();
        long changed = changeRows(position.lastKey(), bound.key());
        long t2 = System.nanoTime();
        long activeMillis = (t2 - start) / 1_000_000;
        boolean advanced = store.advance(position.batches(), bound.key(), changed, bound.keys(), activeMillis);
        long t3 = System.nanoTime();
        if (!advanced) {
            connection.rollback();
            throw new AlreadyRecorded("Backfill " + id + ": its checkpoint in " + store.schema() + "." + BackfillCheckpoints.TABLE
                    + " moved while this run held it: another session is running the same backfill. This run stopped without"
                    + " changing anything in its last batch; let the other run finish.");
        }
        connection.commit();
        long end = System.nanoTime();
        spent[0] += t1 - t0;
        spent[1] += t2 - t1;
        spent[2] += t3 - t2;
        spent[3] += end - t3;
        long elapsed = end - start;
        if (LOG.isDebugEnabled()) {
            LOG.debug("backfill {}: batch after {} up to {}: {} keys, {} rows, {}", name, KeyColumns.displayValue(position.lastKey()),
                    KeyColumns.displayValue(bound.key()), bound.keys(), changed, ProgressLine.duration(Duration.ofNanos(elapsed)));
        }
        longestBatchNanos = Math.max(longestBatchNanos, elapsed);
        sizer.record(bound.keys(), Duration.ofNanos(elapsed));
        spec.maxRowsPerSecond().ifPresent(sizer::cap);
        rowsChanged += changed;
        keysScanned += bound.keys();
        batches++;
        return new Position(bound.key(), position.batches() + 1, position.keysScanned() + bound.keys());
    }

    /**
     * The batch transaction's settings, all {@code SET LOCAL}: nothing leaks into the session (a pooled connection,
     * Flyway's next migration). Custom plans: the planner sees each batch's actual key range and keeps to the index
     * range scan. ISO dates and full float precision: key values round-trip through text exactly.
     *
     * <p>{@code synchronous_commit = off}: a batch's commit does not wait for its WAL to reach disk (one fsync per batch
     * was the largest cost of batching over one UPDATE). This is safe here because the batch and its checkpoint commit
     * together: a server crash can only lose the last few batches together with their checkpoints, and the next run
     * redoes exactly those. The final commit that marks the backfill done uses the session's setting and flushes all
     * of them before the run reports success.
     */
    private void setLocalSettings() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true), "
                + "set_config('statement_timeout', ?, true), set_config('plan_cache_mode', 'force_custom_plan', true), "
                + "set_config('DateStyle', 'ISO, YMD', true), set_config('IntervalStyle', 'postgres', true), "
                + "set_config('extra_float_digits', '3', true), set_config('synchronous_commit', 'off', true)")) {
            ps.setString(1, lockTimeout.toMillis() + "ms");
            ps.setString(2, statementTimeout.toMillis() + "ms");
            statementStart = System.nanoTime();
            ps.executeQuery().close();
        }
    }

    private Bound nextBound(List<String> lastKey, int size) throws SQLException {
        boolean first = lastKey == null;
        try (PreparedStatement ps = connection.prepareStatement(sql.nextBound(first))) {
            int i = bindKey(ps, 1, lastKey);
            ps.setLong(i, size - 1L);
            statementStart = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Bound(readKey(rs), size);
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.tail(first))) {
            bindKey(ps, 1, lastKey);
            statementStart = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Bound(readKey(rs), rs.getLong(key.size() + 1)) : null;
            }
        }
    }

    private long changeRows(List<String> lastKey, List<String> upper) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.batch(lastKey == null))) {
            int i = bindKey(ps, 1, lastKey);
            bindKey(ps, i, upper);
            statementStart = System.nanoTime();
            return ps.executeLargeUpdate();
        }
    }

    private int bindKey(PreparedStatement ps, int index, List<String> value) throws SQLException {
        if (value == null) {
            return index;
        }
        for (String part : value) {
            ps.setString(index++, part);
        }
        return index;
    }

    private List<String> readKey(ResultSet rs) throws SQLException {
        List<String> value = new ArrayList<>(key.size());
        for (int i = 1; i <= key.size(); i++) {
            value.add(rs.getString(i));
        }
        return List.copyOf(value);
    }

    /** Counts what still matches; fails (and marks the checkpoint incomplete) when anything does. */
    private boolean verify() throws SQLException {
        if (!spec.verifies()) {
            return false;
        }
        long remaining = RemainingRows.count(connection, sql);
        if (remaining == 0) {
            return true;
        }
        List<String> sample = RemainingRows.sample(connection, sql, key.size());
        String message = "Backfill " + id + ": after walking " + table.display() + " " + remaining + " row(s) still match the predicate `"
                + spec.whereClause().orElseThrow() + "` (for example keys " + String.join(", ", sample) + "). Two causes are possible."
                + " (1) The SET does not make the predicate false for them: it writes a value the WHERE still accepts (for example NULL,"
                + " or in an UPDATE ... FROM a source value equal to the old one); then every re-run updates them again and ends here"
                + " again. Add a guard the update makes false, such as `AND t.col IS DISTINCT FROM s.col`, or turn the final count off"
                + " (verify=false / verifyNoneRemain(false)) if one pass is what you want. (2) They were written or changed after the walk"
                + " had passed their key: application code still writes the old shape. Make it write the new value (or add a DEFAULT or"
                + " trigger), then run the migration again: the next run starts a new pass that only changes the rows still matching."
                + " To tell them apart, run the SET on one of the keys above and see whether the row still matches.";
        store.finish(BackfillCheckpoint.State.INCOMPLETE, message);
        connection.commit();
        throw new AlreadyRecorded(message);
    }

    private void logProgress(Position position) {
        long now = System.nanoTime();
        if (now - lastProgressLog < progressInterval.toNanos()) {
            return;
        }
        lastProgressLog = now;
        double seconds = (now - runStart) / 1e9;
        LOG.info(ProgressLine.format(name, position.keysScanned(), estimatedTotal, seconds > 0 ? keysScanned / seconds : 0, sizer.size()));
    }

    private BackfillException batchFailed(Position position, SQLException e) {
        return new BackfillException("Backfill " + id + " failed in the batch after key " + KeyColumns.displayValue(position.lastKey())
                + " of " + table.display() + ": " + SqlStates.describe(e) + "\nBatch statement: " + sql.describeBatch()
                + "\nThe rows of earlier batches stay changed and the checkpoint (" + store.schema() + "." + BackfillCheckpoints.TABLE
                + ", backfill_id '" + id + "') makes the next run continue after key " + KeyColumns.displayValue(position.lastKey())
                + ". Fix the cause (the SET/WHERE fragment, or the data it trips on) and run it again.", e);
    }

    private BackfillException retriesExhausted(Position position, SQLException e, int retried, String blockers) {
        return new BackfillException("Backfill " + id + ": the batch after key " + KeyColumns.displayValue(position.lastKey()) + " of "
                + table.display() + " " + whatHappened(e) + " (lock_timeout " + ProgressLine.duration(lockTimeout) + ", statement_timeout "
                + ProgressLine.duration(statementTimeout) + ") and still did after " + retried + " retries: " + SqlStates.describe(e)
                + (blockers == null ? "" : "\nIn the way:" + blockers)
                + "\nNothing of this batch was applied; the checkpoint keeps the " + rowsChanged + " rows of earlier batches of this run."
                + " End or wait for the blocking session(s), then run it again; or allow more with maxRetries / lockTimeout.", e);
    }

    /** The sessions in the way of the batch on its table, described; "none found" when nobody holds anything. */
    private String sessionsInTheWay() {
        try {
            List<SessionInfo> sessions = Sessions.inTheWayOfWriters(connection, table.oid());
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return sessions.isEmpty() ? " none found (the lock was released in the meantime)" : Sessions.describe(sessions);
        } catch (SQLException e) {
            return " (could not read pg_locks: " + e.getMessage() + ")";
        }
    }

    private static String whatHappened(SQLException e) {
        return switch (e.getSQLState() == null ? "" : e.getSQLState()) {
            case SqlStates.LOCK_NOT_AVAILABLE -> "waited longer than lock_timeout for a lock";
            case SqlStates.DEADLOCK_DETECTED -> "was chosen as a deadlock victim";
            case SqlStates.SERIALIZATION_FAILURE -> "hit a serialization failure";
            case SqlStates.QUERY_CANCELED -> "ran longer than statement_timeout";
            default -> "failed";
        };
    }

    private BackfillException recordFailure(BackfillException failure) {
        try {
            rollbackQuietly();
            store.recordFailure(table == null ? Identifiers.display(spec.schema().orElse(null), spec.table()) : table.qualified(),
                    sql == null ? spec.describe() : sql.describeBatch(), failure.getMessage());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static String ms(long nanos) {
        return ProgressLine.duration(Duration.ofNanos(nanos));
    }

    private Duration backoff(int attempt) {
        long base = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 10));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private BackfillResult result(List<String> resumedFrom, boolean alreadyDone, boolean verified) {
        return new BackfillResult(id, rowsChanged, keysScanned, batches, retries, Duration.ofNanos(System.nanoTime() - runStart),
                Duration.ofNanos(longestBatchNanos), resumedFrom == null ? null : KeyColumns.displayValue(resumedFrom), alreadyDone, verified);
    }

    private boolean autoCommitOrFail() {
        try {
            if (!connection.getAutoCommit()) {
                throw new BackfillException("Backfill " + id + " must run on a connection in autocommit mode: it commits after every batch"
                        + " and would otherwise commit the caller's open transaction. For Flyway, run it in a migration that does not"
                        + " execute in a transaction (BatchedBackfillMigration does this).");
            }
            return true;
        } catch (SQLException e) {
            throw new BackfillException("Backfill " + id + ": cannot use the connection: " + SqlStates.describe(e), e);
        }
    }

    private boolean acquireRunLock() throws SQLException {
        String holder = RunLock.acquire(connection, id, defaults.runLockWait());
        if (holder != null) {
            throw new AlreadyRecorded("Backfill " + id + " is already running in another session (" + holder + "), still after "
                    + ProgressLine.duration(defaults.runLockWait()) + ". Let it finish, or end that session; then run this again:"
                    + " it continues from the checkpoint.");
        }
        return true;
    }

    private void restore(boolean autoCommit, boolean locked) {
        try {
            rollbackQuietly();
            connection.setAutoCommit(autoCommit);
            if (locked) {
                RunLock.release(connection, id);
            }
        } catch (SQLException e) {
            LOG.debug("backfill {}: could not restore the connection: {}", name, e.getMessage());
        }
    }

    private void rollbackQuietly() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("backfill {}: rollback failed: {}", name, e.getMessage());
        }
    }
}
