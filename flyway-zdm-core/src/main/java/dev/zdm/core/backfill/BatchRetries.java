package dev.zdm.core.backfill;

import dev.zdm.core.lock.Backoff;
import dev.zdm.core.lock.Retry;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.lock.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The next batch of the walk, retried on the project's one retry loop ({@link Retry}) after contention (lock timeout,
 * deadlock, serialization failure) or its own statement timeout: {@code maxRetries} retries after the first attempt,
 * each at half the batch size, after a pause of 100 ms doubling to 5 s with jitter (uniform in the upper half). Any
 * other failure ends the run at once.
 */
final class BatchRetries {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Connection connection;
    private final KeysetBatch batch;
    private final BatchSizer sizer;
    private final RunStatistics stats;
    private final BackfillMessages messages;
    private final TargetTable table;
    private final String batchStatement;
    private final String checkpointSchema;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final int maxRetries;
    private final Retry.Schedule schedule;

    BatchRetries(Connection connection, KeysetBatch batch, BatchSizer sizer, RunStatistics stats, BackfillMessages messages,
                 TargetTable table, String batchStatement, String checkpointSchema, Duration lockTimeout, Duration statementTimeout,
                 int maxRetries) {
        this.connection = connection;
        this.batch = batch;
        this.sizer = sizer;
        this.stats = stats;
        this.messages = messages;
        this.table = table;
        this.batchStatement = batchStatement;
        this.checkpointSchema = checkpointSchema;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
        this.maxRetries = maxRetries;
        this.schedule = Retry.Schedule.attempts(maxRetries + 1, BatchRetries::backoff);
    }

    /** 100 ms doubling to 5 s; the pause is uniform in the upper half of that, so concurrent runs do not retry in step. */
    static Duration backoff(int attempt) {
        long ceiling = Backoff.ceiling(FIRST_BACKOFF, MAX_BACKOFF, attempt);
        return Backoff.delay(FIRST_BACKOFF, MAX_BACKOFF, attempt, Duration.ofMillis(ceiling / 2), ThreadLocalRandom.current());
    }

    /** Runs the batch after {@code position}; null when the walk is complete. */
    WalkPosition next(WalkPosition position) throws SQLException {
        long[] attemptStart = new long[1];
        KeysetBatch.Committed committed;
        try {
            committed = Retry.run(schedule, attempt -> {
                attemptStart[0] = System.nanoTime();
                return batch.run(position, sizer.size());
            }, (e, failed) -> judge(position, e, failed, attemptStart[0]));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw BackfillMessages.interrupted(e.getCause());
            }
            throw e;
        }
        if (committed == null) {
            return null;
        }
        sizer.record(committed.keys(), committed.took());
        return committed.next();
    }

    /** Stops the run (with the message that says why) or lets the loop retry at half the size. */
    private void judge(WalkPosition position, SQLException e, Retry.Failed failed, long attemptStart) {
        KeysetBatch.rollbackQuietly(connection, messages);
        if (!SqlStates.isRetryableContention(e) && !batch.ranIntoStatementTimeout(e)) {
            throw messages.batchFailed(position.lastKey(), table, batchStatement, checkpointSchema, e);
        }
        stats.retried();
        String blockers = SqlStates.is(e, SqlStates.LOCK_NOT_AVAILABLE) ? sessionsInTheWay() : null;
        if (failed.last()) {
            throw messages.retriesExhausted(position.lastKey(), table, lockTimeout, statementTimeout, e, failed.attempt() - 1, blockers,
                    stats.rowsChanged());
        }
        sizer.halve();
        messages.retrying(position.lastKey(), e, Duration.ofNanos(System.nanoTime() - attemptStart), failed.attempt(), maxRetries,
                failed.pause(), sizer.size(), blockers);
    }

    /** The sessions in the way of the batch on its table, described; "none found" when nobody holds anything. */
    private String sessionsInTheWay() {
        try {
            List<SessionInfo> sessions = Sessions.inTheWayOfWriters(connection, table.oid());
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return sessions.isEmpty() ? BackfillMessages.noSessionsInTheWay() : Sessions.describe(sessions);
        } catch (SQLException e) {
            return BackfillMessages.sessionsUnreadable(e);
        }
    }
}
