package dev.zdm.benchmarks;

import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Samples one backend's {@code wait_event_type} every few milliseconds and keeps the longest uninterrupted wait
 * for a heavyweight lock: how long locks (not CPU or I/O) held the writer up.
 */
final class LockWaitSampler {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long longestNanos;

    private LockWaitSampler(Connection connection, int pid) {
        thread = new Thread(() -> run(connection, pid), "zdm-lock-wait-sampler");
        thread.setDaemon(true);
    }

    static LockWaitSampler start(TestDatabase db, int pid) throws SQLException {
        LockWaitSampler sampler = new LockWaitSampler(db.connect("zdm-lock-wait-sampler"), pid);
        sampler.thread.start();
        return sampler;
    }

    private void run(Connection connection, int pid) {
        long streakStart = -1;
        try (connection; PreparedStatement ps = connection.prepareStatement(
                "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            while (running) {
                boolean waiting;
                try (ResultSet rs = ps.executeQuery()) {
                    waiting = rs.next() && rs.getBoolean(1);
                }
                long now = System.nanoTime();
                if (waiting) {
                    streakStart = streakStart < 0 ? now : streakStart;
                    longestNanos = Math.max(longestNanos, now - streakStart);
                } else {
                    streakStart = -1;
                }
                Thread.sleep(5);
            }
        } catch (SQLException | InterruptedException e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    Duration stop() throws InterruptedException {
        running = false;
        thread.join(5000);
        return Duration.ofNanos(longestNanos);
    }
}
