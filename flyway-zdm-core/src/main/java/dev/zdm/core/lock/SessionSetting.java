package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * A session setting (lock_timeout, statement_timeout, ...) changed for the duration of a block and put back
 * afterwards, so nothing leaks into the next migration or back into a connection pool (DESIGN.md 4, session
 * settings). Inside a transaction use {@link #setLocal} instead: PostgreSQL undoes it at commit or rollback.
 * Values always travel as bound parameters of {@code set_config}.
 */
public final class SessionSetting implements AutoCloseable {
    private final Connection connection;
    private final String name;
    private final String previous;

    private SessionSetting(Connection connection, String name, String previous) {
        this.connection = connection;
        this.name = name;
        this.previous = previous;
    }

    /** Sets {@code name} to {@code value} at session level; {@link #close()} restores the value it had. */
    public static SessionSetting set(Connection connection, String name, String value) throws SQLException {
        String previous;
        try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                previous = rs.getString(1);
            }
        }
        apply(connection, name, value, false);
        return new SessionSetting(connection, name, previous);
    }

    public static SessionSetting millis(Connection connection, String name, long millis) throws SQLException {
        return set(connection, name, millis + "ms");
    }

    /** A timeout setting: null or zero means none ("0"). */
    public static SessionSetting timeout(Connection connection, String name, Duration timeout) throws SQLException {
        return set(connection, name, text(timeout));
    }

    /** {@code SET LOCAL}: for the rest of the current transaction only. */
    public static void setLocal(Connection connection, String name, Duration timeout) throws SQLException {
        apply(connection, name, text(timeout), true);
    }

    /**
     * {@code SET LOCAL} of several settings in one round trip ({@code SELECT set_config(?, ?, true), ...}), names and
     * values bound, in the map's iteration order: for code that sets them once per short transaction, where one
     * round trip per setting would show.
     */
    public static void setLocal(Connection connection, Map<String, String> settings) throws SQLException {
        setLocalThen(connection, settings, null);
    }

    /**
     * {@link #setLocal(Connection, Map)} followed by {@code then} (a fixed statement of ours, no user text, such as
     * {@code SAVEPOINT zdm_attempt}) in the same round trip; the settings are set first, so a rollback to a savepoint
     * that {@code then} opens keeps them.
     */
    public static void setLocalThen(Connection connection, Map<String, String> settings, String then) throws SQLException {
        if (settings.isEmpty() && then == null) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        if (!settings.isEmpty()) {
            sql.append("SELECT ");
            for (int i = 0; i < settings.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("set_config(?, ?, true)");
            }
        }
        if (then != null) {
            sql.append(sql.length() == 0 ? "" : "; ").append(then);
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                ps.setString(index++, setting.getKey());
                ps.setString(index++, setting.getValue());
            }
            ps.execute();
        }
    }

    /** The text of a timeout setting: {@code 200ms}; null or zero means none ("0"). */
    public static String timeoutText(Duration timeout) {
        return text(timeout);
    }

    /** Changes the value again within the block; {@link #close()} still restores the original one. */
    public void change(Duration timeout) throws SQLException {
        apply(connection, name, text(timeout), false);
    }

    private static String text(Duration timeout) {
        return timeout == null ? "0" : timeout.toMillis() + "ms";
    }

    private static void apply(Connection connection, String name, String value, boolean local) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config(?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.setBoolean(3, local);
            ps.execute();
        }
    }

    @Override
    public void close() throws SQLException {
        if (!connection.isClosed()) {
            apply(connection, name, previous, false);
        }
    }
}
