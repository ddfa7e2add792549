package dev.zdm.samples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Samples {@code pg_stat_activity} from its own session every few milliseconds and keeps the longest time a workload
 * statement has been waiting for a lock ({@code wait_event_type = 'Lock'}). Unlike a latency it does not grow when the
 * machine is merely busy: it is the evidence of who was blocked, and for how long (a lower bound, to one interval).
 */
final class LockWaitWatcher implements AutoCloseable {
    private static final long INTERVAL_MILLIS = 10;
    private static final String QUERY = "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - query_start)) * 1000, 0) "
            + "FROM pg_stat_activity WHERE application_name LIKE 'shop-v%' AND wait_event_type = 'Lock' AND state = 'active'";

    private final Connection connection;
    private final Thread thread;
    private volatile boolean running = true;
    private double longestMillis;

    private LockWaitWatcher(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::run, "shop-lock-wait-watcher");
        this.thread.setDaemon(true);
    }

    static LockWaitWatcher start(ShopDatabase database) throws SQLException {
        LockWaitWatcher watcher = new LockWaitWatcher(database.connect("zdm-demo-watcher"));
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            while (running) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    double waiting = rs.getDouble(1);
                    synchronized (this) {
                        longestMillis = Math.max(longestMillis, waiting);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // closed: nothing more to watch
        }
    }

    /** The longest lock wait seen since the last call, in milliseconds; starts the next window. */
    synchronized double next() {
        double longest = longestMillis;
        longestMillis = 0;
        return longest;
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(5));
        connection.close();
    }
}
