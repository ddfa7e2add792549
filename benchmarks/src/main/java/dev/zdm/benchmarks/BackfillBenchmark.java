package dev.zdm.benchmarks;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillExecutor;
import dev.zdm.core.backfill.BackfillResult;
import dev.zdm.test.TestDatabase;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Backfilling a column, three ways, in one run, each on its own identical copy of the table while steady writers
 * update random rows of that table:
 * <ol>
 *   <li>one {@code UPDATE} (the floor for total time, and the worst for everyone else: every row stays locked until
 *       it commits);</li>
 *   <li>the common workaround {@code UPDATE ... WHERE id IN (SELECT id ... WHERE col IS NULL LIMIT 5000)} in a loop,
 *       whose subquery can re-read the already done part of the table on every iteration (stopped, and shown as such,
 *       once it has taken {@code inLoopCutoff} (5) times the single UPDATE, so that a quadratic run cannot take hours);</li>
 *   <li>flyway-zdm's batched backfill with its defaults (keyset batches adapted to 200 ms, a checkpoint per batch).</li>
 * </ol>
 * For each: total time and its ratio to the single UPDATE, the longest row-lock hold (the longest transaction that
 * changed rows), and the writers' latency. Args: {@code rows=N} (default 200000; {@code -Dbench.rows=1000000}),
 * {@code rate=100 writers=4 inLoopCutoff=5}.
 */
public final class BackfillBenchmark implements Benchmark {
    static final int DEFAULT_ROWS = 200_000;
    private static final Duration BASELINE = Duration.ofSeconds(3);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final int IN_LOOP_BATCH = 5000;

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public String description() {
        return "one UPDATE vs the IN (SELECT ... LIMIT) loop vs flyway-zdm's batched backfill, under write load (rows=N)";
    }

    @Override
    public boolean inDefaultRun() {
        return true;
    }

    private record Outcome(long batches, Duration longestLock, long changed) {
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args args, PrintStream out) throws Exception {
        int rows = args.integer("rows", DEFAULT_ROWS);
        int rate = args.integer("rate", 100);
        int writers = args.integer("writers", 4);
        int cutoffTimes = args.integer("inLoopCutoff", 5);
        TestDatabase db = context.newDatabase();
        try {
            out.println("loading 3 tables of " + rows + " rows");
            for (String table : List.of("single_update", "in_loop", "batched")) {
                createTable(db, table, rows);
            }
            db.execute("VACUUM ANALYZE");

            UnderLoad.Measured<Outcome> idle = UnderLoad.measure(db, load("single_update", rows, rate, writers), Duration.ZERO, () -> {
                Thread.sleep(BASELINE.toMillis());
                return new Outcome(0, Duration.ZERO, 0);
            });
            out.println("one UPDATE");
            UnderLoad.Measured<Outcome> single = backfill(db, "single_update", rows, rate, writers, () -> {
                long start = System.nanoTime();
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    int changed = s.executeUpdate("UPDATE single_update SET email_verified = false WHERE email_verified IS NULL");
                    return new Outcome(1, Duration.ofNanos(System.nanoTime() - start), changed);
                }
            });
            long cutoff = single.took().toNanos() * cutoffTimes;
            out.println("IN (SELECT ... LIMIT) loop (stopped after " + cutoffTimes + "x the single UPDATE's time)");
            UnderLoad.Measured<Outcome> inLoop = backfill(db, "in_loop", rows, rate, writers, () -> {
                long start = System.nanoTime();
                long longest = 0;
                long batches = 0;
                long done = 0;
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    while (System.nanoTime() - start < cutoff) {
                        long t = System.nanoTime();
                        int changed = s.executeUpdate("UPDATE in_loop SET email_verified = false WHERE id IN "
                                + "(SELECT id FROM in_loop WHERE email_verified IS NULL LIMIT " + IN_LOOP_BATCH + ")");
                        longest = Math.max(longest, System.nanoTime() - t);
                        if (changed == 0) {
                            break;
                        }
                        done += changed;
                        batches++;
                    }
                }
                return new Outcome(batches, Duration.ofNanos(longest), done);
            });
            out.println("flyway-zdm batched backfill");
            UnderLoad.Measured<Outcome> batched = backfill(db, "batched", rows, rate, writers, () -> {
                try (Connection c = db.connect()) {
                    BackfillResult r = new BackfillExecutor(c, "public").run("benchmark-batched",
                            Backfill.table("batched").set("email_verified = false").where("email_verified IS NULL"));
                    return new Outcome(r.batches(), r.longestBatch(), r.rowsChanged());
                }
            });

            Table table = UnderLoad.table("method", "total s", "vs one UPDATE", "batches", "longest row-lock hold ms");
            table.row(UnderLoad.row(idle.writers(), "(writers alone, " + BASELINE.toSeconds() + " s)", Cell.none(), Cell.none(), Cell.none(),
                    Cell.none()));
            row(table, "one UPDATE", single, single, rows);
            row(table, "IN (SELECT ... LIMIT " + IN_LOOP_BATCH + ") loop", inLoop, single, rows);
            row(table, "flyway-zdm batched backfill", batched, single, rows);

            ScenarioResult result = new ScenarioResult(name(), "backfill of " + rows + " rows under write load")
                    .note("Each method on its own copy of a " + rows + "-row table (`id bigint` primary key, an email, a new nullable "
                            + "`email_verified` set to false); writers: " + load("t", rows, rate, writers).describe()
                            + " updating random rows of the table being backfilled. The IN loop is stopped once it has taken "
                            + cutoffTimes + "x the single UPDATE (then its total is a lower bound).")
                    .table(table)
                    .ratio("total time, flyway-zdm / one UPDATE", Cell.ratio(batched.took(), single.took()))
                    .ratio("total time, IN loop / one UPDATE", inLoop.value().changed() < rows
                            ? Cell.ratio(inLoop.took(), single.took()).atLeast() : Cell.ratio(inLoop.took(), single.took()));
            UnderLoad.latencyRatios(result, "one UPDATE", single.writers(), batched.writers());
            UnderLoad.latencyRatios(result, "IN loop", inLoop.writers(), batched.writers());
            return result;
        } finally {
            context.drop(db);
        }
    }

    private static void row(Table table, String label, UnderLoad.Measured<Outcome> m, UnderLoad.Measured<Outcome> single, long rows) {
        boolean stopped = m.value().changed() < rows;
        Cell total = Cell.seconds(m.took());
        Cell ratio = Cell.ratio(m.took(), single.took());
        table.row(UnderLoad.row(m.writers(), stopped ? label + ", stopped at " + (m.value().changed() * 100 / rows) + "% done" : label,
                stopped ? total.atLeast() : total, stopped ? ratio.atLeast() : ratio, m.value().batches(),
                Cell.millis(m.value().longestLock())));
    }

    private static UnderLoad.Load load(String table, long rows, int rate, int writers) {
        return new UnderLoad.Load("UPDATE " + table + " SET touched = touched + 1 WHERE id = (SELECT 1 + floor(random() * "
                + rows + ")::bigint)", rate, writers);
    }

    /** Measures one method on {@code table} and checks it left no row behind (unless it was stopped). */
    private static UnderLoad.Measured<Outcome> backfill(TestDatabase db, String table, long rows, int rate, int writers,
            UnderLoad.Change<Outcome> method) throws Exception {
        UnderLoad.Measured<Outcome> m = UnderLoad.measure(db, load(table, rows, rate, writers), SETTLE, method);
        long left = db.queryLong("SELECT count(*) FROM " + table + " WHERE email_verified IS NULL");
        if (left != rows - m.value().changed()) {
            throw new IllegalStateException(table + ": " + left + " rows left, but " + m.value().changed() + " of " + rows + " were changed");
        }
        return m;
    }

    private static void createTable(TestDatabase db, String table, long rows) throws Exception {
        db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, email text NOT NULL, email_verified boolean, "
                        + "created_at timestamptz NOT NULL DEFAULT now(), touched int NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id, email) SELECT g, 'user' || g || '@example.com' FROM generate_series(1, " + rows + ") g");
    }
}
