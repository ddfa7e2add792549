package dev.zdm.flyway.internal.gate;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * What Flyway's history table says about the database: a database with no applied migration (no history
 * table, or only Flyway's schema-creation marker) is fresh: nobody uses it yet, so nothing the migrations do
 * can stall an application, and the gate only reports. A baseline row counts as applied: the database existed
 * before Flyway.
 */
final class AppliedHistory {
    private AppliedHistory() {
    }

    /** Where the history table lives, e.g. {@code "app"."flyway_schema_history"}, for messages. */
    static String table(Configuration configuration, Connection connection) throws SQLException {
        return Identifiers.qualified(FlywayBackfills.historySchema(configuration, connection), configuration.getTable());
    }

    static boolean fresh(Configuration configuration, Connection connection) throws SQLException {
        String table = table(configuration, connection);
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return true;
                }
            }
        }
        // The name comes from Flyway's configuration and is quoted: an identifier, not a value, so it cannot be bound.
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + " WHERE type <> 'SCHEMA')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
