package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.LiveSchema;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.TypeName;
import java.util.Optional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Table sizes from the live database's catalog and statistics only: pg_class.reltuples where PostgreSQL has
 * an estimate (ANALYZE, VACUUM, CREATE INDEX), else the live-tuple count of the statistics system. Nothing here
 * touches the table itself, so the gate never waits for a lock (a count would queue behind any session holding
 * the table, and could even deadlock with it). An index stands for its table. Unqualified names are looked up in
 * Flyway's default schema first, then on the search path.
 */
final class LiveCatalog implements LiveSchema {
    private static final String SIZE = "SELECT t.reltuples::bigint, pg_stat_get_live_tuples(t.oid) "
            + "FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid "
            + "JOIN pg_class t ON t.oid = coalesce(i.indrelid, c.oid) WHERE c.oid = ?";

    private final Connection connection;
    private final String defaultSchema;
    private final Map<String, TableSize> cache = new HashMap<>();

    LiveCatalog(Connection connection, String defaultSchema) {
        this.connection = connection;
        this.defaultSchema = defaultSchema;
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

    /** The column's current type from pg_attribute (a catalog read: no lock on the table). */
    @Override
    public Optional<TypeName> columnType(RelationName table, String column) {
        try {
            Long oid = oid(table);
            if (oid == null) {
                return Optional.empty();
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                    + "WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
                ps.setLong(1, oid);
                ps.setString(2, column);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(TypeName.parse(rs.getString(1))) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            // Without the live type the rule judges as the static lint does.
            return Optional.empty();
        }
    }

    /** Whether the relation exists now ({@code to_regclass}: no lock). */
    @Override
    public Optional<Boolean> exists(RelationName relation) {
        try {
            return Optional.of(oid(relation) != null);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** {@code pg_get_constraintdef} of the table's constraint of that name (a catalog read: no lock on the table). */
    @Override
    public Optional<String> constraintDefinition(RelationName table, String name) {
        return first("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ? AND conname = ?", table, name)
                .map(rows -> rows.get(0));
    }

    /** The primary key's columns, else those of the unique plain index on NOT NULL columns with the fewest columns. */
    @Override
    public Optional<List<String>> rowKey(RelationName table) {
        return first("SELECT a.attname::text FROM (SELECT i.indkey, i.indisprimary FROM pg_index i WHERE i.indrelid = ? "
                + "AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL AND NOT EXISTS (SELECT 1 "
                + "FROM pg_attribute n WHERE n.attrelid = i.indrelid AND n.attnum = ANY (i.indkey) AND NOT n.attnotnull) "
                + "ORDER BY i.indisprimary DESC, i.indnatts, i.indexrelid LIMIT 1) k CROSS JOIN LATERAL unnest(k.indkey::int2[]) "
                + "WITH ORDINALITY AS c(attnum, ord) JOIN pg_attribute a ON a.attrelid = ? AND a.attnum = c.attnum "
                + "ORDER BY c.ord", table);
    }

    @Override
    public Optional<Boolean> validatedNotNullCheck(RelationName table, String column) {
        Optional<List<String>> checks = first("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ? AND contype = 'c'"
                + " AND convalidated", table);
        if (checks.isEmpty()) {
            return Optional.empty(); // no table, no validated CHECK, or the read failed: SET NOT NULL is judged as without one
        }
        String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
        return Optional.of(checks.get().stream().map(d -> d.replaceAll("[()]", "").strip())
                .anyMatch(d -> d.equals("CHECK " + column + " IS NOT NULL") || d.equals("CHECK " + quoted + " IS NOT NULL")));
    }

    @Override
    public Optional<Boolean> notNull(RelationName table, String column) {
        return first("SELECT attnotnull::text FROM pg_attribute WHERE attrelid = ? AND attname = ? AND attnum > 0 "
                + "AND NOT attisdropped", table, column).map(rows -> rows.get(0).equals("true"));
    }

    /**
     * The rows of a one-column catalog query whose parameters are the table's oid, then {@code arguments}; empty when
     * the table or the rows are missing, or the read fails (then the rule judges as the static lint does).
     */
    private Optional<List<String>> first(String sql, RelationName table, String... arguments) {
        try {
            Long oid = oid(table);
            if (oid == null) {
                return Optional.empty();
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int params = ps.getParameterMetaData().getParameterCount();
                int oids = params - arguments.length;
                for (int i = 1; i <= params; i++) {
                    if (i <= oids) {
                        ps.setLong(i, oid);
                    } else {
                        ps.setString(i, arguments[i - oids - 1]);
                    }
                }
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private Long oid(RelationName relation) throws SQLException {
        Long oid = null;
        if (relation.schema() == null && defaultSchema != null) {
            oid = regclass(new RelationName(defaultSchema, relation.name()).quoted());
        }
        return oid != null ? oid : regclass(relation.quoted());
    }

    private TableSize lookUp(RelationName relation) throws SQLException {
        Long oid = oid(relation);
        if (oid == null) {
            return TableSize.MISSING;
        }
        try (PreparedStatement ps = connection.prepareStatement(SIZE)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return TableSize.MISSING;
                }
                long estimate = rs.getLong(1);
                long live = rs.getLong(2);
                // reltuples is -1 (PostgreSQL 14+) or 0 for a table never analyzed or vacuumed: use the statistics then
                // (they count inserts as they are reported, so an analyzed table's reltuples is the better figure).
                return new TableSize(true, estimate > 0 ? estimate : Math.max(0, live));
            }
        }
    }

    /** The table's oid, read with {@code to_regclass}, which takes no lock on the table. */
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
}
