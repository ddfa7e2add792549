package dev.zdm.core.backfill;

import dev.zdm.core.lock.SessionSetting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * The final check of a backfill: how many rows still match its predicate, and a few of their keys for the message.
 * The count is one statement over the whole table in a transaction of its own, without a statement timeout.
 */
final class RemainingRows {
    private static final int SAMPLE = 5;

    private RemainingRows() {
    }

    /**
     * The rows of its table (of its key range, for a range unit) that still match {@code backfill}'s predicate, resolving
     * its table and key first.
     */
    static long count(Connection connection, Backfill backfill) throws SQLException {
        TargetTable table = TargetTable.resolve(connection, backfill);
        KeyColumns key = KeyResolver.resolve(connection, table, backfill.key(), backfill.describe());
        return count(connection, new BatchSql(table, key, backfill));
    }

    static long count(Connection connection, BatchSql sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement s = connection.prepareStatement(sql.remaining())) {
            SessionSetting.setLocal(connection, "statement_timeout", null);
            sql.bindRange(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                connection.commit();
                return count;
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Up to five keys of remaining rows, as {@code [42]}. */
    static List<String> sample(Connection connection, BatchSql sql, int keyColumns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql.remainingSample(SAMPLE))) {
            sql.bindRange(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= keyColumns; i++) {
                        key.add(rs.getString(i));
                    }
                    out.add(KeyColumns.displayValue(key));
                }
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return out;
    }
}
