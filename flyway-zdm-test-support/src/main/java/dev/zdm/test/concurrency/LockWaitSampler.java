package dev.zdm.test.concurrency;

import dev.zdm.test.TestDatabase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches backends from its own connection and measures how long each one waited for a lock
 * ({@code pg_stat_activity.wait_event_type = 'Lock'}), sampling every few milliseconds. Unlike a latency, a
 * lock wait does not grow when the machine is merely busy, so it is the evidence of "who was blocked".
 * A wait is measured from the first to the last sample that saw it (a lower bound, to within one interval).
 */
final class LockWaitSampler {
    private static final long INTERVAL_MILLIS = 5;

    private final Connection connection;
    private final Integer[] pids;
    private final Thread thread;
    private final Map<Integer, Long> waitingSince = new HashMap<>();
    private final Map<Integer, Long> lastSeenWaiting = new HashMap<>();
    private volatile boolean running = true;
    private long longestNanos;

    private LockWaitSampler(Connection connection, List<Integer> pids) {
        this.connection = connection;
        this.pids = pids.toArray(Integer[]::new);
        this.thread = new Thread(this::run, "zdm-lock-wait-sampler");
        this.thread.setDaemon(true);
    }

    static LockWaitSampler start(TestDatabase db, List<Integer> pids) throws SQLException {
        LockWaitSampler sampler = new LockWaitSampler(db.connect("zdm-lock-wait-sampler"), pids);
        sampler.thread.start();
        return sampler;
    }

    private void run() {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE pid = ANY (?) AND wait_event_type = 'Lock'")) {
            Array array = connection.createArrayOf("int4", pids);
            ps.setArray(1, array);
            while (running) {
                Set<Integer> waiting = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        waiting.add(rs.getInt(1));
                    }
                }
                record(System.nanoTime(), waiting);
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // the sampler ends with the writer; what it saw so far stands
        }
    }

    private synchronized void record(long now, Set<Integer> waiting) {
        for (Integer pid : pids) {
            if (waiting.contains(pid)) {
                waitingSince.putIfAbsent(pid, now);
                lastSeenWaiting.put(pid, now);
            } else if (waitingSince.containsKey(pid)) {
                close(pid);
            }
        }
    }

    private void close(Integer pid) {
        longestNanos = Math.max(longestNanos, lastSeenWaiting.get(pid) - waitingSince.remove(pid));
    }

    /** Stops sampling and returns the longest lock wait seen (a wait still going on counts up to now). */
    Duration stop() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // measurement is done
        }
        synchronized (this) {
            for (Integer pid : List.copyOf(waitingSince.keySet())) {
                close(pid);
            }
            return Duration.ofNanos(longestNanos);
        }
    }
}
