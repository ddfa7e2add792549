package dev.zdm.flyway.internal.operations;

import dev.zdm.core.lock.SessionSetting;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The search_path an operation migration's unqualified names resolved in when Flyway applied it (Flyway sets it to its
 * schemas), recorded so that its contract steps and undo, run later from another session, name the same tables.
 */
final class SearchPath {
    private SearchPath() {
    }

    static String current(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Puts the session's search_path back. */
    interface Restore extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /** Sets the recorded search_path until {@link Restore#close()}; with none recorded, leaves the session's as it is. */
    static Restore use(Connection connection, Object recorded) throws SQLException {
        if (recorded == null || recorded.toString().isBlank()) {
            return () -> { };
        }
        return SessionSetting.set(connection, "search_path", recorded.toString())::close;
    }
}
