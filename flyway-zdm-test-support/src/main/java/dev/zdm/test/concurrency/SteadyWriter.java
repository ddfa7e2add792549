package dev.zdm.test.concurrency;

import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Application traffic: runs one statement at a fixed total rate in autocommit mode, spread over one or
 * more connections (like pgbench clients), and records each statement's latency until {@link #stop()}, and
 * the longest time any of its connections waited for a lock (sampled from pg_stat_activity).
 *
 * <p>Latency is measured from the moment the statement was due, not from when a thread got round to
 * sending it, so a stall of 5 s at 400 statements/s counts as 2000 slow statements, as it would for
 * 2000 real requests (no coordinated omission).
 */
public final class SteadyWriter implements AutoCloseable {
    private static final int MAX_ERROR_SAMPLES = 5;

    private final List<Worker> workers = new ArrayList<>();
    private final String sql;
    private final List<Long> latencies = new ArrayList<>();
    private final List<String> errorSamples = new ArrayList<>();
    private volatile boolean running = true;
    private int errors;
    private long startNanos;
    private long stopNanos;
    private LockWaitSampler lockWaits;
    private Duration longestLockWait = Duration.ZERO;

    private SteadyWriter(String sql) {
        this.sql = sql;
    }

    /** Starts running {@code sql} {@code ratePerSecond} times a second on one new connection. */
    public static SteadyWriter start(TestDatabase db, String sql, int ratePerSecond) throws SQLException {
        return start(db, sql, ratePerSecond, 1);
    }

    /** Starts running {@code sql} {@code ratePerSecond} times a second in total over {@code connections} new connections. */
    public static SteadyWriter start(TestDatabase db, String sql, int ratePerSecond, int connections) throws SQLException {
        if (ratePerSecond <= 0 || connections <= 0) {
            throw new IllegalArgumentException("ratePerSecond and connections must be positive");
        }
        SteadyWriter writer = new SteadyWriter(sql);
        long intervalNanos = 1_000_000_000L * connections / ratePerSecond;
        try {
            for (int i = 0; i < connections; i++) {
                Connection c = db.connect("zdm-steady-writer");
                writer.workers.add(writer.new Worker(c, backendPid(c), intervalNanos, intervalNanos * i / connections));
            }
        } catch (SQLException | RuntimeException e) {
            writer.stop();
            throw e;
        }
        writer.lockWaits = LockWaitSampler.start(db, writer.pids());
        writer.startNanos = System.nanoTime();
        writer.workers.forEach(w -> w.thread.start());
        return writer;
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The backend pid of the (first) writer connection. */
    public int pid() {
        return workers.get(0).pid;
    }

    /** The backend pids of all writer connections. */
    public List<Integer> pids() {
        return workers.stream().map(w -> w.pid).toList();
    }

    /** Statements completed so far (successful or not). */
    public synchronized int completed() {
        return latencies.size();
    }

    private synchronized void record(long latencyNanos, String error) {
        latencies.add(latencyNanos);
        if (error != null) {
            errors++;
            if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                errorSamples.add(error);
            }
        }
    }

    /** Stops the writer (waiting for statements in flight) and returns what it saw. */
    public LatencyStats stop() {
        if (running) {
            running = false;
            for (Worker w : workers) {
                LockSupport.unpark(w.thread);
            }
            for (Worker w : workers) {
                w.join();
            }
            stopNanos = System.nanoTime();
            if (lockWaits != null) {
                longestLockWait = lockWaits.stop();
            }
        }
        synchronized (this) {
            long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
            return new LatencyStats(nanos, errors, errorSamples, Duration.ofNanos(Math.max(0, stopNanos - startNanos)), longestLockWait);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** One connection's share of the rate. */
    private final class Worker {
        private final Connection connection;
        private final int pid;
        private final long intervalNanos;
        private final long offsetNanos;
        private final Thread thread;

        Worker(Connection connection, int pid, long intervalNanos, long offsetNanos) {
            this.connection = connection;
            this.pid = pid;
            this.intervalNanos = intervalNanos;
            this.offsetNanos = offsetNanos;
            this.thread = new Thread(this::run, "zdm-steady-writer-" + pid);
            this.thread.setDaemon(true);
        }

        private void run() {
            long due = startNanos + offsetNanos;
            try (Statement s = connection.createStatement()) {
                while (running) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        if (!running) {
                            break;
                        }
                    }
                    String error = null;
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        error = e.getSQLState() + " " + e.getMessage();
                    }
                    record(System.nanoTime() - due, error);
                    due += intervalNanos;
                }
            } catch (SQLException e) {
                record(0, "could not create statement: " + e.getMessage());
            }
        }

        void join() {
            try {
                if (thread.isAlive() || thread.getState() != Thread.State.NEW) {
                    thread.join(Duration.ofSeconds(60).toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the statistics are what matter here
            }
        }
    }
}
