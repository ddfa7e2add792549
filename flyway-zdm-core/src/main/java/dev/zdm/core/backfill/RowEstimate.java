package dev.zdm.core.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A cheap estimate of a table's row count, for the progress line: the planner's statistics scaled to the
 * table's current size; for a table never analysed, an exact count when it is small and a 1% sample when not.
 */
final class RowEstimate {
    private static final long SMALL_TABLE_PAGES = 1024;

    private RowEstimate() {
    }

    static long of(Connection connection, TargetTable table) throws SQLException {
        if (table.relkind() == 'p') {
            return partitioned(connection, table);
        }
        double reltuples;
        long relpages;
        long pages;
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.reltuples, c.relpages, "
                + "pg_relation_size(c.oid) / current_setting('block_size')::bigint FROM pg_class c WHERE c.oid = ?")) {
            ps.setLong(1, table.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                reltuples = rs.getDouble(1);
                relpages = rs.getLong(2);
                pages = rs.getLong(3);
            }
        }
        if (reltuples > 0 && relpages > 0) {
            return Math.round(reltuples / relpages * pages);
        }
        String count = pages <= SMALL_TABLE_PAGES
                ? "SELECT count(*) FROM " + table.qualified()
                : "SELECT count(*) * 100 FROM " + table.qualified() + " TABLESAMPLE SYSTEM (1)";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(count)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long partitioned(Connection connection, TargetTable table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT coalesce(sum(greatest(c.reltuples, 0)), 0) "
                + "FROM pg_partition_tree(?::oid) t JOIN pg_class c ON c.oid = t.relid WHERE t.isleaf")) {
            ps.setLong(1, table.oid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
