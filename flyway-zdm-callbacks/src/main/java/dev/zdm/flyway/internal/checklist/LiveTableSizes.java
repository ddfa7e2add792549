package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.RelationName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Table sizes from the target's catalog and statistics: rows from {@code pg_class.reltuples} (else the statistics'
 * live tuples, for a table never analyzed), never a count; bytes from {@code pg_total_relation_size}, which takes an
 * ACCESS SHARE lock: the session's {@code lock_timeout} bounds it, and a table locked by DDL falls back to
 * {@code relpages} (catalog only). Unqualified names are looked up in Flyway's default schema first, then on the search
 * path, as the migrations will resolve them.
 */
final class LiveTableSizes implements TableSizes {
    /** The table (an index's table), its schema, and its rows (partitions summed for a partitioned table). */
    private static final String TABLE = "WITH RECURSIVE target AS (SELECT coalesce(i.indrelid, c.oid) AS oid FROM pg_class c "
            + "LEFT JOIN pg_index i ON i.indexrelid = c.oid WHERE c.oid = ?), "
            + "parts(oid) AS (SELECT oid FROM target UNION ALL SELECT h.inhrelid FROM pg_inherits h JOIN parts p ON h.inhparent = p.oid) "
            + "SELECT t.oid::bigint, n.nspname, t.relname, t.relkind::text, "
            + "(SELECT coalesce(sum(CASE WHEN r.reltuples > 0 THEN r.reltuples::bigint ELSE pg_stat_get_live_tuples(r.oid) END), 0)::bigint "
            + "FROM parts p JOIN pg_class r ON r.oid = p.oid WHERE r.relkind IN ('r', 'm', 't')), "
            + "(SELECT coalesce(sum(r.relpages), 0)::bigint * current_setting('block_size')::bigint FROM parts p JOIN pg_class r "
            + "ON r.oid = p.oid OR r.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = p.oid) "
            + "OR r.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = p.oid)) "
            + "FROM target JOIN pg_class t ON t.oid = target.oid JOIN pg_namespace n ON n.oid = t.relnamespace";
    private static final String TOTAL = "WITH RECURSIVE parts(oid) AS (SELECT ?::oid UNION ALL SELECT h.inhrelid FROM pg_inherits h "
            + "JOIN parts p ON h.inhparent = p.oid) SELECT coalesce(sum(pg_total_relation_size(oid)), 0)::bigint FROM parts";

    private final Connection connection;
    private final String defaultSchema;
    private final Map<String, TableSize> cache = new HashMap<>();

    LiveTableSizes(Connection connection, String defaultSchema) {
        this.connection = connection;
        this.defaultSchema = defaultSchema;
    }

    @Override
    public Optional<TableSize> of(RelationName relation) throws SQLException {
        String key = relation.quoted();
        TableSize size = cache.get(key);
        if (size == null) {
            size = lookUp(relation);
            cache.put(key, size);
        }
        return Optional.of(size);
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
            return TableSize.missing(relation.display());
        }
        try (PreparedStatement ps = connection.prepareStatement(TABLE)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return TableSize.missing(relation.display());
                }
                long table = rs.getLong(1);
                String name = Identifiers.display(rs.getString(2), rs.getString(3));
                long rows = rs.getLong(5);
                long estimatedBytes = rs.getLong(6);
                Long bytes = totalBytes(table);
                boolean holdsRows = switch (rs.getString(4)) {
                    case "r", "p", "m" -> true;
                    default -> false;
                };
                return new TableSize(name, true, rows, bytes != null ? bytes : estimatedBytes, bytes == null, holdsRows);
            }
        }
    }

    /** {@code pg_total_relation_size}, or null when another session's lock kept it waiting past the lock timeout. */
    private Long totalBytes(long table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(TOTAL)) {
            ps.setLong(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if (SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    /** The relation's oid, read with {@code to_regclass}, which takes no lock. */
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
