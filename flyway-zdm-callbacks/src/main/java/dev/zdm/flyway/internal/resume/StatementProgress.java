package dev.zdm.flyway.internal.resume;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.state.ExtensionState;
import dev.zdm.core.state.Relations;
import dev.zdm.core.state.StateTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * bookkeeping fail; the table name is schema-qualified, so the migration's search_path does not matter either. Its
 * DDL, and the retirement of the line-keyed table of the first builds, belong to {@code dev.zdm.core.state}.
 */
public final class StatementProgress {
    public static final String TABLE = StateTables.STATEMENT_PROGRESS;
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

    /**
     * The progress table in {@code schema}, created or upgraded with the extension's other tables if needed
     * ({@link ExtensionState#ensure}: checked once per connection).
     */
    public static StatementProgress in(Connection connection, String schema) throws SQLException {
        ExtensionState.ensure(connection, schema);
        return new StatementProgress(connection, schema);
    }

    /** The progress table in {@code schema} for reading only (status reports): empty when it does not exist; never creates it. */
    public static java.util.Optional<StatementProgress> ifExists(Connection connection, String schema) throws SQLException {
        return exists(connection, schema) ? java.util.Optional.of(new StatementProgress(connection, schema)) : java.util.Optional.empty();
    }

    /** Whether the table exists in {@code schema}. */
    public static boolean exists(Connection connection, String schema) throws SQLException {
        return Relations.exists(connection, schema, TABLE);
    }

    /**
     * Drops the progress of migrations whose latest row in {@code history} (quoted, schema-qualified) is a success. Only
     * the latest counts: a repeatable migration has a successful row for each earlier application, and the progress of
     * its current, unfinished one must stay. Needs only the table, not its current layout.
     */
    public static void forgetSucceeded(Connection connection, String schema, String history) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + Identifiers.qualified(schema, TABLE)
                + " p USING " + history + " h WHERE h.script = p.script AND h.success AND h.installed_rank = "
                + "(SELECT max(l.installed_rank) FROM " + history + " l WHERE l.script = p.script)")) {
            ps.executeUpdate();
        }
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
        asSessionUser(() -> write(script, STARTED, "", State.STARTED, 0, "(migration started)"));
    }

    /** Records a statement's state in its own transaction (for statements that cannot share one with the record). */
    public void recordAlone(String script, int ordinal, String fingerprint, State state, int line, String statement) throws SQLException {
        asSessionUser(() -> write(script, ordinal, fingerprint, state, line, statement));
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
        });
    }

    /** Work on the bookkeeping table. */
    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own as the session user ({@code SET LOCAL ROLE NONE}), whatever role
     * the migration switched to; the connection's autocommit mode is restored afterwards.
     */
    private void asSessionUser(Work work) throws SQLException {
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
            throw e;
        } finally {
            if (autocommit) {
                connection.setAutoCommit(true);
            }
        }
    }
}
