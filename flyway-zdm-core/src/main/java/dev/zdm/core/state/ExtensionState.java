package dev.zdm.core.state;

import dev.zdm.core.lock.SessionSetting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the extension's tables in a schema: brings them to {@link StateMigrations#CURRENT} before anything
 * writes to them, and refuses a layout newer than this code knows.
 *
 * <p>An upgrade runs the missing {@link StateMigrations} steps and writes the version row in one short transaction
 * (inside the caller's, under a savepoint, when the connection is not in autocommit mode), as the session user, with
 * a {@value #LOCK_TIMEOUT_SETTING} lock_timeout, holding the transaction-level advisory lock
 * ({@link StateLocks#STATE_UPGRADE}, {@code hashtext(schema)}): two JVMs upgrading at once take turns, and the second
 * finds the work done. A failed upgrade leaves everything as it was.
 *
 * <p>{@link #ensure} checks once per connection and schema; the hot paths (a batch, a statement) never pay for it.
 */
public final class ExtensionState {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.state");
    /** The lock_timeout of an upgrade: the state tables are small and their transactions short. */
    public static final String LOCK_TIMEOUT_SETTING = "5s";
    /** Connections whose state is known current, per schema. Weak: a closed, dropped connection leaves. */
    private static final Map<Connection, Set<String>> ENSURED = Collections.synchronizedMap(new WeakHashMap<>());

    private ExtensionState() {
    }

    /**
     * Makes sure the tables in {@code schema} exist at the current version, creating or upgrading them if needed;
     * checked once per connection and schema.
     *
     * @throws StateVersionException the tables were written by a newer flyway-zdm, or the upgrade failed
     */
    public static void ensure(Connection connection, String schema) throws SQLException {
        if (known(connection, schema)) {
            return;
        }
        boolean autocommit = connection.getAutoCommit();
        if (upgrade(connection, schema) && !autocommit) {
            return; // upgraded inside the caller's transaction, which may still roll back: check again next time
        }
        remember(connection, schema);
    }

    /**
     * Refuses tables written by a newer flyway-zdm, changing nothing: for the first look of a run at tables it may not
     * write to (resume, before validation). Older tables pass; the first write upgrades them.
     *
     * @throws StateVersionException the tables were written by a newer flyway-zdm
     */
    public static void refuseNewer(Connection connection, String schema) throws SQLException {
        if (known(connection, schema)) {
            return;
        }
        Optional<StateVersion> row = version(connection, schema);
        int found = row.map(StateVersion::schemaVersion).orElse(0);
        refuseNewer(schema, found, row.orElse(null));
        if (found == StateMigrations.CURRENT) {
            remember(connection, schema);
        }
    }

    private static boolean known(Connection connection, String schema) {
        Set<String> schemas = ENSURED.get(connection);
        return schemas != null && schemas.contains(schema);
    }

    private static void remember(Connection connection, String schema) {
        ENSURED.computeIfAbsent(connection, c -> Collections.synchronizedSet(new HashSet<>())).add(schema);
    }

    /**
     * Like {@link #ensure}, without the per-connection memory: reads the version, and upgrades when it is older.
     *
     * @return whether this call changed the tables (false: they were current, or another session upgraded them first)
     */
    public static boolean upgrade(Connection connection, String schema) throws SQLException {
        Optional<StateVersion> row = version(connection, schema);
        int found = row.map(StateVersion::schemaVersion).orElse(0);
        refuseNewer(schema, found, row.orElse(null));
        if (found == StateMigrations.CURRENT) {
            return false;
        }
        try {
            return upgradeInTransaction(connection, schema);
        } catch (StateVersionException e) {
            throw e;
        } catch (SQLException e) {
            // Another session (an older flyway-zdm creating its table "if missing") may have raced us; its work counts.
            try {
                if (schemaVersion(connection, schema) == StateMigrations.CURRENT) {
                    return false;
                }
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw new StateVersionException("flyway-zdm could not upgrade its tables in schema " + schema + " from state version "
                    + found + " to " + StateMigrations.CURRENT + ": " + e.getMessage() + (lockNotAvailable(e)
                    ? "\nAnother session holds a lock on one of them (a running backfill or migration?) for longer than the upgrade's "
                      + "lock_timeout of " + LOCK_TIMEOUT_SETTING + "; run again when it is done."
                    : "") + "\nNothing was changed: the upgrade runs in one transaction.", e);
        }
    }

    /** The version row of {@code schema}; empty when there is none (no tables yet, or the unversioned 0.1.0 layout). */
    public static Optional<StateVersion> version(Connection connection, String schema) throws SQLException {
        String table = StateTables.qualified(schema, StateTables.STATE_VERSION);
        if (!Relations.exists(connection, schema, StateTables.STATE_VERSION)) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_version, written_by, updated_at FROM " + table)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Timestamp at = rs.getTimestamp(3);
            return Optional.of(new StateVersion(rs.getInt(1), rs.getString(2), at == null ? null : at.toInstant()));
        }
    }

    /** The flyway-zdm version of this code, as written into the version row. */
    public static String codeVersion() {
        String v = ExtensionState.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static int schemaVersion(Connection connection, String schema) throws SQLException {
        return version(connection, schema).map(StateVersion::schemaVersion).orElse(0);
    }

    private static void refuseNewer(String schema, int found, StateVersion row) throws StateVersionException {
        if (found > StateMigrations.CURRENT) {
            throw new StateVersionException("flyway-zdm's tables in schema " + schema + " are at state version " + found
                    + (row == null ? "" : ", written by flyway-zdm " + row.writtenBy()) + "; this flyway-zdm (" + codeVersion()
                    + ") knows state versions up to " + StateMigrations.CURRENT + " and will not touch them. Upgrade flyway-zdm to the "
                    + "version that wrote them (or newer).", null);
        }
    }

    private static boolean upgradeInTransaction(Connection connection, String schema) throws SQLException {
        boolean autocommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        String[] saved = null;
        if (autocommit) {
            connection.setAutoCommit(false);
        } else {
            saved = sessionValues(connection);
            savepoint = connection.setSavepoint();
        }
        try {
            // the tables belong to the session user, whatever role a migration switched to (role none = SET ROLE NONE)
            SessionSetting.setLocal(connection, lockTimeoutAndRole(LOCK_TIMEOUT_SETTING, "none"));
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, StateLocks.STATE_UPGRADE);
                ps.setString(2, schema);
                ps.executeQuery().close();
            }
            Optional<StateVersion> row = version(connection, schema);
            int found = row.map(StateVersion::schemaVersion).orElse(0);
            refuseNewer(schema, found, row.orElse(null));
            for (StateMigration step : StateMigrations.ALL) {
                if (step.version() > found) {
                    step.change().apply(connection, schema);
                }
            }
            if (found < StateMigrations.CURRENT) {
                writeVersion(connection, schema);
                LOG.info("flyway-zdm: state tables in schema {} upgraded from state version {} to {}", schema, found, StateMigrations.CURRENT);
            }
            if (autocommit) {
                connection.commit();
            } else {
                connection.releaseSavepoint(savepoint);
                restore(connection, saved);
            }
            return found < StateMigrations.CURRENT;
        } catch (SQLException | RuntimeException e) {
            if (autocommit) {
                connection.rollback();
            } else {
                connection.rollback(savepoint); // also undoes the SET LOCALs made after it
            }
            throw e;
        } finally {
            if (autocommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void writeVersion(Connection connection, String schema) throws SQLException {
        String table = StateTables.qualified(schema, StateTables.STATE_VERSION);
        try (Statement s = connection.createStatement()) {
            if (!Relations.exists(connection, schema, StateTables.STATE_VERSION)) {
                s.execute("CREATE TABLE " + table + " (id boolean PRIMARY KEY DEFAULT true CHECK (id), schema_version integer NOT NULL, "
                        + "written_by text NOT NULL, updated_at timestamptz NOT NULL DEFAULT clock_timestamp())");
                s.execute("COMMENT ON TABLE " + table + " IS 'flyway-zdm: the layout version of its zdm_ tables in this schema; "
                        + "a flyway-zdm that knows an older version refuses to touch them'");
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table + " (schema_version, written_by) VALUES (?, ?) "
                + "ON CONFLICT (id) DO UPDATE SET schema_version = EXCLUDED.schema_version, written_by = EXCLUDED.written_by, "
                + "updated_at = clock_timestamp()")) {
            ps.setInt(1, StateMigrations.CURRENT);
            ps.setString(2, codeVersion());
            ps.executeUpdate();
        }
    }

    /** lock_timeout and role of the caller's transaction, restored after an upgrade made inside it. */
    private static String[] sessionValues(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('lock_timeout'), current_setting('role')")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    private static void restore(Connection connection, String[] saved) throws SQLException {
        SessionSetting.setLocal(connection, lockTimeoutAndRole(saved[0], saved[1]));
    }

    private static Map<String, String> lockTimeoutAndRole(String lockTimeout, String role) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lock_timeout", lockTimeout);
        values.put("role", role);
        return values;
    }

    private static boolean lockNotAvailable(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }
}
