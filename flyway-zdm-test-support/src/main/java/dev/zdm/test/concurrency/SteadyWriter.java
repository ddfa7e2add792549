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
 * Application traffic on its own connection: runs one statement at a fixed rate in autocommit mode
 * and records each one's latency until {@link #stop()}.
 *
 * <p>Latency is measured from the moment the statement was due, not from when the thread got round
 * to sending it, so a stall of 5 s at 400 statements/s counts as 2000 slow statements, as it would
 * for 2000 real requests (no coordinated omission).
 */
public final class SteadyWriter implements AutoCloseable {
    private static final int MAX_ERROR_SAMPLES = 5;

    private final Connection connection;
    private final String sql;
    private final long intervalNanos;
    private final Thread thread;
    private final List<Long> latencies = new ArrayList<>();
    private final List<String> errorSamples = new ArrayList<>();
    private volatile boolean running = true;
    private int errors;
    private long startNanos;
    private long stopNanos;
    private final int pid;

    private SteadyWriter(Connection connection, int pid, String sql, int ratePerSecond) {
        this.connection = connection;
        this.pid = pid;
        this.sql = sql;
        this.intervalNanos = 1_000_000_000L / ratePerSecond;
        this.thread = new Thread(this::run, "zdm-steady-writer");
        this.thread.setDaemon(true);
    }

    /** Starts running {@code sql} {@code ratePerSecond} times a second on a new connection. */
    public static SteadyWriter start(TestDatabase db, String sql, int ratePerSecond) throws SQLException {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("ratePerSecond must be positive");
        }
        Connection c = db.connect("zdm-steady-writer");
        int pid;
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        SteadyWriter writer = new SteadyWriter(c, pid, sql, ratePerSecond);
        writer.startNanos = System.nanoTime();
        writer.thread.start();
        return writer;
    }

    public int pid() {
        return pid;
    }

    /** Statements completed so far (successful or not). */
    public synchronized int completed() {
        return latencies.size();
    }

    private void run() {
        long due = startNanos;
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

    private synchronized void record(long latencyNanos, String error) {
        latencies.add(latencyNanos);
        if (error != null) {
            errors++;
            if (errorSamples.size() < MAX_ERROR_SAMPLES) {
                errorSamples.add(error);
            }
        }
    }

    /** Stops the writer (waiting for a statement in flight) and returns what it saw. */
    public LatencyStats stop() {
        if (running) {
            running = false;
            LockSupport.unpark(thread);
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopNanos = System.nanoTime();
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the statistics are what matter here
            }
        }
        synchronized (this) {
            long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
            return new LatencyStats(nanos, errors, errorSamples, Duration.ofNanos(stopNanos - startNanos));
        }
    }

    @Override
    public void close() {
        stop();
    }
}
