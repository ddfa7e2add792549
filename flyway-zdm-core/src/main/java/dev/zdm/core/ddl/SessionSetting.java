package dev.zdm.core.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A session setting changed for the duration of a block and put back afterwards, so nothing leaks into the
 * next migration or back into a connection pool (DESIGN.md 4, session settings).
 */
final class SessionSetting implements AutoCloseable {
    private final Connection connection;
    private final String name;
    private final String previous;

    private SessionSetting(Connection connection, String name, String previous) {
        this.connection = connection;
        this.name = name;
        this.previous = previous;
    }

    /** Sets {@code name} to {@code value} (session level: the connection is in autocommit mode). */
    static SessionSetting set(Connection connection, String name, String value) throws SQLException {
        String previous;
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                previous = rs.getString(1);
            }
        }
        apply(connection, name, value);
        return new SessionSetting(connection, name, previous);
    }

    static SessionSetting millis(Connection connection, String name, long millis) throws SQLException {
        return set(connection, name, millis + "ms");
    }

    private static void apply(Connection connection, String name, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }

    @Override
    public void close() throws SQLException {
        if (!connection.isClosed()) {
            apply(connection, name, previous);
        }
    }
}
