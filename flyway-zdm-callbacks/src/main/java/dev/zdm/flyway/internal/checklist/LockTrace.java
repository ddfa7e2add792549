package dev.zdm.flyway.internal.checklist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples, on a connection of its own, the table locks the rehearsal's migrations really hold: every granted lock on a
 * table ({@code pg_locks} joined to {@code pg_class}: tables, partitioned tables, materialized views; index locks follow
 * their table's) of a backend that connected after the trace started, other than the rehearse command's own, with the
 * statement it was running. Sampling sees the locks held for longer than its interval, which are the ones that hurt.
 */
final class LockTrace implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LockTrace.class.getPackageName());
    private static final String SAMPLE = "SELECT a.query, n.nspname, c.relname, l.mode FROM pg_locks l "
            + "JOIN pg_stat_activity a ON a.pid = l.pid JOIN pg_class c ON c.oid = l.relation "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE l.locktype = 'relation' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND c.relname <> ? AND c.relname NOT LIKE 'zdm\\_%' "
            + "AND a.pid <> pg_backend_pid() AND a.pid <> ? AND a.backend_start >= ?";

    /**
     * One lock seen held.
     *
     * @param query    the statement its backend was running when first seen
     * @param schema   the table's schema
     * @param table    the table
     * @param mode     PostgreSQL's lock mode, {@code AccessExclusiveLock}
     * @param heldFor  from the first to the last sample that saw it
     */
    record Observed(String query, String schema, String table, String mode, Duration heldFor) {
    }

    private final Connection connection;
    private final Thread thread;
    private final Map<String, long[]> seen = new LinkedHashMap<>();
    private final Map<String, String[]> what = new LinkedHashMap<>();
    private volatile boolean stop;
    private volatile SQLException failure;

    private LockTrace(Connection connection, String historyTable, int commandPid, Instant since, Duration interval) {
        this.connection = connection;
        this.thread = new Thread(() -> run(historyTable, commandPid, since, interval), "flyway-zdm rehearsal lock trace");
        this.thread.setDaemon(true);
    }

    static LockTrace start(DataSource dataSource, String historyTable, int commandPid, Duration interval) throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        Instant since;
        try (PreparedStatement ps = c.prepareStatement("SELECT now()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            since = rs.getTimestamp(1).toInstant();
        }
        LockTrace trace = new LockTrace(c, historyTable, commandPid, since, interval);
        trace.thread.start();
        return trace;
    }

    private void run(String historyTable, int commandPid, Instant since, Duration interval) {
        try (PreparedStatement ps = connection.prepareStatement(SAMPLE)) {
            ps.setString(1, historyTable);
            ps.setInt(2, commandPid);
            ps.setTimestamp(3, Timestamp.from(since));
            while (!stop) {
                long now = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String[] row = {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
                        String key = row[1] + "\u0000" + row[2] + "\u0000" + row[3] + "\u0000" + row[0];
                        synchronized (seen) {
                            seen.computeIfAbsent(key, k -> new long[] {now, now})[1] = now;
                            what.putIfAbsent(key, row);
                        }
                    }
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sampling and returns what was seen, in order of first sight. */
    List<Observed> stop() throws SQLException {
        stop = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            LOG.warn("flyway-zdm rehearse: the lock trace stopped early (SQL state {}: {}); locks after that are not traced",
                    failure.getSQLState(), failure.getMessage());
        }
        List<Observed> out = new ArrayList<>();
        synchronized (seen) {
            for (Map.Entry<String, long[]> e : seen.entrySet()) {
                String[] row = what.get(e.getKey());
                out.add(new Observed(row[0], row[1], row[2], row[3], Duration.ofNanos(e.getValue()[1] - e.getValue()[0])));
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        stop = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
