package dev.zdm.benchmarks;

import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A change measured while the application writes: {@link SteadyWriter}s start (latency counted from when each write
 * was due, and the longest lock wait of any writer sampled from pg_stat_activity), run alone for a moment, the change
 * runs and is timed, the writers run on for a moment and stop. Also the writer columns every table shares.
 */
final class UnderLoad {
    /** The columns {@link #cells(LatencyStats)} fills, after a row's own. */
    static final List<String> WRITER_COLUMNS = List.of("writes", "errors", "writer p50 ms", "writer p99 ms", "writer max ms",
            "writes > 100 ms", "longest lock wait ms");

    /** How long the writers may take to send the writes a stall held back, after the change. */
    private static final Duration CATCH_UP = Duration.ofSeconds(20);

    private UnderLoad() {
    }

    /** Application traffic: {@code sql} {@code rate} times a second over {@code connections} connections. */
    record Load(String sql, int rate, int connections) {
        String describe() {
            return rate + " writes/s over " + connections + (connections == 1 ? " connection" : " connections");
        }
    }

    /** What the change returned, how long it took, and what the writers saw from their start to their stop. */
    record Measured<T>(T value, Duration took, LatencyStats writers) {
    }

    @FunctionalInterface
    interface Change<T> {
        T run() throws Exception;
    }

    static <T> Measured<T> measure(TestDatabase db, Load load, Duration settle, Change<T> change) throws Exception {
        db.execute("CHECKPOINT");
        SteadyWriter writer = SteadyWriter.start(db, load.sql(), load.rate(), load.connections());
        long writing = System.nanoTime();
        T value;
        Duration took;
        LatencyStats stats;
        try {
            Thread.sleep(settle.toMillis());
            long start = System.nanoTime();
            value = change.run();
            took = Duration.ofNanos(System.nanoTime() - start);
            Thread.sleep(settle.toMillis());
            awaitCatchUp(writer, load, writing);
        } finally {
            stats = writer.stop();
        }
        if (stats.errors() > 0) {
            System.out.println("  " + stats.errors() + " writes failed, for example: " + stats.errorSamples().get(0).lines().findFirst().orElse(""));
        }
        return new Measured<>(value, took, stats);
    }

    /**
     * Waits (up to {@link #CATCH_UP}) until the writers have sent the writes that fell due while they were blocked: a
     * write not sent before the stop would not be counted at all, so a long stall would hide most of its slow writes.
     */
    private static void awaitCatchUp(SteadyWriter writer, Load load, long writingSince) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            double due = (System.nanoTime() - writingSince) / 1e9 * load.rate();
            if (writer.completed() >= due - 2L * load.connections()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** The header: the row's own columns, then {@link #WRITER_COLUMNS}. */
    static Table table(String... own) {
        List<String> header = new ArrayList<>(List.of(own));
        header.addAll(WRITER_COLUMNS);
        return new Table(header);
    }

    /** A row: its own cells, then the writers' numbers. */
    static List<Object> row(LatencyStats writers, Object... own) {
        List<Object> row = new ArrayList<>(List.of(own));
        row.add(writers.count());
        row.add(writers.errors());
        row.add(Cell.millis(writers.p50()));
        row.add(Cell.millis(writers.p99()));
        row.add(Cell.millis(writers.max()));
        row.add(writers.countOver(Duration.ofMillis(100)));
        row.add(Cell.millis(writers.longestLockWait()));
        return row;
    }

    /** Writer max latency and p99 of {@code naive} over {@code safe}, as ratios of the scenario. */
    static void latencyRatios(ScenarioResult result, String naiveName, LatencyStats naive, LatencyStats safe) {
        result.ratio("writer max latency, " + naiveName + " / flyway-zdm", Cell.ratio(naive.max(), safe.max()));
        result.ratio("writer p99 latency, " + naiveName + " / flyway-zdm", Cell.ratio(naive.p99(), safe.p99()));
    }
}
