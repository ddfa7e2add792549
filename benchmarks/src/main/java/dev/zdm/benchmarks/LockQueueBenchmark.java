package dev.zdm.benchmarks;

import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;

/**
 * The lock-queue outage, measured: a reader keeps a transaction open on a table for a few seconds, a
 * migration wants ACCESS EXCLUSIVE on it (ALTER TABLE ... ADD COLUMN), and a steady writer stands for the
 * application. Plain Flyway queues the ALTER behind the reader and every write queues behind the ALTER;
 * flyway-zdm's lock-safe runner gives up after lock_timeout and retries, so writes never wait longer.
 * Args: {@code rate=400 reader=5s rows=100000 lockTimeout=200ms}.
 */
public final class LockQueueBenchmark implements Benchmark {

    @Override
    public String name() {
        return "lock-queue";
    }

    @Override
    public String description() {
        return "writer latency while ALTER TABLE waits behind a long reader: plain Flyway vs flyway-zdm";
    }

    @Override
    public void run(BenchmarkContext context, List<String> args, PrintStream out) throws Exception {
        Args a = Args.parse(args);
        int rate = a.integer("rate", 400);
        Duration reader = a.duration("reader", Duration.ofSeconds(5));
        int rows = a.integer("rows", 100_000);
        String lockTimeout = a.text("lockTimeout", "200ms");
        out.printf("writer %d updates/s over 4 connections on a %d-row table; reader holds its transaction %d ms; flyway-zdm lockTimeout %s%n",
                rate, rows, reader.toMillis(), lockTimeout);

        Table table = new Table("migration", "applied after", "writes", "errors", "p50 ms", "p99 ms", "max ms", "writes > 100 ms",
                "longest lock wait ms");
        Result baseline = measure(context, rows, rate, reader, null);
        Result plain = measure(context, rows, rate, reader, Map.of("flyway.zdm.enabled", "false"));
        Result zdm = measure(context, rows, rate, reader, Map.of("flyway.zdm.lockTimeout", lockTimeout));
        add(table, "none (baseline)", baseline);
        add(table, "plain Flyway", plain);
        add(table, "flyway-zdm", zdm);
        table.print(out);
        out.printf("max writer latency: plain %.0f ms, flyway-zdm %.0f ms (%.1fx lower); p99: %.0f ms vs %.0f ms%n",
                LatencyStats.millis(plain.stats.max()), LatencyStats.millis(zdm.stats.max()),
                LatencyStats.millis(plain.stats.max()) / Math.max(1, LatencyStats.millis(zdm.stats.max())),
                LatencyStats.millis(plain.stats.p99()), LatencyStats.millis(zdm.stats.p99()));
    }

    private record Result(Duration migrationTook, LatencyStats stats) {
    }

    private static void add(Table table, String name, Result r) {
        table.row(name, r.migrationTook.isZero() ? "-" : Table.millis(r.migrationTook), r.stats.count(), r.stats.errors(),
                String.format("%.1f", LatencyStats.millis(r.stats.p50())), String.format("%.1f", LatencyStats.millis(r.stats.p99())),
                String.format("%.0f", LatencyStats.millis(r.stats.max())), r.stats.countOver(Duration.ofMillis(100)),
                r.stats.longestLockWait().toMillis());
    }

    private static Result measure(BenchmarkContext context, int rows, int rate, Duration readerHold, Map<String, String> zdm)
            throws Exception {
        TestDatabase db = context.newDatabase();
        try {
            db.execute("CREATE TABLE public.bench_accounts (id int PRIMARY KEY, balance bigint NOT NULL DEFAULT 0)",
                    "INSERT INTO public.bench_accounts (id) SELECT generate_series(1, " + rows + ")",
                    "VACUUM ANALYZE public.bench_accounts");
            SteadyWriter writer = SteadyWriter.start(db,
                    "UPDATE public.bench_accounts SET balance = balance + 1 WHERE id = (SELECT 1 + (random() * " + (rows - 1) + ")::int)", rate, 4);
            Thread.sleep(1000); // steady state before the reader arrives
            Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.bench_accounts");
            CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(readerHold.toMillis());
                    reader.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            if (zdm == null) { // baseline: the same reader, no migration
                released.join();
                Thread.sleep(1000);
                return new Result(Duration.ZERO, writer.stop());
            }
            Map<String, String> config = new HashMap<>(zdm);
            db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
            config.put("flyway.locations", "classpath:bench/lockqueue");
            config.put("flyway.schemas", "bench_history");
            long start = System.nanoTime();
            Flyway.configure().configuration(config).load().migrate();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            released.join();
            Thread.sleep(1000); // and steady state after
            return new Result(took, writer.stop());
        } finally {
            context.drop(db);
        }
    }
}
