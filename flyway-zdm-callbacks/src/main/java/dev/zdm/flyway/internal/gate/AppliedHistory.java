package dev.zdm.flyway.internal.gate;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.state.Relations;
import dev.zdm.flyway.internal.HistorySchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import dev.zdm.core.lint.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * What Flyway's history table says about the database: a database with no applied migration (no history
 * table, or only Flyway's schema-creation marker) is fresh: nobody uses it yet, so nothing the migrations do
 * can stall an application, and the gate only reports. A baseline row counts as applied: the database existed
 * before Flyway.
 */
public final class AppliedHistory {
    private AppliedHistory() {
    }

    /** Where the history table lives, e.g. {@code "app"."flyway_schema_history"}, for messages. */
    static String table(Configuration configuration, Connection connection) throws SQLException {
        return HistorySchema.table(configuration, connection);
    }

    /** The versions applied successfully; empty when there is no history table. */
    static List<MigrationVersion> appliedVersions(Configuration configuration, Connection connection) throws SQLException {
        String schema = HistorySchema.of(configuration, connection);
        String table = Identifiers.qualified(schema, configuration.getTable());
        List<MigrationVersion> out = new ArrayList<>();
        if (!Relations.exists(connection, schema, configuration.getTable())) {
            return out;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + table + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                try {
                    out.add(MigrationVersion.parse(rs.getString(1)));
                } catch (IllegalArgumentException e) {
                    // not a numeric version (Flyway allows none other); ignore it
                }
            }
        }
        return out;
    }

    /**
     * What the history says, read in one query: whether it is fresh (no row but the schema marker) and the versions
     * applied successfully. For the start of a migrate, which needs both before Flyway reads what is pending.
     */
    public record Snapshot(boolean fresh, List<MigrationVersion> applied) {
    }

    public static Snapshot snapshot(Configuration configuration, Connection connection) throws SQLException {
        String schema = HistorySchema.of(configuration, connection);
        if (!Relations.exists(connection, schema, configuration.getTable())) {
            return new Snapshot(true, List.of());
        }
        boolean fresh = true;
        List<MigrationVersion> applied = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT type <> 'SCHEMA', success AND version IS NOT NULL, version FROM "
                     + Identifiers.qualified(schema, configuration.getTable()))) {
            while (rs.next()) {
                fresh &= !rs.getBoolean(1);
                if (rs.getBoolean(2)) {
                    try {
                        applied.add(MigrationVersion.parse(rs.getString(3)));
                    } catch (IllegalArgumentException e) {
                        // not a numeric version (Flyway allows none other); ignore it
                    }
                }
            }
        }
        return new Snapshot(fresh, applied);
    }

    public static boolean fresh(Configuration configuration, Connection connection) throws SQLException {
        String schema = HistorySchema.of(configuration, connection);
        String table = Identifiers.qualified(schema, configuration.getTable());
        if (!Relations.exists(connection, schema, configuration.getTable())) {
            return true;
        }
        // The name comes from Flyway's configuration and is quoted: an identifier, not a value, so it cannot be bound.
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + " WHERE type <> 'SCHEMA')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
