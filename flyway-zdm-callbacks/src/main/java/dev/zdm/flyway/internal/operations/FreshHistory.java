package dev.zdm.flyway.internal.operations;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.state.Relations;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.MigrateRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Whether Flyway's history was empty when {@code migrate} started: a fresh database (tests, CI, a new environment) that
 * no application uses yet, where an operation migration runs its contract steps at once. The answer is taken before the
 * run's first migration ({@link MigrateRun#historyEmptyAtStart()}), so migrations applied earlier in the same run do not
 * count; without a run (flyway-zdm disabled) the history is read when asked, which only ever defers a contract.
 */
public final class FreshHistory {
    private FreshHistory() {
    }

    /** Whether the history had no applied migration when the current migrate started. */
    public static boolean atMigrateStart(Configuration configuration, Connection connection) throws SQLException {
        MigrateRun run = MigrateRun.current();
        Boolean recorded = run == null ? null : run.historyEmptyAtStart();
        return recorded != null ? recorded : noneApplied(connection, HistorySchema.of(configuration, connection), configuration.getTable());
    }

    /**
     * Whether the history has no successful migration (Flyway's schema-creation marker aside; a baseline counts: the
     * database existed before Flyway). For the lifecycle callback, before the run's first migration: a failure to read
     * is reported as a {@link ZdmMigrationException}.
     */
    public static boolean noneApplied(Configuration configuration, Connection connection) {
        try {
            return noneApplied(connection, HistorySchema.of(configuration, connection), configuration.getTable());
        } catch (SQLException e) {
            throw new ZdmMigrationException("flyway-zdm could not read Flyway's history table " + configuration.getTable()
                    + " (" + e.getSQLState() + ": " + e.getMessage() + "); nothing was applied. Check that the migrating user may "
                    + "read it, then run migrate again.", e);
        }
    }

    private static boolean noneApplied(Connection connection, String schema, String table) throws SQLException {
        if (!Relations.exists(connection, schema, table)) {
            return true;
        }
        // The name comes from Flyway's configuration and is quoted: an identifier, not a value, so it cannot be bound.
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + Identifiers.qualified(schema, table)
                     + " WHERE success AND type <> 'SCHEMA')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
