package dev.zdm.core.backfill;

import dev.zdm.core.state.ExtensionState;
import dev.zdm.core.state.Relations;
import dev.zdm.core.state.StateIds;
import dev.zdm.core.state.StateTables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the checkpoint table {@code zdm_backfill_progress} (in the Flyway schema, next to
 * {@code flyway_schema_history}): for status reports and for the Flyway glue that decides whether a failed
 * migration is a resumable backfill. Reads work on any layout since 0.1.0 (they name only its columns); writes are the
 * engine's business, after {@link ExtensionState#ensure}. The table's DDL belongs to {@code dev.zdm.core.state}.
 */
public final class BackfillCheckpoints {
    /** The table's name; it lives in the schema given to every method. */
    public static final String TABLE = StateTables.BACKFILL_PROGRESS;

    static final String COLUMNS = "backfill_id, target_table, key_columns, last_key, pass, rows_done, rows_scanned, batches, state, "
            + "statement, started_at, updated_at, finished_at, active_ms, last_error";

    private BackfillCheckpoints() {
    }

    /** Whether the checkpoint table exists in {@code schema}. */
    public static boolean exists(Connection connection, String schema) throws SQLException {
        return Relations.exists(connection, schema, TABLE);
    }

    /** The checkpoint of {@code backfillId}, if the table and the row exist. */
    public static Optional<BackfillCheckpoint> find(Connection connection, String schema, String backfillId) throws SQLException {
        if (!exists(connection, schema)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table(schema) + " WHERE backfill_id = ?")) {
            ps.setString(1, backfillId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Every checkpoint in {@code schema}, oldest first; empty when the table does not exist. */
    public static List<BackfillCheckpoint> all(Connection connection, String schema) throws SQLException {
        List<BackfillCheckpoint> out = new ArrayList<>();
        if (!exists(connection, schema)) {
            return out;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + table(schema) + " ORDER BY started_at, backfill_id")) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    /**
     * Creates the table in {@code schema}, with the extension's other tables, or upgrades them to the current layout
     * (see {@link ExtensionState#ensure}); safe to call from several sessions at once.
     */
    public static void ensureTable(Connection connection, String schema) throws SQLException {
        ExtensionState.ensure(connection, schema);
    }

    /**
     * The first unfinished checkpoint of the migration {@code script}: a backfill whose id is the migration itself or one
     * of its statements ({@link StateIds#belongsTo}); empty when there is none or no table.
     */
    public static Optional<BackfillCheckpoint> unfinished(Connection connection, String schema, String script) throws SQLException {
        if (!exists(connection, schema)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table(schema)
                + " WHERE (backfill_id = ? OR left(backfill_id, length(?)) = ?) AND state <> 'done' ORDER BY backfill_id LIMIT 1")) {
            String prefix = StateIds.statementPrefix(script);
            ps.setString(1, script);
            ps.setString(2, prefix);
            ps.setString(3, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Stores the backfill's serialised specification (JSON) in its row, so that a runner other than the migration that
     * declared it can run or resume it. The row must exist (the run creates it); false when it does not.
     * PostgreSQL keeps it as {@code jsonb}: white space and key order are normalised, the content is kept.
     */
    public static boolean saveSpec(Connection connection, String schema, String backfillId, String json) throws SQLException {
        ExtensionState.ensure(connection, schema);
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table(schema)
                + " SET spec = ?::jsonb, updated_at = clock_timestamp() WHERE backfill_id = ?")) {
            ps.setString(1, json);
            ps.setString(2, backfillId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The specification stored with {@link #saveSpec}; empty when there is no row, or no specification in it. */
    public static Optional<String> spec(Connection connection, String schema, String backfillId) throws SQLException {
        ExtensionState.ensure(connection, schema);
        try (PreparedStatement ps = connection.prepareStatement("SELECT spec::text FROM " + table(schema) + " WHERE backfill_id = ?")) {
            ps.setString(1, backfillId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static String table(String schema) {
        return StateTables.qualified(schema, TABLE);
    }

    static BackfillCheckpoint read(ResultSet rs) throws SQLException {
        return new BackfillCheckpoint(rs.getString(1), rs.getString(2), strings(rs.getArray(3)), strings(rs.getArray(4)), rs.getInt(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), BackfillCheckpoint.State.of(rs.getString(9)), rs.getString(10),
                instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), Duration.ofMillis(rs.getLong(14)),
                rs.getString(15));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.stream((Object[]) array.getArray()).map(o -> (String) o).toList();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
