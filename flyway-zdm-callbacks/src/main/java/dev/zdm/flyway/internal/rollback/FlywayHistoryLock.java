package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.phase.rollback.RollbackException;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.text.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Flyway's own PostgreSQL advisory lock on a history table, held by {@code zdm:rollback} for its whole run so that a
 * {@code flyway migrate} (or repair, clean, ...) of the same history cannot interleave with it: Flyway 13.12's
 * {@code PostgreSQLAdvisoryLockTemplate} locks the one-key {@code pg_advisory_lock(77431708279161 + hash)} where hash is
 * Java's {@code String.hashCode()} of the quoted table name {@code "schema"."flyway_schema_history"}
 * ({@code PostgreSQLConnection.lock}); transaction-level ({@code pg_try_advisory_xact_lock}) with
 * {@code postgresql.transactional.lock=true}, session-level otherwise; both wait for a session-level holder. Flyway
 * retries {@code lockRetryCount} times (default 50, one second apart) and then fails without applying anything.
 * Pinned by {@code FlywayHistoryLockTest}.
 */
final class FlywayHistoryLock implements AutoCloseable {
    /** Flyway's {@code PostgreSQLAdvisoryLockTemplate.LOCK_MAGIC_NUM}. */
    static final long FLYWAY_LOCK_BASE = 77431708279161L;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;
    private final long key;

    private FlywayHistoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The key Flyway locks for the history table {@code schema.table}. */
    static long key(String schema, String table) {
        return FLYWAY_LOCK_BASE + Identifiers.qualified(schema, table).hashCode();
    }

    /**
     * Takes Flyway's lock on {@code schema.table} (session-level), waiting up to {@code patience} for a running Flyway
     * command to finish.
     *
     * @throws RollbackException a Flyway command still holds it after {@code patience}
     */
    static FlywayHistoryLock acquire(Connection connection, String schema, String table, Duration patience) throws SQLException {
        long key = key(schema, table);
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new FlywayHistoryLock(connection, key);
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new RollbackException("flyway-zdm zdm:rollback refused: nothing was undone. A Flyway command (migrate, repair, ...)"
                        + " holds Flyway's lock on the history " + Identifiers.qualified(schema, table) + " (" + holders(connection, key)
                        + "); waited " + Durations.format(patience) + ". Run zdm:rollback again when it has finished.");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RollbackException("flyway-zdm zdm:rollback interrupted while waiting for Flyway's history lock; nothing was undone.");
            }
        }
    }

    private static String holders(Connection connection, long key) throws SQLException {
        String sql = "SELECT a.pid, a.application_name, a.usename FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid = (? >> 32)::oid "
                + "AND l.objid = (? & 4294967295)::oid";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, key);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getInt(1) + ", application " + rs.getString(2) + ", user " + rs.getString(3));
                }
            }
        }
        return out.isEmpty() ? "holder not visible to this user" : String.join("; ", out);
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        }
    }
}
