package dev.zdm.benchmarks;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillExecutor;
import dev.zdm.core.backfill.BackfillResult;
import dev.zdm.core.text.Durations;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Backfilling a column of a 1 M row table (10 M with the argument {@code 10m}, or {@code rows=N}), three ways, in one
 * run, each on its own identical copy of the table while a steady writer updates random rows of that table:
 * <ol>
 *   <li>one {@code UPDATE} (the floor for total time, and the worst for everyone else: every row stays locked until
 *       it commits);</li>
 *   <li>flyway-zdm's batched backfill with its defaults (keyset batches adapted to 200 ms, a checkpoint per batch);</li>
 *   <li>the common workaround {@code UPDATE ... WHERE id IN (SELECT id ... WHERE col IS NULL LIMIT 5000)} in a loop,
 *       whose subquery can re-read the already done part of the table on every iteration (stopped, and shown as such, once
 *       it has taken 10 times the single UPDATE, so that a quadratic run cannot take hours).</li>
 * </ol>
 * For each: total time and its ratio to the single UPDATE, the longest row-lock hold (the longest transaction that
 * changed rows), and the writer's latency (measured from when each write was due).
 */
public final class BackfillBenchmark implements Benchmark {
    /**
     * One connection, one commit (and one WAL flush) per write: at 50/s the writer has headroom even on a busy disk, so
     * its latency shows what the backfill does to it (row locks, I/O) rather than a queue of its own making.
     */
    private static final int WRITES_PER_SECOND = 50;
    private static final Duration BASELINE = Duration.ofSeconds(3);
    /** The IN loop is stopped once it has taken this many times the single UPDATE. */
    private static final int IN_LOOP_CUTOFF = 10;
    private static final int IN_LOOP_BATCH = 5000;

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public String description() {
        return "batched backfill vs one UPDATE vs the IN (SELECT ... LIMIT) loop, with a concurrent writer (args: 10m | rows=N)";
    }

    @Override
    public void run(BenchmarkContext context, List<String> args, PrintStream out) throws Exception {
        long rows = rows(args);
        TestDatabase db = context.newDatabase();
        try {
            out.printf(Locale.ROOT, "%d rows per table; writer: %d single-row updates/s on the table being backfilled%n", rows, WRITES_PER_SECOND);
            for (String table : List.of("single_update", "batched", "in_loop")) {
                createTable(db, table, rows);
            }
            db.execute("VACUUM ANALYZE");

            Measurement idle = measure(db, "single_update", rows, () -> {
                Thread.sleep(BASELINE.toMillis());
                return new Outcome(Duration.ZERO, 0, Duration.ZERO);
            }, false);
            Measurement single = measure(db, "single_update", rows, () -> {
                long start = System.nanoTime();
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE single_update SET email_verified = false WHERE email_verified IS NULL");
                }
                Duration total = Duration.ofNanos(System.nanoTime() - start);
                return new Outcome(total, 1, total);
            });
            Measurement batched = measure(db, "batched", rows, () -> {
                try (Connection c = db.connect()) {
                    BackfillResult r = new BackfillExecutor(c, "public").run("benchmark-batched",
                            Backfill.table("batched").set("email_verified = false").where("email_verified IS NULL"));
                    return new Outcome(r.elapsed(), r.batches(), r.longestBatch());
                }
            });
            // it can be quadratic in the table size: stop it at a multiple of the single UPDATE
            long cutoff = single.outcome().total().toNanos() * IN_LOOP_CUTOFF;
            long[] inLoopChanged = new long[1];
            Measurement inLoop = measure(db, "in_loop", rows, () -> {
                long start = System.nanoTime();
                long longest = 0;
                long batches = 0;
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    while (System.nanoTime() - start < cutoff) {
                        long t = System.nanoTime();
                        int changed = s.executeUpdate("UPDATE in_loop SET email_verified = false WHERE id IN "
                                + "(SELECT id FROM in_loop WHERE email_verified IS NULL LIMIT " + IN_LOOP_BATCH + ")");
                        longest = Math.max(longest, System.nanoTime() - t);
                        if (changed == 0) {
                            break;
                        }
                        inLoopChanged[0] += changed;
                        batches++;
                    }
                }
                return new Outcome(Duration.ofNanos(System.nanoTime() - start), batches, Duration.ofNanos(longest));
            }, false);
            boolean inLoopStopped = inLoopChanged[0] < rows;

            Table table = new Table("method", "total", "vs single UPDATE", "batches", "longest row-lock hold", "writer p99", "writer max",
                    "writer errors");
            table.row("(writer alone, " + Durations.format(BASELINE) + ")", "-", "-", "-", "-", Table.millis(idle.writer().p99()),
                    Table.millis(idle.writer().max()), idle.writer().errors());
            for (Measurement m : List.of(single, batched, inLoop)) {
                boolean stopped = m == inLoop && inLoopStopped;
                table.row(stopped ? m.label() + ", stopped at " + (inLoopChanged[0] * 100 / rows) + "% done" : m.label(),
                        (stopped ? "> " : "") + Table.seconds(m.outcome().total()),
                        (stopped ? "> " : "") + ratio(m.outcome().total(), single.outcome().total()), m.outcome().batches(),
                        Table.millis(m.outcome().longestLock()), Table.millis(m.writer().p99()), Table.millis(m.writer().max()), m.writer().errors());
            }
            out.println();
            table.print(out);
            out.println();
            out.printf(Locale.ROOT, "batched / single UPDATE = %.2fx (target <= 1.25x, aim 1.15x)%n",
                    ratioValue(batched.outcome().total(), single.outcome().total()));
        } finally {
            context.drop(db);
        }
    }

    private record Outcome(Duration total, long batches, Duration longestLock) {
    }

    private record Measurement(String label, Outcome outcome, LatencyStats writer) {
    }

    @FunctionalInterface
    private interface Method {
        Outcome run() throws Exception;
    }

    private static Measurement measure(TestDatabase db, String table, long rows, Method method) throws Exception {
        return measure(db, table, rows, method, true);
    }

    private static Measurement measure(TestDatabase db, String table, long rows, Method method, boolean backfills) throws Exception {
        db.execute("CHECKPOINT");
        SteadyWriter writer = SteadyWriter.start(db, "UPDATE " + table + " SET touched = touched + 1 WHERE id = (SELECT 1 + floor(random() * "
                + rows + ")::bigint)", WRITES_PER_SECOND);
        Outcome outcome;
        LatencyStats stats;
        try {
            outcome = method.run();
        } finally {
            stats = writer.stop();
        }
        long left = backfills ? db.queryLong("SELECT count(*) FROM " + table + " WHERE email_verified IS NULL") : 0;
        if (left != 0) {
            throw new IllegalStateException(table + ": " + left + " rows were not backfilled");
        }
        String label = switch (table) {
            case "single_update" -> "one UPDATE";
            case "batched" -> "flyway-zdm batched backfill";
            default -> "IN (SELECT ... LIMIT " + IN_LOOP_BATCH + ") loop";
        };
        return new Measurement(label, outcome, stats);
    }

    private static void createTable(TestDatabase db, String table, long rows) throws Exception {
        db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, email text NOT NULL, email_verified boolean, "
                        + "created_at timestamptz NOT NULL DEFAULT now(), touched int NOT NULL DEFAULT 0)",
                "INSERT INTO " + table + " (id, email) SELECT g, 'user' || g || '@example.com' FROM generate_series(1, " + rows + ") g");
    }

    static long rows(List<String> args) {
        long rows = 1_000_000;
        for (String arg : args) {
            String a = arg.toLowerCase(Locale.ROOT);
            if (a.equals("10m")) {
                rows = 10_000_000;
            } else if (a.startsWith("rows=")) {
                rows = Long.parseLong(a.substring(5).replace("_", ""));
            } else if (!a.isBlank()) {
                throw new IllegalArgumentException("unknown argument " + arg + " (use 10m or rows=N)");
            }
        }
        return rows;
    }

    private static double ratioValue(Duration d, Duration base) {
        return d.toNanos() / (double) base.toNanos();
    }

    private static String ratio(Duration d, Duration base) {
        return String.format(Locale.ROOT, "%.2fx", ratioValue(d, base));
    }
}
