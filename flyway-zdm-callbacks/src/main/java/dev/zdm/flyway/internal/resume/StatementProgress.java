package dev.zdm.flyway.internal.resume;

import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Which statements of a non-transactional SQL migration have already been applied, in
 * {@code zdm_statement_progress} next to flyway_schema_history. A migration that cannot run in a transaction
 * (CREATE INDEX CONCURRENTLY, batched backfills, ...) commits statement by statement; if it fails or is killed
 * half-way, running it again from the top would repeat statements that are done ("already exists"). Each
 * statement is recorded in the same autocommit step that follows it, keyed by the script, its Flyway
 * checksum (an edited script starts afresh) and the statement's line, and skipped by the next run. The rows
 * of a migration are deleted once it succeeds.
 */
public final class StatementProgress {
    public static final String TABLE = "zdm_statement_progress";
    /** The line recorded when a migration starts, before its first statement: marks it as run by flyway-zdm. */
    static final int STARTED = 0;

    private final Connection connection;
    private final String table;

    private StatementProgress(Connection connection, String schema) {
        this.connection = connection;
        this.table = Identifiers.qualified(schema, TABLE);
    }

    /** The progress table in {@code schema}, created if missing (the connection must be in autocommit mode). */
    public static StatementProgress in(Connection connection, String schema) throws SQLException {
        StatementProgress progress = new StatementProgress(connection, schema);
        if (!exists(connection, schema)) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + progress.table + " (script text NOT NULL, checksum integer, "
                        + "line integer NOT NULL, statement text NOT NULL, done_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                        + "PRIMARY KEY (script, line))");
                s.execute("COMMENT ON TABLE " + progress.table + " IS 'flyway-zdm: statements of a non-transactional migration already "
                        + "applied by a run that did not finish; the next run skips them'");
            } catch (SQLException e) {
                if (!exists(connection, schema)) {
                    throw e;
                }
            }
        }
        return progress;
    }

    static boolean exists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, Identifiers.qualified(schema, TABLE));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Forgets the rows of an earlier run of {@code script} whose checksum differs (the script was edited since;
     * nothing of it can be trusted to match), then marks the migration as started.
     */
    public void start(String script, Integer checksum) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE script = ? AND checksum IS DISTINCT FROM ?")) {
            ps.setString(1, script);
            setChecksum(ps, 2, checksum);
            ps.executeUpdate();
        }
        record(script, checksum, STARTED, "(migration started)");
    }

    /** Whether the statement at {@code line} was applied by an earlier run of the same script. */
    public boolean done(String script, Integer checksum, int line) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE script = ? AND checksum IS NOT DISTINCT FROM ? AND line = ?")) {
            ps.setString(1, script);
            setChecksum(ps, 2, checksum);
            ps.setInt(3, line);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records that the statement at {@code line} is applied. */
    public void record(String script, Integer checksum, int line, String statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (script, checksum, line, statement) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (script, line) DO NOTHING")) {
            ps.setString(1, script);
            setChecksum(ps, 2, checksum);
            ps.setInt(3, line);
            ps.setString(4, statement);
            ps.executeUpdate();
        }
    }

    /** The migration succeeded: its rows are no longer needed. */
    public void finish(String script) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE script = ?")) {
            ps.setString(1, script);
            ps.executeUpdate();
        }
    }

    /** Statements recorded as done for {@code script} with {@code checksum} (the start marker not counted). */
    public List<String> doneStatements(String script, Integer checksum) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT line, statement FROM " + table
                + " WHERE script = ? AND checksum IS NOT DISTINCT FROM ? AND line <> " + STARTED + " ORDER BY line")) {
            ps.setString(1, script);
            setChecksum(ps, 2, checksum);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("line " + rs.getInt(1) + ": " + rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Whether a run of {@code script} with {@code checksum} was started by flyway-zdm and did not finish. */
    public boolean started(String script, Integer checksum) throws SQLException {
        return done(script, checksum, STARTED);
    }

    private static void setChecksum(PreparedStatement ps, int index, Integer checksum) throws SQLException {
        if (checksum == null) {
            ps.setNull(index, java.sql.Types.INTEGER);
        } else {
            ps.setInt(index, checksum);
        }
    }
}
