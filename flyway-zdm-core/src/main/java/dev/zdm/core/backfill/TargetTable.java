package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The table a backfill changes, as found in the catalog.
 *
 * @param oid     pg_class oid
 * @param schema  its schema
 * @param name    its name
 * @param relkind {@code r} (table) or {@code p} (partitioned table)
 * @param alias   the alias the user's fragments refer to it by, or null
 */
record TargetTable(long oid, String schema, String name, char relkind, String alias) {

    /** {@code "schema"."table"}. */
    String qualified() {
        return Identifiers.qualified(schema, name);
    }

    /** The name the statement exposes the table under: the quoted alias, else the quoted table name. */
    String exposed() {
        return Identifiers.quote(alias == null ? name : alias);
    }

    /** {@code "schema"."table"} or {@code "schema"."table" AS "alias"}. */
    String withAlias() {
        return alias == null ? qualified() : qualified() + " AS " + Identifiers.quote(alias);
    }

    String display() {
        return Identifiers.display(schema, name);
    }

    /** Finds the table of {@code spec} (through search_path when it names no schema). */
    static TargetTable resolve(Connection connection, Backfill spec) throws SQLException {
        String schema = spec.schema().orElse(null);
        String name = spec.table();
        if (spec.dottedNameIsQualified() && name.chars().filter(ch -> ch == '.').count() == 1) {
            schema = name.substring(0, name.indexOf('.'));
            name = name.substring(name.indexOf('.') + 1);
        }
        String sql = "SELECT c.oid, n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                + (schema == null
                ? "c.relname = ? AND n.nspname = ANY (current_schemas(false)) ORDER BY array_position(current_schemas(false), n.nspname) LIMIT 1"
                : "n.nspname = ? AND c.relname = ?");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (schema == null) {
                ps.setString(1, name);
            } else {
                ps.setString(1, schema);
                ps.setString(2, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BackfillDefinitionException("Backfill " + spec.describe() + ": table " + Identifiers.display(schema, name)
                            + " does not exist" + (schema == null ? " in the schemas of the search_path (" + searchPath(connection) + ")" : "")
                            + ". Check the name (it is case-sensitive: use the name as the catalog has it) or set schema(...).");
                }
                char relkind = rs.getString(4).charAt(0);
                TargetTable table = new TargetTable(rs.getLong(1), rs.getString(2), rs.getString(3), relkind, spec.alias().orElse(null));
                if (relkind != 'r' && relkind != 'p') {
                    throw new BackfillDefinitionException("Backfill " + spec.describe() + ": " + table.display() + " is a " + kindName(relkind)
                            + ", not a table; a batched backfill changes a table's rows.");
                }
                return table;
            }
        }
    }

    private static String searchPath(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting('search_path')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String kindName(char relkind) {
        return switch (relkind) {
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'f' -> "foreign table";
            case 'S' -> "sequence";
            case 'i', 'I' -> "index";
            default -> "relation of kind '" + relkind + "'";
        };
    }
}
