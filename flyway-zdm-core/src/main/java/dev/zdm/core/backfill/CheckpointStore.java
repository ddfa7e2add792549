package dev.zdm.core.backfill;

import dev.zdm.core.state.ExtensionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Writes the checkpoint row of one backfill. {@link #advance} runs inside the batch transaction and only
 * succeeds when the row still holds the batch count this run last saw: a second runner (or the backend of a
 * killed client finishing its last statement) can then never make a batch count twice.
 *
 * <p>The table's layout is not this class's business: the first write of a connection makes sure of it through
 * {@link ExtensionState#ensure} (once per connection; batches pay nothing).
 */
final class CheckpointStore {
    private final Connection connection;
    private final String schema;
    private final String table;
    private final String id;

    CheckpointStore(Connection connection, String schema, String id) {
        this.connection = connection;
        this.schema = schema;
        this.table = BackfillCheckpoints.table(schema);
        this.id = id;
    }

    String schema() {
        return schema;
    }

    BackfillCheckpoint load() throws SQLException {
        return BackfillCheckpoints.find(connection, schema, id).orElse(null);
    }

    /** The row of this backfill, created (state running, nothing done) when missing. */
    BackfillCheckpoint open(TargetTable target, KeyColumns key, String statement) throws SQLException {
        ExtensionState.ensure(connection, schema);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table
                + " (backfill_id, target_table, key_columns, state, statement) VALUES (?, ?, ?, 'running', ?) ON CONFLICT (backfill_id) DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, target.qualified());
            ps.setArray(3, connection.createArrayOf("text", key.names().toArray()));
            ps.setString(4, statement);
            ps.executeUpdate();
        }
        return load();
    }

    /**
     * Records a background job (state queued, or running when an earlier foreground attempt already committed batches).
     * A row that is already a background job is left as it is (its migration ran again): false.
     */
    boolean enqueue(TargetTable target, KeyColumns key, String statement) throws SQLException {
        ExtensionState.ensure(connection, schema);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " AS t"
                + " (backfill_id, target_table, key_columns, state, statement, background) VALUES (?, ?, ?, 'queued', ?, true)"
                + " ON CONFLICT (backfill_id) DO UPDATE SET background = true, target_table = excluded.target_table,"
                + " key_columns = excluded.key_columns, statement = excluded.statement, last_error = NULL, updated_at = clock_timestamp(),"
                + " state = CASE WHEN t.batches = 0 THEN 'queued' ELSE 'running' END WHERE NOT t.background")) {
            ps.setString(1, id);
            ps.setString(2, target.qualified());
            ps.setArray(3, connection.createArrayOf("text", key.names().toArray()));
            ps.setString(4, statement);
            return ps.executeUpdate() == 1;
        }
    }

    /** The operator's request for this job ({@code pause}, {@code cancel}), or null. */
    String requested() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT requested FROM " + table + " WHERE backfill_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * The walk stopped between batches: paused or cancelled as the operator asked (the request is then answered), or still
     * running when its runner shut down (any runner continues it; a request not yet seen stays).
     */
    void stopped(BackfillCheckpoint.State state) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET state = ?, updated_at = clock_timestamp(),"
                + " requested = CASE WHEN ? = 'running' THEN requested END WHERE backfill_id = ?")) {
            ps.setString(1, state.sql());
            ps.setString(2, state.sql());
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /** Names the runner that took the job (shown by status). */
    void claim(String runner) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET runner = ? WHERE backfill_id = ?")) {
            ps.setString(1, runner);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** Continues after the row's last key: state running, the current statement, the error cleared. */
    BackfillCheckpoint resume(String statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table
                + " SET state = 'running', statement = ?, last_error = NULL, finished_at = NULL, updated_at = clock_timestamp()"
                + " WHERE backfill_id = ?")) {
            ps.setString(1, statement);
            ps.setString(2, id);
            ps.executeUpdate();
        }
        return load();
    }

    /** Starts a new walk from the first key (after a completed pass left rows behind, or when the key changed). */
    BackfillCheckpoint newPass(TargetTable target, KeyColumns key, String statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table
                + " SET pass = pass + 1, last_key = NULL, rows_scanned = 0, state = 'running', target_table = ?, key_columns = ?,"
                + " statement = ?, last_error = NULL, started_at = clock_timestamp(), updated_at = clock_timestamp(), finished_at = NULL"
                + " WHERE backfill_id = ?")) {
            ps.setString(1, target.qualified());
            ps.setArray(2, connection.createArrayOf("text", key.names().toArray()));
            ps.setString(3, statement);
            ps.setString(4, id);
            ps.executeUpdate();
        }
        return load();
    }

    /**
     * Records a committed batch, inside its transaction. False when the row moved on since {@code expectedBatches}
     * (someone else ran batches): the caller must roll back.
     */
    boolean advance(long expectedBatches, List<String> lastKey, long rowsChanged, long keysScanned, long activeMillis) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table
                + " SET last_key = ?, rows_done = rows_done + ?, rows_scanned = rows_scanned + ?, batches = batches + 1,"
                + " active_ms = active_ms + ?, updated_at = clock_timestamp() WHERE backfill_id = ? AND batches = ?")) {
            ps.setArray(1, connection.createArrayOf("text", lastKey.toArray()));
            ps.setLong(2, rowsChanged);
            ps.setLong(3, keysScanned);
            ps.setLong(4, activeMillis);
            ps.setString(5, id);
            ps.setLong(6, expectedBatches);
            return ps.executeUpdate() == 1;
        }
    }

    /** The walk is over: {@code done}, or {@code incomplete} with the reason. */
    void finish(BackfillCheckpoint.State state, String error) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table
                + " SET state = ?, last_error = ?, updated_at = clock_timestamp(),"
                + " finished_at = CASE WHEN ? = 'done' THEN clock_timestamp() END WHERE backfill_id = ?")) {
            ps.setString(1, state.sql());
            ps.setString(2, error);
            ps.setString(3, state.sql());
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    /**
     * Marks the backfill failed with {@code error}, keeping its progress; creates the row when the run failed before
     * it had one (so that the Flyway glue still recognises the migration as a resumable backfill).
     */
    void recordFailure(String targetTable, String statement, String error) throws SQLException {
        ExtensionState.ensure(connection, schema);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table
                + " (backfill_id, target_table, key_columns, state, statement, last_error) VALUES (?, ?, '{}', 'failed', ?, ?)"
                + " ON CONFLICT (backfill_id) DO UPDATE SET state = 'failed', last_error = excluded.last_error, updated_at = clock_timestamp()")) {
            ps.setString(1, id);
            ps.setString(2, targetTable);
            ps.setString(3, statement);
            ps.setString(4, error);
            ps.executeUpdate();
        }
    }

    /** Stores the serialised specification (JSON) of {@code backfillId} in its row; false when there is no row. */
    boolean saveSpec(String backfillId, String json) throws SQLException {
        return BackfillCheckpoints.saveSpec(connection, schema, backfillId, json);
    }

    /** The specification stored for {@code backfillId}, if any. */
    Optional<String> spec(String backfillId) throws SQLException {
        return BackfillCheckpoints.spec(connection, schema, backfillId);
    }
}
