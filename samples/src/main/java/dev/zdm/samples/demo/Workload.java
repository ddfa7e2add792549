package dev.zdm.samples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One application version at work: reader and writer threads, each on its own session named after the version, each
 * running one operation every {@code pace} (an application serving requests, not a load test), recording every
 * operation's latency and every error. {@link #drain()} stops it and closes its sessions, as when the last instance of
 * the version is shut down.
 */
final class Workload implements AutoCloseable {
    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() * 1000);

    private final ShopVersion version;
    private final ShopDatabase database;
    private final LatencyRecorder recorder;
    private final long users;
    private final long orders;
    private final long paceNanos;
    private final List<Thread> threads = new ArrayList<>();
    private final java.util.concurrent.ConcurrentHashMap<Thread, Long> inFlightSince = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;

    private Workload(ShopVersion version, ShopDatabase database, LatencyRecorder recorder, long users, long orders, long paceMillis) {
        this.version = version;
        this.database = database;
        this.recorder = recorder;
        this.users = users;
        this.orders = orders;
        this.paceNanos = TimeUnit.MILLISECONDS.toNanos(paceMillis);
    }

    /**
     * Starts {@code readers} and {@code writers} threads of {@code version}; returns once every session is connected.
     *
     * @param users  ids 1..users exist in {@code users}
     * @param orders ids 1..orders exist in {@code orders}
     */
    static Workload start(ShopVersion version, ShopDatabase database, LatencyRecorder recorder, long users, long orders,
                          int readers, int writers, long paceMillis) throws SQLException {
        Workload workload = new Workload(version, database, recorder, users, orders, paceMillis);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < readers + writers; i++) {
                List<ShopVersion.Op> ops = i < readers ? version.reads() : version.writes();
                Connection connection = database.connect(version.applicationName());
                connections.add(connection);
                Thread thread = new Thread(() -> workload.loop(connection, ops),
                        version.applicationName() + (i < readers ? "-reader-" + i : "-writer-" + (i - readers)));
                thread.setDaemon(true);
                workload.threads.add(thread);
            }
        } catch (SQLException e) {
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        workload.threads.forEach(Thread::start);
        return workload;
    }

    ShopVersion version() {
        return version;
    }

    private void loop(Connection connection, List<ShopVersion.Op> ops) {
        Map<String, PreparedStatement> prepared = new HashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long next = System.nanoTime();
        try (connection) {
            while (running) {
                ShopVersion.Op op = ops.get(random.nextInt(ops.size()));
                long start = System.nanoTime();
                inFlightSince.put(Thread.currentThread(), start);
                try {
                    PreparedStatement statement = prepared.get(op.sql());
                    if (statement == null) {
                        statement = connection.prepareStatement(op.sql());
                        prepared.put(op.sql(), statement);
                    }
                    for (int p = 0; p < op.params().size(); p++) {
                        statement.setLong(p + 1, value(op.params().get(p), random));
                    }
                    statement.execute();
                    recorder.record(System.nanoTime() - start);
                } catch (SQLException e) {
                    if (!running) {
                        return;
                    }
                    recorder.error(System.nanoTime() - start, version.applicationName() + ": " + firstLine(e.getMessage()));
                    PreparedStatement failed = prepared.remove(op.sql());
                    if (failed != null) {
                        closeQuietly(failed);
                    }
                } finally {
                    inFlightSince.remove(Thread.currentThread());
                }
                next = Math.max(next + paceNanos, System.nanoTime());
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing the session at drain: nothing left to record
        }
    }

    private long value(ShopVersion.Param param, ThreadLocalRandom random) {
        return switch (param) {
            case USER -> 1 + random.nextLong(users);
            case ORDER -> 1 + random.nextLong(orders);
            case NUMBER -> random.nextLong(1, 1000);
            case UNIQUE -> UNIQUE.incrementAndGet();
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // the session is in trouble anyway; the next operation reports it
        }
    }

    /** How long the oldest operation still running has been waiting, in nanoseconds (0 when none runs). */
    long longestInFlightNanos() {
        long now = System.nanoTime();
        return inFlightSince.values().stream().mapToLong(since -> now - since).max().orElse(0);
    }

    /** Stops every thread after its current operation and closes its session. */
    void drain() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    @Override
    public void close() {
        try {
            drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
