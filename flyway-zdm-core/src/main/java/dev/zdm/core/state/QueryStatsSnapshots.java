package dev.zdm.core.state;

import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query statistics snapshots in {@code zdm_query_snapshot}: each application query of this database that
 * {@code pg_stat_statements} tracks, by queryid, with its normalised text, calls and total execution time, taken next to
 * the table statistics ({@link TableStatsSnapshots}) so that {@code zdm:verify} can compare each query's mean time since
 * then with its mean before. Only the latest snapshot is kept. Left out: DDL and maintenance statements
 * ({@link #NOT_APPLICATION}, migrations run those) and statements on flyway-zdm's own tables ({@link #OWN_TABLES}).
 * <p>
 * When pg_stat_statements cannot be read (not installed in this database, not loaded by the server, hidden from this
 * user), a snapshot records no query and {@link #current} says why and what to do.
 */
public final class QueryStatsSnapshots {
    private static final String WORD_EDGE = "[^[:alnum:]_]";
    /** A PostgreSQL ARE matching DDL and maintenance statements, after leading comments. */
    public static final String NOT_APPLICATION = "^\\s*(/\\*([^*]|\\*+[^*/])*\\*+/\\s*|--[^\\n]*\\n\\s*)*"
            + "(alter|create|drop|comment|grant|revoke|reindex|cluster|vacuum|analy[sz]e|refresh|security\\s+label)\\M";
    /** A PostgreSQL ARE matching a statement that names one of flyway-zdm's {@code zdm_} tables. */
    public static final String OWN_TABLES = "(^|" + WORD_EDGE + ")zdm_";
    private static final String THIS_DATABASE = "s.dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())";

    /**
     * One query's counters.
     *
     * @param queryId pg_stat_statements' queryid
     * @param query   its normalised text (constants as {@code $1})
     * @param calls   calls counted so far (all users, top-level or not)
     * @param totalMs total execution time so far, in milliseconds
     */
    public record QueryStats(long queryId, String query, long calls, double totalMs) {
        /** Mean execution time, in milliseconds (0 without calls). */
        public double meanMs() {
            return calls == 0 ? 0 : totalMs / calls;
        }
    }

    /**
     * A snapshot.
     *
     * @param takenAt     when
     * @param takenBy     what took it
     * @param historyRank the highest {@code installed_rank} of Flyway's history then (migrations above it ran since), or
     *                    null when it was not known
     * @param queries     the queries, by queryid
     */
    public record Snapshot(Instant takenAt, String takenBy, Integer historyRank, Map<Long, QueryStats> queries) {
        public Snapshot {
            queries = Map.copyOf(queries);
        }
    }

    /**
     * pg_stat_statements now, or why it cannot be read.
     *
     * @param queries     by queryid; empty when unavailable
     * @param unavailable why the view cannot be read, null when it can
     * @param howToEnable what to do about it, null when it can be read
     */
    public record Reading(Map<Long, QueryStats> queries, String unavailable, String howToEnable) {
        public boolean usable() {
            return unavailable == null;
        }

        static Reading unavailable(String why, String how) {
            return new Reading(Map.of(), why, how);
        }
    }

    private QueryStatsSnapshots() {
    }

    /** The schema pg_stat_statements is installed in, in this database, or null. */
    public static String extensionSchema(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT n.nspname FROM pg_catalog.pg_extension e "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The application queries of this database in pg_stat_statements now (under a savepoint inside a transaction). */
    public static Reading current(Connection connection) throws SQLException {
        String schema = extensionSchema(connection);
        if (schema == null) {
            return Reading.unavailable("pg_stat_statements not installed in this database",
                    "add pg_stat_statements to shared_preload_libraries in postgresql.conf, restart the server, and run "
                            + "CREATE EXTENSION pg_stat_statements in this database; the next migrate records the queries' times");
        }
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            Map<Long, QueryStats> out = new LinkedHashMap<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT s.queryid, min(s.query), sum(s.calls)::bigint, sum(s."
                    + totalTimeColumn(connection) + ")::float8 FROM " + Identifiers.qualified(schema, "pg_stat_statements") + " s WHERE "
                    + THIS_DATABASE + " AND s.queryid IS NOT NULL AND s.query !~* ? AND s.query !~* ? GROUP BY s.queryid")) {
                ps.setString(1, NOT_APPLICATION);
                ps.setString(2, OWN_TABLES);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new QueryStats(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDouble(4)));
                    }
                }
            }
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return new Reading(out, null, null);
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            Reading why = unavailable(e);
            if (why == null) {
                throw e;
            }
            return why;
        }
    }

    /** Why a read of the view failed, when it is one of the known reasons; else null. */
    public static Reading unavailable(SQLException e) {
        if (SqlStates.is(e, "55000")) {
            return Reading.unavailable("pg_stat_statements is installed but the server has not loaded it (" + SqlStates.describe(e) + ")",
                    "add pg_stat_statements to shared_preload_libraries in postgresql.conf and restart the server");
        }
        if (SqlStates.is(e, "42501")) {
            return Reading.unavailable("pg_stat_statements is not readable (" + SqlStates.describe(e) + ")",
                    "GRANT pg_read_all_stats TO the deploying user");
        }
        return null;
    }

    /**
     * Replaces the previous snapshot with the application queries of this database now (none when pg_stat_statements
     * cannot be read). The state tables must be current ({@link ExtensionState#ensure}).
     *
     * @param historyRank the highest {@code installed_rank} of Flyway's history now, or null
     * @return the reading the snapshot recorded (with why it recorded nothing, when unavailable)
     */
    public static Reading take(Connection connection, String stateSchema, String takenBy, Integer historyRank) throws SQLException {
        String table = StateTables.qualified(stateSchema, StateTables.QUERY_SNAPSHOT);
        try (Statement s = connection.createStatement()) {
            s.execute("DELETE FROM " + table);
        }
        Reading now = current(connection);
        if (!now.usable() || now.queries().isEmpty()) {
            return now;
        }
        java.time.OffsetDateTime takenAt;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT statement_timestamp()")) {
            rs.next();
            takenAt = rs.getObject(1, java.time.OffsetDateTime.class);
        }
        // One timestamp for every row: the rows of one snapshot are those of its taken_at.
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (taken_at, taken_by, history_rank, queryid, "
                + "query, calls, total_exec_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (QueryStats q : now.queries().values()) {
                ps.setObject(1, takenAt);
                ps.setString(2, takenBy);
                ps.setObject(3, historyRank, java.sql.Types.INTEGER);
                ps.setLong(4, q.queryId());
                ps.setString(5, q.query());
                ps.setLong(6, q.calls());
                ps.setDouble(7, q.totalMs());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return now;
    }

    /** The latest snapshot, or null when none recorded a query. */
    public static Snapshot latest(Connection connection, String stateSchema) throws SQLException {
        if (!Relations.exists(connection, stateSchema, StateTables.QUERY_SNAPSHOT)) {
            return null;
        }
        String table = StateTables.qualified(stateSchema, StateTables.QUERY_SNAPSHOT);
        Instant takenAt = null;
        String takenBy = null;
        Integer rank = null;
        Map<Long, QueryStats> queries = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT taken_at, taken_by, history_rank, queryid, query, calls, total_exec_ms FROM " + table
                     + " WHERE taken_at = (SELECT max(taken_at) FROM " + table + ") ORDER BY queryid")) {
            while (rs.next()) {
                takenAt = rs.getTimestamp(1).toInstant();
                takenBy = rs.getString(2);
                int r = rs.getInt(3);
                rank = rs.wasNull() ? null : r;
                queries.put(rs.getLong(4), new QueryStats(rs.getLong(4), rs.getString(5), rs.getLong(6), rs.getDouble(7)));
            }
        }
        return takenAt == null ? null : new Snapshot(takenAt, takenBy, rank, queries);
    }

    /** {@code total_exec_time} from PostgreSQL 13, {@code total_time} before. */
    private static String totalTimeColumn(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseMajorVersion() >= 13 ? "total_exec_time" : "total_time";
    }
}
