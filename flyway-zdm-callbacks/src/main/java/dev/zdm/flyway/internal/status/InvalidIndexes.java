package dev.zdm.flyway.internal.status;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.status.StatusReport.InvalidIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexes left invalid ({@code pg_index.indisvalid = false}), typically by a concurrent build that failed or was
 * cancelled: they cost every write and serve no read. Read from the catalog only; the size is pages times block
 * size from pg_class ({@code pg_relation_size} and {@code pg_get_indexdef} lock the index and would wait behind
 * DDL on its table); the columns come from pg_index and pg_attribute. An index whose build is running right now
 * is invalid until it ends, and is left out.
 */
public final class InvalidIndexes {
    private static final String SQL = "SELECT n.nspname, c.relname, t.relname, c.relpages::bigint * current_setting('block_size')::bigint, "
            + "i.indisunique, (SELECT string_agg(CASE WHEN u.k = 0 THEN '(expression)' ELSE quote_ident(a.attname) END, ', ' "
            + "ORDER BY u.o) FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(k, o) LEFT JOIN pg_attribute a "
            + "ON a.attrelid = i.indrelid AND a.attnum = u.k) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class t ON t.oid = i.indrelid "
            + "WHERE NOT i.indisvalid AND n.nspname = ANY (?) "
            + "AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid) ORDER BY 1, 2";

    private InvalidIndexes() {
    }

    /** The invalid indexes in {@code schemas}, by schema and name; shared with {@code zdm:verify} (ZDV01). */
    public static List<InvalidIndex> read(Connection connection, List<String> schemas) throws SQLException {
        List<InvalidIndex> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InvalidIndex(rs.getString(1), Identifiers.display(rs.getString(1), rs.getString(2)),
                            Identifiers.display(rs.getString(1), rs.getString(3)), rs.getLong(4), rs.getBoolean(5), rs.getString(6)));
                }
            }
        }
        return out;
    }
}
