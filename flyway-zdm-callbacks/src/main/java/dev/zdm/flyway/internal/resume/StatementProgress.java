package dev.zdm.flyway.internal.resume;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.Relations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table {@code zdm_statement_progress} next to flyway_schema_history: which statements of a non-transactional SQL
 * migration an unfinished run applied, so that the next run skips exactly those.
 *
 * <p>A statement is identified by its ordinal in the script and its {@link dev.zdm.core.sql.StatementFingerprint}
 * (what it says, comments and white space aside), never by its line: two statements can share a line, and an edit
 * above a statement moves it. Row 0 of a script marks a run as started by flyway-zdm. A statement that can run in a
 * transaction block is recorded in the same transaction as the statement itself, so that a crash between the two is
 * impossible; the others (CREATE INDEX CONCURRENTLY, batched backfills, VACUUM, ...) are recorded right after and
 * made idempotent by their own means (catalog checks, backfill checkpoints).
 *
 * <p>Every write runs with {@code SET LOCAL ROLE NONE}, so a {@code SET ROLE} in the migration cannot make the
 * bookkeeping fail; the table name is schema-qualified, so the migration's search_path does not matter either.
 */
public final class StatementProgress {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway");
    public static final String TABLE = "zdm_statement_progress";
    /** The ordinal of the row that marks a run as started, before its first statement. */
    static final int STARTED = 0;

    /** What an earlier run recorded of one statement. */
    public enum State {
        /** Row 0: the run started. */
        STARTED,
        /** Begun but not known to be finished: a batched backfill, which continues from its checkpoint. */
        RUNNING,
        /** Applied. */
        DONE
    }

    /** One recorded statement. */
    public record Recorded(int ordinal, String fingerprint, State state, int line, String statement, String doneAt) {
    }

    private final Connection connection;
    private final String table;

    private StatementProgress(Connection connection, String schema) {
        this.connection = connection;
        this.table = Identifiers.qualified(schema, TABLE);
    }

    /** The progress table in {@code schema}, created if missing (the connection must be in autocommit mode). */
    public static StatementProgress in(Connection connection, String schema) throws SQLException {
        StatementProgress progress = new StatementProgress(connection, schema);
        progress.ensureTable(schema);
        return progress;
    }

    /** The progress table in {@code schema} for reading only (status reports): empty when it does not exist; never creates it. */
    public static java.util.Optional<StatementProgress> ifExists(Connection connection, String schema) throws SQLException {
        return exists(connection, schema) ? java.util.Optional.of(new StatementProgress(connection, schema)) : java.util.Optional.empty();
    }

    /** Whether the table exists in {@code schema}. */
    public static boolean exists(Connection connection, String schema) throws SQLException {
        return Relations.exists(connection, Identifiers.qualified(schema, TABLE));
    }

    private void ensureTable(String schema) throws SQLException {
        Shape shape = shape(schema);
        if (shape == Shape.CURRENT) {
            return;
        }
        asSessionUser(() -> {
            try (Statement s = connection.createStatement()) {
                if (shape == Shape.LEGACY) {
                    retireLegacyTable(s, schema);
                }
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (script text NOT NULL, ordinal integer NOT NULL, "
                        + "fingerprint text NOT NULL, state text NOT NULL CHECK (state IN ('started', 'running', 'done')), "
                        + "line integer NOT NULL, statement text NOT NULL, done_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                        + "PRIMARY KEY (script, ordinal))");
                s.execute("COMMENT ON TABLE " + table + " IS 'flyway-zdm: statements of a non-transactional migration already "
                        + "applied by a run that did not finish, by ordinal and fingerprint; the next run skips them'");
            }
        }, () -> shape(schema) == Shape.CURRENT);
    }

    private enum Shape { MISSING, LEGACY, CURRENT }

    /** MISSING, CURRENT, or LEGACY: the first version's table, keyed by line, which cannot identify statements. */
    private Shape shape(String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL, EXISTS (SELECT 1 FROM pg_attribute "
                + "WHERE attrelid = to_regclass(?) AND attname = 'fingerprint' AND NOT attisdropped)")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return !rs.getBoolean(1) ? Shape.MISSING : rs.getBoolean(2) ? Shape.CURRENT : Shape.LEGACY;
            }
        }
    }

    /**
     * The first version keyed statements by line, which skipped the second statement of a line; its rows cannot be
     * trusted to resume anything. Kept under another name when it holds rows, so that nothing recorded is lost.
     */
    private void retireLegacyTable(Statement s, String schema) throws SQLException {
        long rows;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            rows = rs.getLong(1);
        }
        if (rows == 0) {
            s.execute("DROP TABLE " + table);
            return;
        }
        String kept = TABLE + "_v1";
        s.execute("ALTER TABLE " + table + " RENAME TO " + Identifiers.quote(kept));
        LOG.warn("flyway-zdm: {} of an earlier flyway-zdm version held {} row(s) of unfinished non-transactional migrations, keyed "
                + "by line; they cannot tell statements apart and were moved to {}.{}. A migration that was left half-applied by that "
                + "version is not continued automatically: check what it applied, then run flyway repair.", table, rows, schema, kept);
    }

    /** What earlier, unfinished runs recorded of {@code script}, by ordinal (row 0 included when a run started). */
    public Map<Integer, Recorded> recorded(String script) throws SQLException {
        Map<Integer, Recorded> out = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT ordinal, fingerprint, state, line, statement, "
                + "to_char(done_at, 'YYYY-MM-DD HH24:MI:SS TZ') FROM " + table + " WHERE script = ? ORDER BY ordinal")) {
            ps.setString(1, script);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), new Recorded(rs.getInt(1), rs.getString(2), State.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                            rs.getInt(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    /** Marks a run of {@code script} as started by flyway-zdm (in its own transaction). */
    public void start(String script) throws SQLException {
        asSessionUser(() -> write(script, STARTED, "", State.STARTED, 0, "(migration started)"), () -> false);
    }

    /** Records a statement's state in its own transaction (for statements that cannot share one with the record). */
    public void recordAlone(String script, int ordinal, String fingerprint, State state, int line, String statement) throws SQLException {
        asSessionUser(() -> write(script, ordinal, fingerprint, state, line, statement), () -> false);
    }

    /**
     * Records statements as applied inside the transaction that is open on the connection, the one that ran them, and
     * commits it: they and their records commit together or not at all. One round trip: the role switch, the records
     * and the COMMIT travel together (the driver's own commit afterwards finds no transaction and sends nothing).
     */
    public void recordAndCommit(String script, List<MigrationProgress.Step> steps) throws SQLException {
        StringBuilder sql = new StringBuilder("SET LOCAL ROLE NONE; INSERT INTO ").append(table)
                .append(" (script, ordinal, fingerprint, state, line, statement) VALUES ");
        for (int i = 0; i < steps.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 'done', ?, ?)");
        }
        sql.append(" ON CONFLICT (script, ordinal) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state, ")
                .append("line = EXCLUDED.line, statement = EXCLUDED.statement, done_at = EXCLUDED.done_at; COMMIT");
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (MigrationProgress.Step step : steps) {
                ps.setString(p++, script);
                ps.setInt(p++, step.ordinal());
                ps.setString(p++, step.fingerprint());
                ps.setInt(p++, step.line());
                ps.setString(p++, step.summary());
            }
            ps.execute();
        }
    }

    private void write(String script, int ordinal, String fingerprint, State state, int line, String statement) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table
                + " (script, ordinal, fingerprint, state, line, statement) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (script, ordinal) DO UPDATE "
                + "SET fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state, line = EXCLUDED.line, statement = EXCLUDED.statement, "
                + "done_at = EXCLUDED.done_at")) {
            ps.setString(1, script);
            ps.setInt(2, ordinal);
            ps.setString(3, fingerprint);
            ps.setString(4, state.name().toLowerCase(java.util.Locale.ROOT));
            ps.setInt(5, line);
            ps.setString(6, statement);
            ps.execute();
        }
    }

    /** Forgets the statements of {@code script} from {@code fromOrdinal} on (they will run again). */
    public void forgetFrom(String script, int fromOrdinal) throws SQLException {
        asSessionUser(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE script = ? AND ordinal >= ?")) {
                ps.setString(1, script);
                ps.setInt(2, fromOrdinal);
                ps.executeUpdate();
            }
        }, () -> false);
    }

    /** Work on the bookkeeping table. */
    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Whether a failure can be ignored because what the work was for is there anyway (another session did it). */
    @FunctionalInterface
    private interface Done {
        boolean check() throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own as the session user ({@code SET LOCAL ROLE NONE}), whatever role
     * the migration switched to; the connection's autocommit mode is restored afterwards.
     */
    private void asSessionUser(Work work, Done alreadyDone) throws SQLException {
        boolean autocommit = connection.getAutoCommit();
        if (autocommit) {
            connection.setAutoCommit(false);
        }
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL ROLE NONE");
            }
            work.run();
            if (autocommit) {
                connection.commit();
            }
        } catch (SQLException e) {
            if (autocommit) {
                connection.rollback();
            }
            // Two sessions creating the table at once: the loser gets a unique violation on the catalog; the table is there.
            if (!alreadyDone.check()) {
                throw e;
            }
        } finally {
            if (autocommit) {
                connection.setAutoCommit(true);
            }
        }
    }
}
