package dev.zdm.samples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A report that reads {@code orders} in a long transaction: its ACCESS SHARE lock stays until it commits, so an ALTER
 * TABLE on orders has to wait for it, and every query that arrives after the ALTER queues behind the ALTER. It commits
 * a given time after it first sees a session waiting for ACCESS EXCLUSIVE on orders (so that the ALTER meets it for
 * that long however long Flyway takes to get there), or after a minute if none comes.
 */
final class LongReader implements AutoCloseable {
    private final Connection connection;
    private final Thread thread;

    private LongReader(Connection connection, Thread thread) {
        this.connection = connection;
        this.thread = thread;
    }

    /** Reads orders in a transaction it keeps open for {@code seconds}; returns once the lock is held. */
    static LongReader start(ShopDatabase database, int seconds) throws SQLException {
        Connection connection = database.connect("shop-report");
        try {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT status, count(*) FROM orders GROUP BY status");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        Thread thread = new Thread(() -> {
            try {
                waitForAlter(connection);
                TimeUnit.SECONDS.sleep(seconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                // cannot watch: commit now, the step shows no wait
            }
            try {
                connection.commit();
            } catch (SQLException ignored) {
                // closed below anyway
            }
        }, "shop-report");
        thread.setDaemon(true);
        thread.start();
        return new LongReader(connection, thread);
    }

    private static void waitForAlter(Connection connection) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM pg_locks WHERE relation = 'orders'::regclass "
                + "AND mode = 'AccessExclusiveLock' AND NOT granted")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        thread.join();
        connection.close();
    }
}
