package dev.zdm.samples.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A report that reads {@code orders} in a long transaction: its ACCESS SHARE lock stays until it commits, so an ALTER
 * TABLE on orders has to wait for it, and every query that arrives after the ALTER queues behind the ALTER.
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
                TimeUnit.SECONDS.sleep(seconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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

    @Override
    public void close() throws SQLException, InterruptedException {
        thread.join();
        connection.close();
    }
}
