package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Sets lock_timeout and statement_timeout on a connection without leaking them: inside a transaction as
 * {@code SET LOCAL} (undone at commit or rollback); outside one as a session setting whose previous value
 * {@link #restore} puts back, so a pooled connection (HikariCP) leaves the migration as it came in.
 * Values go through {@code set_config} as bound parameters.
 */
public final class SessionTimeouts {
    private final String previousLockTimeout;
    private final String previousStatementTimeout;

    private SessionTimeouts(String previousLockTimeout, String previousStatementTimeout) {
        this.previousLockTimeout = previousLockTimeout;
        this.previousStatementTimeout = previousStatementTimeout;
    }

    /** Reads the current values, to be restored later. */
    public static SessionTimeouts remember(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new SessionTimeouts(rs.getString(1), rs.getString(2));
        }
    }

    /** Sets lock_timeout; {@code local} = for the current transaction only. */
    public static void lockTimeout(Connection connection, Duration timeout, boolean local) throws SQLException {
        set(connection, "lock_timeout", millis(timeout), local);
    }

    /** Sets statement_timeout (null or zero = none); {@code local} = for the current transaction only. */
    public static void statementTimeout(Connection connection, Duration timeout, boolean local) throws SQLException {
        set(connection, "statement_timeout", timeout == null ? "0" : millis(timeout), local);
    }

    /** Puts back the session values read by {@link #remember}. */
    public void restore(Connection connection) throws SQLException {
        set(connection, "lock_timeout", previousLockTimeout, false);
        set(connection, "statement_timeout", previousStatementTimeout, false);
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    private static void set(Connection connection, String name, String value, boolean local) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config(?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.setBoolean(3, local);
            ps.executeQuery().close();
        }
    }
}
