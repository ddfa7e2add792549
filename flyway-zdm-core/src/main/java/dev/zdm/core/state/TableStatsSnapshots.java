package dev.zdm.core.state;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Statistics snapshots of the managed tables in {@code zdm_stats_snapshot}: each table's sequential and index scans,
 * live rows and valid indexes, from {@code pg_stat_user_tables} and {@code pg_index}. Taking one is one statement that
 * reads statistics and catalogs (no lock on a user table) and replaces the previous snapshot of the same schemas.
 */
public final class TableStatsSnapshots {
    /** Valid indexes of a table, by name, sorted. */
    private static final String INDEXES = "ARRAY(SELECT i.relname::text FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i "
            + "ON i.oid = x.indexrelid WHERE x.indrelid = s.relid AND x.indisvalid ORDER BY 1)";
    /** Since when the counters count: the database's last statistics reset, else the server's start. */
    private static final String COUNTED_SINCE = "(SELECT coalesce(d.stats_reset, pg_postmaster_start_time()) "
            + "FROM pg_catalog.pg_stat_database d WHERE d.datname = current_database())";

    /**
     * One table's statistics.
     *
     * @param relid        the table's oid (stable across rewrites and renames)
     * @param schema       its schema
     * @param table        its name
     * @param seqScans     sequential scans counted so far
     * @param indexScans   index scans counted so far
     * @param liveRows     estimated live rows
     * @param countedSince when the counters started (a statistics reset, or the server's start)
     * @param takenAt      when they were read
     * @param indexes      its valid indexes, by name
     */
    public record TableStats(long relid, String schema, String table, long seqScans, long indexScans, long liveRows,
                             Instant countedSince, Instant takenAt, List<String> indexes) {
        public TableStats {
            indexes = List.copyOf(indexes);
        }

        /** {@code schema.table}, for messages. */
        public String qualifiedName() {
            return schema + "." + table;
        }
    }

    /**
     * A snapshot.
     *
     * @param takenAt when
     * @param takenBy what took it ({@code migrate before V3__x.sql}, {@code snapshotStatistics})
     * @param tables  the tables of the schemas it covers
     */
    public record Snapshot(Instant takenAt, String takenBy, List<TableStats> tables) {
        public Snapshot {
            tables = List.copyOf(tables);
        }
    }

    private TableStatsSnapshots() {
    }

    /**
     * Records the statistics of every table of {@code schemas} now, replacing the previous snapshot of those schemas.
     * The state tables must be current ({@link ExtensionState#ensure}).
     *
     * @return the number of tables recorded
     */
    public static int take(Connection connection, String stateSchema, List<String> schemas, String takenBy) throws SQLException {
        String table = StateTables.qualified(stateSchema, StateTables.STATS_SNAPSHOT);
        try (PreparedStatement ps = connection.prepareStatement("WITH previous AS (DELETE FROM " + table + " WHERE schema_name = ANY (?)) "
                + "INSERT INTO " + table + " (taken_at, taken_by, relid, schema_name, table_name, seq_scan, idx_scan, n_live_tup, "
                + "counted_since, indexes) SELECT statement_timestamp(), ?, s.relid, s.schemaname, s.relname, coalesce(s.seq_scan, 0), "
                + "coalesce(s.idx_scan, 0), coalesce(s.n_live_tup, 0), " + COUNTED_SINCE + ", " + INDEXES + " "
                + "FROM pg_catalog.pg_stat_user_tables s WHERE s.schemaname = ANY (?)")) {
            Array names = connection.createArrayOf("text", schemas.toArray());
            ps.setArray(1, names);
            ps.setString(2, takenBy);
            ps.setArray(3, names);
            return ps.executeUpdate();
        }
    }

    /** The latest snapshot covering {@code schemas}, restricted to their tables; null when none was taken. */
    public static Snapshot latest(Connection connection, String stateSchema, List<String> schemas) throws SQLException {
        if (!Relations.exists(connection, stateSchema, StateTables.STATS_SNAPSHOT)) {
            return null;
        }
        String table = StateTables.qualified(stateSchema, StateTables.STATS_SNAPSHOT);
        Instant takenAt = null;
        String takenBy = null;
        List<TableStats> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT relid, schema_name, table_name, seq_scan, idx_scan, n_live_tup, "
                + "counted_since, taken_at, indexes, taken_by FROM " + table + " WHERE schema_name = ANY (?) "
                + "AND taken_at = (SELECT max(taken_at) FROM " + table + " WHERE schema_name = ANY (?)) ORDER BY schema_name, table_name")) {
            Array names = connection.createArrayOf("text", schemas.toArray());
            ps.setArray(1, names);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableStats t = stats(rs);
                    tables.add(t);
                    takenAt = t.takenAt();
                    takenBy = rs.getString(10);
                }
            }
        }
        return takenAt == null ? null : new Snapshot(takenAt, takenBy, tables);
    }

    /** The statistics of every table of {@code schemas} now, read the same way as a snapshot. */
    public static List<TableStats> current(Connection connection, List<String> schemas) throws SQLException {
        List<TableStats> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT s.relid, s.schemaname, s.relname, coalesce(s.seq_scan, 0), "
                + "coalesce(s.idx_scan, 0), coalesce(s.n_live_tup, 0), " + COUNTED_SINCE + ", clock_timestamp(), " + INDEXES + " "
                + "FROM pg_catalog.pg_stat_user_tables s WHERE s.schemaname = ANY (?) ORDER BY s.schemaname, s.relname")) {
            ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stats(rs));
                }
            }
        }
        return out;
    }

    private static TableStats stats(ResultSet rs) throws SQLException {
        Array indexes = rs.getArray(9);
        return new TableStats(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                indexes == null ? List.of() : Arrays.asList((String[]) indexes.getArray()));
    }
}
