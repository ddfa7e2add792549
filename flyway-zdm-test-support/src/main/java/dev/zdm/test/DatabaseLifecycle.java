package dev.zdm.test;

import dev.zdm.test.server.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and drops the per-class databases. Names carry their creation time
 * ({@code zdm_t_<epoch seconds>_<random>}) so that databases left behind by a killed test JVM
 * are dropped by a later run, without touching those of a run still going on.
 */
public final class DatabaseLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLifecycle.class);
    static final String PREFIX = "zdm_t_";
    private static final Duration STALE_AFTER = Duration.ofHours(6);
    private static volatile boolean staleDropped;

    private DatabaseLifecycle() {
    }

    /** A new empty database on {@code server}; {@link #drop} it when done. */
    public static TestDatabase create(PostgresServer server) {
        dropStaleOnce(server);
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        try (Connection c = server.connectAdmin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + quote(name));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database on " + server.describe() + ": " + e.getMessage(), e);
        }
        return new TestDatabase(server, name);
    }

    /** Drops the database, first ending any session a test left open on it. */
    public static void drop(PostgresServer server, String name) {
        try (Connection c = server.connectAdmin(); Statement s = c.createStatement()) {
            terminateSessions(c, name);
            s.execute("DROP DATABASE IF EXISTS " + quote(name));
        } catch (SQLException e) {
            LOG.warn("Could not drop test database {}: {}", name, e.getMessage());
        }
    }

    /** Sessions a test left open (a blocker it forgot to close) would make DROP DATABASE fail. */
    private static void terminateSessions(Connection admin, String database) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            ps.executeQuery().close();
        }
    }

    private static void dropStaleOnce(PostgresServer server) {
        if (staleDropped) {
            return;
        }
        staleDropped = true;
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        List<String> stale = new ArrayList<>();
        try (Connection c = server.connectAdmin(); PreparedStatement ps = c.prepareStatement(
                "SELECT datname FROM pg_database WHERE datname LIKE 'zdm\\_t\\_%'")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (createdBefore(name, cutoff)) {
                        stale.add(name);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could not list stale test databases: {}", e.getMessage());
            return;
        }
        stale.forEach(name -> drop(server, name));
        if (!stale.isEmpty()) {
            LOG.info("zdm test harness: dropped {} test databases left behind by earlier runs", stale.size());
        }
    }

    private static boolean createdBefore(String name, long cutoffEpochSeconds) {
        String[] parts = name.substring(PREFIX.length()).split("_");
        try {
            return parts.length == 2 && Long.parseLong(parts[0]) < cutoffEpochSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
