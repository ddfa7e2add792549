package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads other sessions from pg_stat_activity: the evidence behind every "who is blocking us" message.
 * Needs no privileges beyond the defaults; for sessions of other users without pg_read_all_stats the
 * query text reads "&lt;insufficient privilege&gt;", which is passed on as is.
 */
public final class Sessions {
    private static final int MAX_QUERY_CHARS = 200;

    private static final String SELECT = "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), "
            + "coalesce(host(a.client_addr), 'local'), coalesce(a.state, ''), "
            + "extract(epoch FROM clock_timestamp() - a.xact_start), extract(epoch FROM clock_timestamp() - a.state_change), "
            + "coalesce(a.query, '') FROM pg_stat_activity a ";

    private Sessions() {
    }

    /** The sessions that block {@code pid} right now ({@code pg_blocking_pids}), oldest transaction first. */
    public static List<SessionInfo> blocking(Connection connection, int pid) throws SQLException {
        return query(connection, SELECT + "WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.xact_start NULLS LAST", pid);
    }

    /**
     * Sessions of the current database whose transaction (or snapshot) started before {@code pid}'s: what a
     * {@code CREATE INDEX CONCURRENTLY} on {@code pid} is waiting for. Includes idle-in-transaction sessions.
     */
    public static List<SessionInfo> olderTransactions(Connection connection, int pid) throws SQLException {
        return query(connection, SELECT + "WHERE a.datname = current_database() AND a.pid <> ? AND a.pid <> pg_backend_pid() "
                + "AND a.backend_type = 'client backend' AND a.xact_start IS NOT NULL "
                + "AND a.xact_start < (SELECT b.xact_start FROM pg_stat_activity b WHERE b.pid = ?) "
                + "ORDER BY a.xact_start", pid, pid);
    }

    /**
     * The sessions in the way of writers on a relation: those holding a lock on it stronger than ACCESS SHARE (row
     * lockers hold ROW SHARE or ROW EXCLUSIVE; DDL holds more), and those queued for a lock that blocks writes. Oldest
     * transaction first.
     */
    public static List<SessionInfo> inTheWayOfWriters(Connection connection, long relationOid) throws SQLException {
        return query(connection, SELECT + "WHERE a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.locktype = 'relation' "
                + "AND l.relation = ?::oid AND l.pid <> pg_backend_pid() AND ((l.granted AND l.mode <> 'AccessShareLock') "
                + "OR (NOT l.granted AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')))) "
                + "ORDER BY a.xact_start NULLS LAST", relationOid);
    }

    /**
     * The likely blockers of {@code pid} when none was caught in the act: sessions of the current database (other than
     * {@code pid} and ours) whose transaction is older than {@code olderThan} and that hold a granted lock on a user
     * table, index or sequence (not a system catalog). Typically an application session idle in transaction.
     */
    public static List<SessionInfo> longTransactionsHoldingTableLocks(Connection connection, int pid, Duration olderThan) throws SQLException {
        return query(connection, SELECT + "WHERE a.datname = current_database() AND a.pid <> ? AND a.pid <> pg_backend_pid() "
                + "AND a.backend_type = 'client backend' AND a.xact_start < now() - make_interval(secs => ?) "
                + "AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.locktype = 'relation' AND l.granted "
                + "AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()) "
                + "AND l.relation >= 16384) ORDER BY a.xact_start", pid, olderThan.toMillis() / 1000.0);
    }

    /** The sessions other than ours holding a granted lock on one of the relations, oldest transaction first. */
    public static List<SessionInfo> holdingLocksOn(Connection connection, long... relationOids) throws SQLException {
        if (relationOids.length == 0) {
            return List.of();
        }
        String oids = String.join(", ", Collections.nCopies(relationOids.length, "?::oid"));
        return query(connection, SELECT + "WHERE a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.locktype = 'relation' AND l.granted "
                + "AND l.pid <> pg_backend_pid() AND l.relation IN (" + oids + ")) ORDER BY a.xact_start NULLS LAST",
                Arrays.stream(relationOids).boxed().toArray());
    }

    /**
     * The sessions of the current database waiting for a lock another session holds or is queued for
     * ({@code pg_blocking_pids} not empty), longest-running query first; ours excluded.
     */
    public static List<SessionInfo> blocked(Connection connection) throws SQLException {
        return query(connection, SELECT + "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() "
                + "AND cardinality(pg_blocking_pids(a.pid)) > 0 ORDER BY a.query_start NULLS LAST");
    }

    /** The session {@code pid}, if it exists. */
    public static SessionInfo of(Connection connection, int pid) throws SQLException {
        List<SessionInfo> found = query(connection, SELECT + "WHERE a.pid = ?", pid);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The backend pid of {@code connection}. */
    public static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** One line per session, for messages; {@code "none"} when empty. */
    public static String describe(List<SessionInfo> sessions) {
        if (sessions.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (SessionInfo s : sessions) {
            out.append("\n  - ").append(s.describe());
        }
        return out.toString();
    }

    private static List<SessionInfo> query(Connection connection, String sql, Object... parameters) throws SQLException {
        List<SessionInfo> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SessionInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            seconds(rs, 6), seconds(rs, 7), shorten(rs.getString(8))));
                }
            }
        }
        return out;
    }

    private static Duration seconds(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis((long) (value * 1000));
    }

    /** The query on one line, cut to a length fit for messages. */
    public static String shorten(String query) {
        String oneLine = query.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_QUERY_CHARS ? oneLine : oneLine.substring(0, MAX_QUERY_CHARS - 3) + "...";
    }
}
