package dev.zdm.core.phase;

import dev.zdm.core.state.StateLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One deployer at a time per history: {@code zdm:expand}, {@code zdm:contract} and {@code zdm:rollback} hold this
 * session-level advisory lock ({@link StateLocks#DEPLOY}, second key {@code hashtext(schema)}) for their whole run, on
 * a connection of their own. A second deployer waits up to its patience and then refuses, naming the holder; a
 * deployer killed mid-run loses the lock with its session.
 * <pre>
 * try (DeployLock lock = DeployLock.acquire(connection, "public", Duration.ofSeconds(30), "zdm:contract")) { ... }
 * </pre>
 */
public final class DeployLock implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private final Connection connection;
    private final String schema;

    private DeployLock(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /**
     * Takes the lock for {@code schema}'s history, waiting up to {@code patience} for another deployer to finish.
     *
     * @throws DeployInProgressException the other deployer still holds it after {@code patience}
     */
    public static DeployLock acquire(Connection connection, String schema, Duration patience, String command) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (tryLock(connection, schema)) {
                return new DeployLock(connection, schema);
            }
            if (System.nanoTime() >= deadline) {
                throw new DeployInProgressException(command, schema, holders(connection, schema), patience);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployInProgressException(command, schema, holders(connection, schema), patience);
            }
        }
    }

    private static boolean tryLock(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, StateLocks.DEPLOY);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The sessions holding the lock: {@code pid 4711 (application zdm:contract, user deploy, since 12:00:01)}. */
    static List<String> holders(Connection connection, String schema) throws SQLException {
        String sql = "SELECT a.pid, a.application_name, a.usename, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS') "
                + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.classid = ?::oid AND l.objid = hashtext(?)::oid AND l.objsubid = 2";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, StateLocks.DEPLOY);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getInt(1) + " (application " + rs.getString(2) + ", user " + rs.getString(3)
                            + ", connected since " + rs.getString(4) + ")");
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, StateLocks.DEPLOY);
            ps.setString(2, schema);
            ps.execute();
        }
    }
}
