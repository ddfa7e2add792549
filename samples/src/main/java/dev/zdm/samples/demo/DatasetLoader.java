package dev.zdm.samples.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the shop's tables in the server with {@code generate_series} (no rows travel over the connection): users with
 * e-mail, name and, for one in four, a nickname; orders spread over the users, in four statuses; then the index the
 * application's order lookups use, and statistics.
 */
final class DatasetLoader {
    private DatasetLoader() {
    }

    /** @return the number of orders loaded (ids 1..n) */
    static long load(ShopDatabase database, long users, int ordersPerUser, PrintStream out) throws SQLException {
        long orders = users * ordersPerUser;
        long start = System.nanoTime();
        try (Connection c = database.connect("zdm-demo-loader")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit = off");
                s.execute("SET maintenance_work_mem = '256MB'");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (email, name, nickname, created_at) "
                    + "SELECT 'user' || g || '@example.com', 'User ' || g, CASE WHEN g % 4 = 0 THEN 'nick' || g END, "
                    + "now() - (g % 1000) * interval '1 hour' FROM generate_series(1, ?::bigint) AS g")) {
                s.setLong(1, users);
                s.executeUpdate();
            }
            out.printf("  users:  %,d rows (%.1f s)%n", users, seconds(start));
            try (PreparedStatement s = c.prepareStatement("INSERT INTO orders (user_id, status, total_cents, created_at) "
                    + "SELECT 1 + (g * 7919) % ?, (ARRAY['new', 'paid', 'shipped', 'delivered'])[1 + g % 4], (g * 37) % 20000, "
                    + "now() - (g % 5000) * interval '1 minute' FROM generate_series(1, ?::bigint) AS g")) {
                s.setLong(1, users);
                s.setLong(2, orders);
                s.executeUpdate();
            }
            out.printf("  orders: %,d rows (%.1f s)%n", orders, seconds(start));
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX orders_user_id_idx ON orders (user_id)");
                s.execute("ANALYZE users");
                s.execute("ANALYZE orders");
            }
        }
        out.printf("  index on orders(user_id), statistics: loaded in %.1f s%n", seconds(start));
        return orders;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
