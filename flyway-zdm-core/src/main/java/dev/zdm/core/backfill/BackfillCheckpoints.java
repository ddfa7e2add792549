package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
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
 * migration is a resumable backfill. Writes are the engine's business.
 */
public final class BackfillCheckpoints {
    /** The table's name; it lives in the schema given to every method. */
    public static final String TABLE = "zdm_backfill_progress";

    static final String COLUMNS = "backfill_id, target_table, key_columns, last_key, pass, rows_done, rows_scanned, batches, state, "
            + "statement, started_at, updated_at, finished_at, active_ms, last_error";

    private BackfillCheckpoints() {
    }

    /** Whether the checkpoint table exists in {@code schema}. */
    public static boolean exists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
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

    /** Creates the table in {@code schema} unless it is there; safe to call from several sessions at once. */
    public static void ensureTable(Connection connection, String schema) throws SQLException {
        if (exists(connection, schema)) {
            return;
        }
        String ddl = "CREATE TABLE IF NOT EXISTS " + table(schema) + " ("
                + "backfill_id text PRIMARY KEY, "
                + "target_table text NOT NULL, "
                + "key_columns text[] NOT NULL, "
                + "last_key text[], "
                + "pass integer NOT NULL DEFAULT 1, "
                + "rows_done bigint NOT NULL DEFAULT 0, "
                + "rows_scanned bigint NOT NULL DEFAULT 0, "
                + "batches bigint NOT NULL DEFAULT 0, "
                + "state text NOT NULL CHECK (state IN ('running', 'failed', 'incomplete', 'done')), "
                + "statement text NOT NULL, "
                + "started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                + "updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                + "finished_at timestamptz, "
                + "active_ms bigint NOT NULL DEFAULT 0, "
                + "last_error text)";
        try (Statement s = connection.createStatement()) {
            s.execute(ddl);
            s.execute("COMMENT ON TABLE " + table(schema) + " IS 'flyway-zdm: progress of batched backfills, written in the same "
                    + "transaction as each batch; a re-run resumes after last_key'");
        } catch (SQLException e) {
            // Two sessions creating it at once: the loser gets a unique violation on the catalog; the table is there.
            if (!exists(connection, schema)) {
                throw e;
            }
        }
    }

    static String table(String schema) {
        return Identifiers.qualified(schema, TABLE);
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
