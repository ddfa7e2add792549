package dev.zdm.benchmarks;

import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.PgLocks;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;

/**
 * The lock-queue outage, measured: a reader keeps a transaction open on a table for a few seconds, a
 * migration wants ACCESS EXCLUSIVE on it (ALTER TABLE ... ADD COLUMN), and steady writers stand for the
 * application. Plain Flyway queues the ALTER behind the reader and every write queues behind the ALTER;
 * flyway-zdm's lock-safe runner gives up after lock_timeout and retries, so writes never wait longer.
 * Args: {@code rate=200 reader=5s queueRows=100000 lockTimeout=200ms} (the table's size does not matter here).
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
    public boolean inDefaultRun() {
        return true;
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args a, PrintStream out) throws Exception {
        int rate = a.integer("rate", 200);
        Duration reader = a.duration("reader", Duration.ofSeconds(5));
        int rows = a.integer("queueRows", 100_000);
        String lockTimeout = a.text("lockTimeout", "200ms");
        UnderLoad.Load load = new UnderLoad.Load(
                "UPDATE public.bench_accounts SET balance = balance + 1 WHERE id = (SELECT 1 + (random() * " + (rows - 1) + ")::int)", rate, 4);

        UnderLoad.Measured<Duration> baseline = measure(context, rows, load, reader, null);
        UnderLoad.Measured<Duration> plain = measure(context, rows, load, reader, Map.of("flyway.zdm.enabled", "false"));
        UnderLoad.Measured<Duration> zdm = measure(context, rows, load, reader, Map.of("flyway.zdm.lockTimeout", lockTimeout));

        Table table = UnderLoad.table("migration", "applied after ms");
        table.row(UnderLoad.row(baseline.writers(), "none (the reader alone)", Cell.none()));
        table.row(UnderLoad.row(plain.writers(), "plain Flyway", Cell.millis(plain.value())));
        table.row(UnderLoad.row(zdm.writers(), "flyway-zdm", Cell.millis(zdm.value())));
        ScenarioResult result = new ScenarioResult(name(), "ALTER TABLE behind a long reader, under write load")
                .note("A " + rows + "-row table; writers: " + load.describe() + " (single-row UPDATEs); a reader opens a transaction on it, "
                        + "the migration `ALTER TABLE ... ADD COLUMN` starts 200 ms later, and the reader commits " + reader.toMillis()
                        + " ms after the ALTER joined the lock queue (the baseline: the reader alone for " + reader.toMillis() + " ms); "
                        + "flyway-zdm lockTimeout " + lockTimeout + ".")
                .table(table);
        UnderLoad.latencyRatios(result, "plain Flyway", plain.writers(), zdm.writers());
        return result;
    }

    /** The writers for 1 s, the reader, the migration ({@code zdm} null: none) 200 ms later, the reader's commit, 1 s more. */
    private static UnderLoad.Measured<Duration> measure(BenchmarkContext context, int rows, UnderLoad.Load load, Duration readerHold,
            Map<String, String> zdm) throws Exception {
        TestDatabase db = context.newDatabase();
        try {
            db.execute("CREATE TABLE public.bench_accounts (id int PRIMARY KEY, balance bigint NOT NULL DEFAULT 0)",
                    "INSERT INTO public.bench_accounts (id) SELECT generate_series(1, " + rows + ")",
                    "VACUUM ANALYZE public.bench_accounts");
            return UnderLoad.measure(db, load, Duration.ofSeconds(1), () -> {
                Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.bench_accounts");
                // The reader stays readerHold after the ALTER joined the lock queue (not after it opened): a slow start of
                // Flyway on a busy machine must not let the reader go before the migration even asked for its lock.
                CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
                    try (Connection observer = db.connect("zdm-benchmark-observer")) {
                        if (zdm != null) {
                            PgLocks.await(observer, "public.bench_accounts",
                                    l -> !l.granted() && l.mode() == LockMode.ACCESS_EXCLUSIVE, Duration.ofSeconds(120));
                        }
                        Thread.sleep(readerHold.toMillis());
                        reader.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(200);
                Duration took = Duration.ZERO;
                if (zdm != null) {
                    Map<String, String> config = new HashMap<>(zdm);
                    db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
                    config.put("flyway.locations", "classpath:bench/lockqueue");
                    config.put("flyway.schemas", "bench_history");
                    long start = System.nanoTime();
                    Flyway.configure().configuration(config).load().migrate();
                    took = Duration.ofNanos(System.nanoTime() - start);
                }
                released.join();
                return took;
            });
        } finally {
            context.drop(db);
        }
    }
}
