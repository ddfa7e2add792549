package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of one backfill on one connection, as a sequence: take the run lock, resolve the table and key, decide where
 * to start from the checkpoint, walk the key range batch by batch ({@link BatchRetries} around {@link KeysetBatch}),
 * verify, record the outcome. What it counts is in {@link RunStatistics}, what it says in {@link BackfillMessages}.
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
    private final Connection connection;
    private final String id;
    private final Backfill backfill;
    private final BackfillDefaults defaults;
    private final CheckpointStore store;
    private final BackfillMessages messages;
    private final Duration progressInterval;
    private static final long REQUEST_POLL_NANOS = 500_000_000L;

    /** Set for a background job's run: the runner's own stop, asked between batches with the operator's requests. */
    private StopSignal stopSignal;
    private long lastRequestCheck;

    private RunStatistics stats;
    private TargetTable table;
    private KeyColumns key;
    private BatchSql sql;

    BackfillRun(Connection connection, String checkpointSchema, String id, Backfill backfill, BackfillDefaults defaults) {
        this.connection = connection;
        this.id = id;
        this.backfill = backfill;
        this.defaults = defaults;
        this.store = new CheckpointStore(connection, checkpointSchema, id);
        this.messages = new BackfillMessages(id, backfill);
        this.progressInterval = backfill.progressInterval().orElse(defaults.progressInterval());
    }

    /**
     * The backfill's specification as JSON ({@link BackfillSpec}): what a runner other than the one that declared it
     * needs to run or resume it.
     */
    String specJson() {
        return backfill.spec().toJson();
    }

    /**
     * Makes this a background job's run: between batches it stops when {@code signal} says so (state left running) or
     * when the operator asked for a pause or a cancel (read from the checkpoint row at most every half second), with a
     * {@link BackfillStoppedException}.
     */
    BackfillRun stopWhen(StopSignal signal) {
        this.stopSignal = signal;
        return this;
    }

    /**
     * Records the backfill as a background job instead of running it: the definition checked against the live table
     * (table, key, no SET of the key, the predicate guard) as a run checks it before its first batch, then a row in
     * state queued with the specification, for any runner. True when recorded now, false when the job was there already.
     */
    boolean enqueue() {
        boolean autoCommit = autoCommitOrFail();
        try {
            backfill.validate();
            table = TargetTable.resolve(connection, backfill);
            key = KeyResolver.resolve(connection, table, backfill.key(), backfill.describe());
            backfill.refuseKeyAssignment(key.names());
            PredicateGuard.check(connection, table, backfill);
            if (table.relkind() == 'p') {
                return enqueuePartitions();
            }
            if (backfill.ranges() > 1) {
                return enqueueRanges();
            }
            sql = new BatchSql(table, key, backfill);
            boolean recorded = store.enqueue(table, key, sql.describeBatch());
            if (recorded) {
                store.saveSpec(id, specJson());
            }
            messages.enqueued(recorded, store.schema());
            return recorded;
        } catch (SQLException e) {
            throw recordFailure(messages.failed(e));
        } catch (BackfillDefinitionException e) {
            throw recordFailure(e);
        } finally {
            restore(autoCommit, false);
        }
    }

    /**
     * A partitioned table: one job per leaf partition (id {@code <id>#partition=<schema>.<name>}), so that several runners
     * work on different partitions at once; each walks its partition by its own key. The jobs belong to {@code id}
     * ({@link dev.zdm.core.state.StateIds#belongsTo}): requiring {@code id} requires them all.
     */
    private boolean enqueuePartitions() throws SQLException {
        List<String[]> leaves = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT n.nspname, c.relname FROM pg_partition_tree(?::oid) t"
                + " JOIN pg_class c ON c.oid = t.relid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE t.isleaf ORDER BY n.nspname, c.relname")) {
            ps.setLong(1, table.oid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leaves.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (leaves.isEmpty()) {
            throw new BackfillDefinitionException("Backfill " + backfill.describe() + ": " + table.display() + " is partitioned but has no"
                    + " partition; create its partitions before the backfill, or run it in the foreground.");
        }
        boolean recorded = false;
        for (String[] leaf : leaves) {
            Backfill partition = Backfill.fromSpec(backfill.spec().onPartition(leaf[0], leaf[1], table.name()));
            String partitionId = JobUnits.partitionId(id, Identifiers.display(leaf[0], leaf[1]));
            recorded |= new BackfillRun(connection, store.schema(), partitionId, partition, defaults).enqueue();
        }
        return recorded;
    }

    /**
     * A plain table split into key ranges ({@link Backfill#ranges(int)}): one job per range (id {@code <id>#range=<i>/<n>},
     * {@link JobUnits}), each with its own checkpoint and its bounds in its specification, taken by runners like partition
     * jobs. When the key cannot be split (an empty table, a non-numeric key without statistics) the job is recorded whole.
     */
    private boolean enqueueRanges() throws SQLException {
        List<KeyRanges.Range> ranges = KeyRanges.split(connection, table, key, backfill.ranges());
        if (ranges.size() == 1) {
            messages.notSplit(backfill.ranges(), key, table);
            Backfill whole = Backfill.fromSpec(backfill.spec().inRange(null, null));
            return new BackfillRun(connection, store.schema(), id, whole, defaults).enqueue();
        }
        boolean recorded = false;
        for (int i = 0; i < ranges.size(); i++) {
            KeyRanges.Range range = ranges.get(i);
            Backfill unit = Backfill.fromSpec(backfill.spec().inRange(range.from(), range.to()));
            recorded |= new BackfillRun(connection, store.schema(), JobUnits.rangeId(id, i + 1, ranges.size()), unit, defaults).enqueue();
        }
        return recorded;
    }

    BackfillResult execute() {
        stats = new RunStatistics();
        boolean autoCommit = autoCommitOrFail();
        boolean locked = false;
        try {
            backfill.validate();
            locked = acquireRunLock();
            return walkAndVerify();
        } catch (SQLException e) {
            throw recordFailure(messages.failed(e));
        } catch (RecordedFailure | BackfillStoppedException e) {
            throw e;
        } catch (BackfillException e) {
            throw recordFailure(e);
        } catch (RuntimeException e) {
            throw recordFailure(messages.failed(e));
        } finally {
            restore(autoCommit, locked);
        }
    }

    private BackfillResult walkAndVerify() throws SQLException {
        table = TargetTable.resolve(connection, backfill);
        key = KeyResolver.resolve(connection, table, backfill.key(), backfill.describe());
        backfill.refuseKeyAssignment(key.names());
        PredicateGuard.check(connection, table, backfill);
        sql = new BatchSql(table, key, backfill);
        String statement = sql.describeBatch();
        BackfillCheckpoint checkpoint = store.open(table, key, statement);
        // the declaration travels with its checkpoint, so that another runner can run or resume it later
        store.saveSpec(id, specJson());

        if (checkpoint.state() == BackfillCheckpoint.State.DONE && (!backfill.verifies() || RemainingRows.count(connection, sql) == 0)) {
            messages.alreadyDone(checkpoint);
            return stats.result(id, null, true, backfill.verifies());
        }
        checkpoint = startingPoint(checkpoint, statement);

        List<String> resumedFrom = checkpoint.lastKey();
        long estimatedTotal = RowEstimate.of(connection, table);
        Duration targetBatchDuration = backfill.targetBatchDurationOverride().orElse(defaults.targetBatchDuration());
        BatchSizer sizer = backfill.fixedBatchSize().map(BatchSizer::fixed).orElseGet(() -> BatchSizer.adaptive(targetBatchDuration,
                backfill.minBatchSize().orElse(defaults.minBatchSize()), backfill.maxBatchSize().orElse(defaults.maxBatchSize())));
        backfill.maxRowsPerSecond().ifPresent(sizer::cap);
        Throttle throttle = new Throttle(backfill.displayName(), backfill.pause().orElse(Duration.ZERO),
                backfill.maxRowsPerSecond().orElse(null), backfill.maxReplicationLag().orElse(defaults.maxReplicationLag()),
                BackfillMessages.log());
        if (stopSignal != null && backfill.maxRowsPerSecond().isPresent()) {
            // a background job's limit is the job's: its runners (one per unit at most) share one budget
            throttle.shareWith(new RateBudget(connection, store.schema(), JobUnits.job(id), backfill.maxRowsPerSecond().get()));
        }
        messages.starting(checkpoint, estimatedTotal, key, BackfillMessages.batching(sizer, targetBatchDuration));

        connection.setAutoCommit(false);
        walk(new WalkPosition(resumedFrom, checkpoint.batches(), checkpoint.keysScanned()), batches(sizer, throttle), sizer, throttle,
                estimatedTotal);
        long verifyStart = System.nanoTime();
        boolean verified = verify();
        messages.timeSpent(stats, Duration.ofNanos(System.nanoTime() - verifyStart));
        store.finish(BackfillCheckpoint.State.DONE, null);
        connection.commit();
        BackfillResult result = stats.result(id, resumedFrom, false, verified);
        messages.done(stats, result, verified);
        return result;
    }

    private BatchRetries batches(BatchSizer sizer, Throttle throttle) {
        Duration lockTimeout = backfill.lockTimeout().orElse(defaults.lockTimeout());
        Duration statementTimeout = backfill.statementTimeout().orElse(defaults.statementTimeout());
        KeysetBatch batch = new KeysetBatch(connection, sql, key, store, throttle, stats, messages, lockTimeout, statementTimeout);
        return new BatchRetries(connection, batch, sizer, stats, messages, table, sql.describeBatch(), store.schema(), lockTimeout,
                statementTimeout, backfill.maxRetries().orElse(defaults.maxRetries()));
    }

    /** Where this run starts: after the checkpoint's last key, or from the first key in a new pass. */
    private BackfillCheckpoint startingPoint(BackfillCheckpoint checkpoint, String statement) throws SQLException {
        return switch (checkpoint.state()) {
            case DONE -> {
                messages.doneEarlierButMatchingAgain(checkpoint);
                yield store.newPass(table, key, statement);
            }
            case INCOMPLETE -> {
                messages.lastPassIncomplete(checkpoint);
                yield store.newPass(table, key, statement);
            }
            case PAUSED, CANCELLED -> throw messages.stoppedByOperator(checkpoint);
            case QUEUED, RUNNING, FAILED -> {
                if (checkpoint.targetTable().equals(table.qualified()) && checkpoint.keyColumns().equals(key.names())) {
                    if (checkpoint.lastKey() == null || statement.equals(checkpoint.statement())) {
                        yield store.resume(statement);
                    }
                    yield changedStatement(checkpoint, statement);
                }
                if (checkpoint.lastKey() != null) {
                    messages.checkpointForAnotherTableOrKey(checkpoint, table, key);
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
            throw messages.statementChanged(checkpoint, statement);
        }
        messages.restartingChangedStatement(checkpoint);
        return store.newPass(table, key, statement);
    }

    private void walk(WalkPosition start, BatchRetries batches, BatchSizer sizer, Throttle throttle, long estimatedTotal)
            throws SQLException {
        WalkPosition position = start;
        long lastProgressLog = System.nanoTime();
        while (true) {
            stopIfAsked();
            long batchStart = System.nanoTime();
            long rowsBefore = stats.rowsChanged();
            WalkPosition next = batches.next(position);
            if (next == null) {
                return;
            }
            position = next;
            long now = System.nanoTime();
            if (now - lastProgressLog >= progressInterval.toNanos()) {
                lastProgressLog = now;
                messages.progress(position.keysScanned(), estimatedTotal, stats.keysPerSecond(), sizer.size());
            }
            throttle.afterBatch(stats.rowsChanged(), stats.startNanos(), stats.rowsChanged() - rowsBefore,
                    Duration.ofNanos(System.nanoTime() - batchStart));
        }
    }

    /** Between batches (no transaction open): the runner's stop, or the operator's pause or cancel. */
    private void stopIfAsked() throws SQLException {
        if (stopSignal == null) {
            return;
        }
        String requested = null;
        long now = System.nanoTime();
        if (now - lastRequestCheck >= REQUEST_POLL_NANOS) {
            lastRequestCheck = now;
            requested = store.requested();
            connection.commit();
        }
        BackfillCheckpoint.State state = "pause".equals(requested) ? BackfillCheckpoint.State.PAUSED
                : "cancel".equals(requested) ? BackfillCheckpoint.State.CANCELLED
                : stopSignal.stopRequested() ? BackfillCheckpoint.State.RUNNING : null;
        if (state == null) {
            return;
        }
        store.stopped(state);
        connection.commit();
        throw messages.stopped(state, stats, store.schema());
    }

    /** Counts what still matches; fails (and marks the checkpoint incomplete) when anything does. */
    private boolean verify() throws SQLException {
        if (!backfill.verifies()) {
            return false;
        }
        long remaining = RemainingRows.count(connection, sql);
        if (remaining == 0) {
            return true;
        }
        String message = messages.rowsRemain(table, remaining, RemainingRows.sample(connection, sql, key.size()));
        store.finish(BackfillCheckpoint.State.INCOMPLETE, message);
        connection.commit();
        throw new RecordedFailure(message);
    }

    private BackfillException recordFailure(BackfillException failure) {
        try {
            KeysetBatch.rollbackQuietly(connection, messages);
            store.recordFailure(table == null ? Identifiers.display(backfill.schema().orElse(null), backfill.table()) : table.qualified(),
                    sql == null ? backfill.describe() : sql.describeBatch(), failure.getMessage());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private boolean autoCommitOrFail() {
        try {
            if (!connection.getAutoCommit()) {
                throw messages.needsAutocommit();
            }
            return true;
        } catch (SQLException e) {
            throw messages.connectionUnusable(e);
        }
    }

    private boolean acquireRunLock() throws SQLException {
        String holder = RunLock.acquire(connection, id, defaults.runLockWait());
        if (holder != null) {
            throw messages.alreadyRunning(holder, defaults.runLockWait());
        }
        return true;
    }

    private void restore(boolean autoCommit, boolean locked) {
        try {
            KeysetBatch.rollbackQuietly(connection, messages);
            connection.setAutoCommit(autoCommit);
            if (locked) {
                RunLock.release(connection, id);
            }
        } catch (SQLException e) {
            messages.couldNotRestore(e);
        }
    }
}
