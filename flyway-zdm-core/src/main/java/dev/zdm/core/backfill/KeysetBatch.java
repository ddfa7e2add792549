package dev.zdm.core.backfill;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.lock.SqlStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch transaction of the walk: its settings, the upper bound ({@code n} keys on in the key's index), the row
 * changes in {@code (last, bound]}, the checkpoint moved to {@code bound}, the commit. The SQL text comes from
 * {@link BatchSql}; key values are always bound. A failure leaves the transaction open for the caller to roll back.
 */
final class KeysetBatch {
    private final Connection connection;
    private final BatchSql sql;
    private final KeyColumns key;
    private final CheckpointStore store;
    private final Throttle throttle;
    private final RunStatistics stats;
    private final BackfillMessages messages;
    private final Duration statementTimeout;
    private final Map<String, String> settings;
    /** When the statement running (or last run) was sent: a 57014 that late is the statement_timeout, not a cancel. */
    private long statementStart;

    /** A committed batch: where the walk now stands, the keys it covered and how long it held its locks. */
    record Committed(WalkPosition next, long keys, Duration took) {
    }

    /** The upper end of the next batch and how many keys lie between the last key and it. */
    private record Bound(List<String> key, long keys) {
    }

    KeysetBatch(Connection connection, BatchSql sql, KeyColumns key, CheckpointStore store, Throttle throttle, RunStatistics stats,
                BackfillMessages messages, Duration lockTimeout, Duration statementTimeout) {
        this.connection = connection;
        this.sql = sql;
        this.key = key;
        this.store = store;
        this.throttle = throttle;
        this.stats = stats;
        this.messages = messages;
        this.statementTimeout = statementTimeout;
        this.settings = settings(lockTimeout, statementTimeout);
    }

    /**
     * The batch transaction's settings, all {@code SET LOCAL} (in one round trip): nothing leaks into the session (a
     * pooled connection, Flyway's next migration). Custom plans: the planner sees each batch's actual key range and keeps
     * to the index range scan. ISO dates and full float precision: key values round-trip through text exactly.
     *
     * <p>{@code synchronous_commit = off}: a batch's commit does not wait for its WAL to reach disk (one fsync per batch
     * was the largest cost of batching over one UPDATE). This is safe here because the batch and its checkpoint commit
     * together: a server crash can only lose the last few batches together with their checkpoints, and the next run
     * redoes exactly those. The final commit that marks the backfill done uses the session's setting and flushes all
     * of them before the run reports success.
     */
    private static Map<String, String> settings(Duration lockTimeout, Duration statementTimeout) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lock_timeout", SessionSetting.timeoutText(lockTimeout));
        settings.put("statement_timeout", SessionSetting.timeoutText(statementTimeout));
        settings.put("plan_cache_mode", "force_custom_plan");
        settings.put("DateStyle", "ISO, YMD");
        settings.put("IntervalStyle", "postgres");
        settings.put("extra_float_digits", "3");
        settings.put("synchronous_commit", "off");
        return Collections.unmodifiableMap(settings);
    }

    /**
     * Runs the batch after {@code position} with at most {@code size} keys, on a connection with autocommit off.
     *
     * @return the committed batch, or null when no key follows (the walk is complete)
     * @throws RecordedFailure when the checkpoint moved under this run (another session runs the same backfill)
     */
    Committed run(WalkPosition position, int size) throws SQLException {
        throttle.awaitReplication(connection);
        long start = System.nanoTime();
        statementStart = start;
        SessionSetting.setLocal(connection, settings);
        long t0 = System.nanoTime();
        Bound bound = nextBound(position.lastKey(), size);
        if (bound == null) {
            connection.commit();
            return null;
        }
        long t1 = System.nanoTime();
        long changed = changeRows(position.lastKey(), bound.key());
        long t2 = System.nanoTime();
        boolean advanced = store.advance(position.batches(), bound.key(), changed, bound.keys(), (t2 - start) / 1_000_000);
        long t3 = System.nanoTime();
        if (!advanced) {
            connection.rollback();
            throw messages.checkpointMoved(store.schema());
        }
        connection.commit();
        long end = System.nanoTime();
        Duration took = Duration.ofNanos(end - start);
        stats.batchCommitted(changed, bound.keys(), new RunStatistics.BatchTimings(end - start, t1 - t0, t2 - t1, t3 - t2, end - t3));
        messages.batchCommitted(position.lastKey(), bound.key(), bound.keys(), changed, took);
        return new Committed(new WalkPosition(bound.key(), position.batches() + 1, position.keysScanned() + bound.keys()), bound.keys(), took);
    }

    /** Whether {@code e} is the batch's own statement_timeout (a 57014 at least 90% of the timeout into the statement). */
    boolean ranIntoStatementTimeout(SQLException e) {
        return SqlStates.is(e, SqlStates.QUERY_CANCELED) && System.nanoTime() - statementStart >= statementTimeout.toNanos() * 9 / 10;
    }

    private Bound nextBound(List<String> lastKey, int size) throws SQLException {
        boolean first = lastKey == null;
        try (PreparedStatement ps = connection.prepareStatement(sql.nextBound(first))) {
            int i = sql.bindRange(ps, bindKey(ps, 1, lastKey));
            ps.setLong(i, size - 1L);
            statementStart = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Bound(readKey(rs), size);
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.tail(first))) {
            sql.bindRange(ps, bindKey(ps, 1, lastKey));
            statementStart = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Bound(readKey(rs), rs.getLong(key.size() + 1)) : null;
            }
        }
    }

    private long changeRows(List<String> lastKey, List<String> upper) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.batch(lastKey == null))) {
            int i = bindKey(ps, 1, lastKey);
            sql.bindRange(ps, bindKey(ps, i, upper));
            statementStart = System.nanoTime();
            return ps.executeLargeUpdate();
        }
    }

    private static int bindKey(PreparedStatement ps, int index, List<String> value) throws SQLException {
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

    /** Ends whatever transaction a failed step left open; a failure to do so is only worth a debug line. */
    static void rollbackQuietly(Connection connection, BackfillMessages messages) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            messages.rollbackFailed(e);
        }
    }
}
