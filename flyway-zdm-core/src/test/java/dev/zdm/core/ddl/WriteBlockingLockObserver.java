package dev.zdm.core.ddl;

import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Samples pg_locks every few milliseconds from its own connection and measures the longest stretch during which
 * one backend held (granted) a lock that blocks writers (SHARE or stronger) on any of the given tables.
 */
final class WriteBlockingLockObserver implements AutoCloseable {
    private static final String SQL = "SELECT string_agg(DISTINCT l.mode, ',') FROM pg_locks l WHERE l.pid = ? AND l.granted "
            + "AND l.locktype = 'relation' AND l.relation = ANY (?::regclass[]) "
            + "AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')";

    private final Connection connection;
    private final Thread thread;
    private final Set<String> modesSeen = new TreeSet<>();
    private volatile boolean running = true;
    private long longestNanos;
    private int samples;

    private WriteBlockingLockObserver(Connection connection, int pid, String[] tables) {
        this.connection = connection;
        this.thread = new Thread(() -> run(pid, tables), "zdm-lock-observer");
        this.thread.setDaemon(true);
    }

    static WriteBlockingLockObserver start(TestDatabase db, int pid, String... tables) throws SQLException {
        WriteBlockingLockObserver o = new WriteBlockingLockObserver(db.connect("zdm-lock-observer"), pid, tables);
        o.thread.start();
        return o;
    }

    private void run(int pid, String[] tables) {
        long streakStart = -1;
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setInt(1, pid);
            ps.setArray(2, connection.createArrayOf("text", tables));
            while (running) {
                String modes;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    modes = rs.getString(1);
                }
                long now = System.nanoTime();
                synchronized (this) {
                    samples++;
                    if (modes != null) {
                        modesSeen.addAll(Set.of(modes.split(",")));
                        if (streakStart < 0) {
                            streakStart = now;
                        }
                        longestNanos = Math.max(longestNanos, now - streakStart);
                    } else {
                        streakStart = -1;
                    }
                }
                Thread.sleep(3);
            }
        } catch (SQLException | InterruptedException e) {
            if (running) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The longest time between the first and last sample of one uninterrupted stretch of holding such a lock. */
    synchronized Duration longestHold() {
        return Duration.ofNanos(longestNanos);
    }

    synchronized Set<String> modesSeen() {
        return Set.copyOf(modesSeen);
    }

    synchronized int samples() {
        return samples;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5000);
        connection.close();
    }
}
