package dev.zdm.flyway.internal;

import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The schema of flyway_schema_history, where flyway-zdm keeps its own tables too: Flyway's {@code defaultSchema}, else
 * the first of {@code schemas}, else the connection's current schema (what Flyway itself falls back to). An empty
 * setting counts as unset: PostgreSQL has no schema with an empty name.
 */
public final class HistorySchema {
    private HistorySchema() {
    }

    /** The schema named by the configuration, if any (during migrate Flyway sets the search_path to it). */
    public static Optional<String> configured(Configuration configuration) {
        String defaultSchema = configuration.getDefaultSchema();
        if (defaultSchema != null && !defaultSchema.isEmpty()) {
            return Optional.of(defaultSchema);
        }
        String[] schemas = configuration.getSchemas();
        return schemas != null && schemas.length > 0 && schemas[0] != null && !schemas[0].isEmpty()
                ? Optional.of(schemas[0]) : Optional.empty();
    }

    /** The history's schema: the configured one, else the connection's current schema. */
    public static String of(Configuration configuration, Connection connection) throws SQLException {
        Optional<String> configured = configured(configuration);
        if (configured.isPresent()) {
            return configured.get();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The history table, quoted and schema-qualified, e.g. {@code "app"."flyway_schema_history"}. */
    public static String table(Configuration configuration, Connection connection) throws SQLException {
        return Identifiers.qualified(of(configuration, connection), configuration.getTable());
    }
}
