package dev.zdm.flyway.internal.gate;

import dev.zdm.core.sql.RelationName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Table sizes from the live database: pg_class.reltuples where PostgreSQL has an estimate, otherwise a count
 * that stops after {@code limit + 1} rows (cheap on any table). An index stands for its table. Unqualified
 * names are looked up in Flyway's default schema first, then on the search path.
 */
final class LiveCatalog {
    private final Connection connection;
    private final String defaultSchema;
    private final long limit;
    private final Map<String, TableSize> cache = new HashMap<>();

    LiveCatalog(Connection connection, String defaultSchema, long limit) {
        this.connection = connection;
        this.defaultSchema = defaultSchema;
        this.limit = limit;
    }

    TableSize size(RelationName relation) throws SQLException {
        String key = relation.quoted();
        TableSize cached = cache.get(key);
        if (cached == null) {
            cached = lookUp(relation);
            cache.put(key, cached);
        }
        return cached;
    }

    private TableSize lookUp(RelationName relation) throws SQLException {
        Long oid = null;
        if (relation.schema() == null && defaultSchema != null) {
            oid = regclass(new RelationName(defaultSchema, relation.name()).quoted());
        }
        if (oid == null) {
            oid = regclass(relation.quoted());
        }
        if (oid == null) {
            return TableSize.MISSING;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.reltuples::bigint, c.relkind::text, coalesce(i.indrelid, c.oid)::bigint, t.oid::regclass::text "
                        + "FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid "
                        + "JOIN pg_class t ON t.oid = coalesce(i.indrelid, c.oid) WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return TableSize.MISSING;
                }
                long estimate = rs.getLong(1);
                String kind = rs.getString(2);
                String table = rs.getString(4);
                if (estimate > 0 && !kind.equals("i")) {
                    return new TableSize(true, estimate, false);
                }
                return boundedCount(table);
            }
        }
    }

    private Long regclass(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?)::oid::bigint")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oid = rs.getLong(1);
                return rs.wasNull() ? null : oid;
            }
        }
    }

    /** Counts up to limit + 1 rows: enough to compare with the threshold without reading a big table. */
    private TableSize boundedCount(String tableAsRegclassText) throws SQLException {
        // The name comes from ::regclass::text, which PostgreSQL already quotes where needed.
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + tableAsRegclassText + " LIMIT " + (limit + 1) + ") x")) {
            rs.next();
            long n = rs.getLong(1);
            return new TableSize(true, n, n > limit);
        }
    }
}
