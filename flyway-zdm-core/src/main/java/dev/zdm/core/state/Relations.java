package dev.zdm.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The one "does this table exist" of the extension, for its own tables and Flyway's history table: a look at
 * pg_class/pg_namespace with the names bound as values. No lock is taken, the search_path does not matter, and, unlike
 * {@code to_regclass}, which answers from the session's catalog cache, it reads the catalog with the statement's
 * snapshot: a table another session created and committed while this one waited (on the upgrade lock) is seen.
 */
public final class Relations {
    private Relations() {
    }

    /** Whether the relation {@code schema.name} exists (names as they are, exact, unquoted). */
    public static boolean exists(Connection connection, String schema, String name) throws SQLException {
        return existing(connection, schema, name).contains(name);
    }

    /** Which of the relations {@code schema.<name>} exist, in one query (for a caller that needs several answers). */
    public static Set<String> existing(Connection connection, String schema, String... names) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.relname FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ANY (?)")) {
            ps.setString(1, schema);
            ps.setArray(2, connection.createArrayOf("text", names));
            Set<String> found = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    /** Whether {@code schema.table} has the column {@code column} (not dropped). */
    public static boolean hasColumn(Connection connection, String schema, String table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a "
                + "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
