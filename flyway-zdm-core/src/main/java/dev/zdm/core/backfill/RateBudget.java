package dev.zdm.core.backfill;

import dev.zdm.core.state.StateTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The rows-per-second limit of a background job, shared by all the runners working on its units (partitions, key
 * ranges) at once: one row of {@code zdm_backfill_budget} per job holds {@code next_at}, the time up to which the rows
 * already written use the budget up. After each committed batch of {@code n} rows a runner pushes it on, in a short
 * transaction of its own, to {@code greatest(next_at, start of its batch) + n / limit} and waits until then. Every row
 * written is accounted exactly once on one timeline, so the job's rows written by time {@code t} stay below
 * {@code limit * t} plus the batches in flight (at most one per runner); a runner that dies leaves no share behind, and
 * one that joins takes its share by the same rule. The database's clock is the only clock, so runners on several
 * hosts agree. The cost is one row update per batch, only for jobs with a limit.
 */
final class RateBudget {
    private final Connection connection;
    private final String table;
    private final String jobId;
    private final long rowsPerSecond;

    RateBudget(Connection connection, String schema, String jobId, long rowsPerSecond) {
        this.connection = connection;
        this.table = StateTables.qualified(schema, StateTables.BACKFILL_BUDGET);
        this.jobId = jobId;
        this.rowsPerSecond = rowsPerSecond;
    }

    /**
     * Accounts {@code rows} written by a batch that started {@code batchTook} ago; returns how long this runner must wait
     * before its next batch. Called between batches, with autocommit off and no transaction open; commits.
     */
    Duration spend(long rows, Duration batchTook) throws SQLException {
        if (rows <= 0) {
            return Duration.ZERO;
        }
        String start = "clock_timestamp() - make_interval(secs => ?::float8)";
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " AS b (job_id, rows_per_second, next_at, rows_done)"
                + " VALUES (?, ?, " + start + " + make_interval(secs => ?::float8 / ?), ?)"
                + " ON CONFLICT (job_id) DO UPDATE SET rows_per_second = excluded.rows_per_second,"
                + " next_at = greatest(b.next_at, " + start + ") + make_interval(secs => ?::float8 / excluded.rows_per_second),"
                + " rows_done = b.rows_done + excluded.rows_done, updated_at = clock_timestamp()"
                + " RETURNING extract(epoch FROM next_at - clock_timestamp())")) {
            double took = batchTook.toNanos() / 1e9;
            ps.setString(1, jobId);
            ps.setLong(2, rowsPerSecond);
            ps.setDouble(3, took);
            ps.setLong(4, rows);
            ps.setLong(5, rowsPerSecond);
            ps.setLong(6, rows);
            ps.setDouble(7, took);
            ps.setLong(8, rows);
            double wait;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                wait = rs.getDouble(1);
            }
            connection.commit();
            return wait <= 0 ? Duration.ZERO : Duration.ofNanos((long) (wait * 1e9));
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }
}
