package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.sql.Directives;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A background job on a plain table split into disjoint key ranges ({@code ranges=N}): bounds read once at enqueue (min/max
 * of a numeric key, pg_stats quantiles of another), open first and last ranges, every range its own unit taken by runners,
 * every row exactly once, rows inserted during and after the walk covered, the job verified as a whole; and the rate limit
 * of a job shared by its runners.
 */
@PostgresTest
class KeyRangeJobsTest {
    /** Counts each row's visits; the WHERE makes the job verifiable. */
    private static final Backfill COUNT_ONCE = Backfill.table("accounts").set("n = n + 1, filled = true").where("NOT filled").batchSize(200);

    private static void accounts(TestDatabase db, int rows) throws Exception {
        db.execute("DO $$ BEGIN IF to_regclass('zdm_backfill_progress') IS NOT NULL THEN DELETE FROM zdm_backfill_progress; END IF; END $$",
                "DROP TABLE IF EXISTS accounts", "CREATE TABLE accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0,"
                        + " filled boolean NOT NULL DEFAULT false)",
                "INSERT INTO accounts (id) SELECT generate_series(1, " + rows + ")", "ANALYZE accounts");
    }

    private static void enqueue(TestDatabase db, String id, Backfill backfill) throws Exception {
        try (Connection c = db.connect()) {
            assertThat(new BackfillExecutor(c, "public").enqueue(id, backfill)).isTrue();
        }
    }

    private static CompletableFuture<List<BackfillJobOutcome>> runner(TestDatabase db, String name) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = db.connect(name)) {
                return new BackfillJobRunner(c, "public", BackfillDefaults.standard(), name).runToEnd(StopSignal.NEVER, Duration.ofMillis(50));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<BackfillJobOutcome> runners(TestDatabase db, int count) throws Exception {
        List<CompletableFuture<List<BackfillJobOutcome>>> running = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            running.add(runner(db, "runner-" + i));
        }
        List<BackfillJobOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<List<BackfillJobOutcome>> r : running) {
            outcomes.addAll(r.get(180, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static String units(TestDatabase db) throws Exception {
        return db.queryString("SELECT string_agg(backfill_id || ' ' || coalesce(spec->>'rangeFrom', '-') || '..' || coalesce(spec->>'rangeTo', '-'),"
                + " ', ' ORDER BY backfill_id) FROM zdm_backfill_progress");
    }

    @Test
    void aNumericKeyIsCutEvenlyBetweenItsMinimumAndMaximumWithOpenEnds(TestDatabase db) throws Exception {
        accounts(db, 10000);
        enqueue(db, "R1", COUNT_ONCE.ranges(4));
        assertThat(units(db)).isEqualTo("R1#range=1/4 -..2500, R1#range=2/4 2500..5000, R1#range=3/4 5000..7500, R1#range=4/4 7500..-");
        assertThat(db.queryString("SELECT string_agg(DISTINCT state, ',') FROM zdm_backfill_progress")).isEqualTo("queued");
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n > 0")).as("nothing run at enqueue").isZero();
        assertThat(db.queryString("SELECT spec->>'version' FROM zdm_backfill_progress LIMIT 1")).isEqualTo("2");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> BackfillJobs.requireDone(c, "public", "R1", null)).isInstanceOf(BackfillNotDoneException.class)
                    .hasMessageContaining("requires backfill R1#range=1/4 to be done and verified; it is queued");
        }

        // fewer distinct keys than ranges: no empty range
        accounts(db, 3);
        enqueue(db, "R2", COUNT_ONCE.ranges(8));
        assertThat(units(db)).isEqualTo("R2#range=1/2 -..2, R2#range=2/2 2..-");
    }

    @Test
    void aTextKeyIsCutAtItsStatisticsQuantilesAndWithoutStatisticsTheJobIsNotSplit(TestDatabase db) throws Exception {
        db.execute("DO $$ BEGIN IF to_regclass('zdm_backfill_progress') IS NOT NULL THEN DELETE FROM zdm_backfill_progress; END IF; END $$",
                "DROP TABLE IF EXISTS codes", "CREATE TABLE codes (code text COLLATE \"C\" PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO codes (code) SELECT 'k' || lpad(g::text, 5, '0') FROM generate_series(1, 5000) g");
        Backfill perRow = Backfill.table("codes").set("n = n + 1").batchSize(300);
        enqueue(db, "T0", perRow.ranges(4));
        assertThat(db.queryString("SELECT string_agg(backfill_id, ',') FROM zdm_backfill_progress")).as("no statistics yet").isEqualTo("T0");
        assertThat(db.queryString("SELECT coalesce(spec->>'ranges', 'none') FROM zdm_backfill_progress")).isEqualTo("none");

        db.execute("DELETE FROM zdm_backfill_progress", "ANALYZE codes");
        enqueue(db, "T1", perRow.ranges(4));
        String units = units(db);
        System.out.println("text key ranges from pg_stats: " + units);
        assertThat(units).startsWith("T1#range=1/4 -..k0").contains("T1#range=4/4 k0").endsWith("..-");
        // rows below and above every key existing at enqueue are covered by the open ends
        db.execute("INSERT INTO codes (code) VALUES ('a-first'), ('z-last')");
        assertThat(runners(db, 2)).hasSize(4).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        assertThat(db.queryLong("SELECT count(*) FROM codes WHERE n <> 1")).isZero();
        assertThat(db.queryLong("SELECT sum(rows_done) FROM zdm_backfill_progress")).isEqualTo(5002);
    }

    @Test
    void threeRunnersOnRangesEveryRowExactlyOnceWithRowsInsertedDuringAndAfterTheWalk(TestDatabase db) throws Exception {
        accounts(db, 30000);
        // 50 batches per range, 30 ms apart: the ranges are still being walked while the rows below are inserted
        enqueue(db, "V2__fill", COUNT_ONCE.ranges(3).pauseBetweenBatches(Duration.ofMillis(30)));
        List<CompletableFuture<List<BackfillJobOutcome>>> running = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            running.add(runner(db, "runner-" + i));
        }
        // inserted while the ranges are walked, above every key: the last range's open end walks them
        for (int i = 0; i < 20; i++) {
            db.execute("INSERT INTO accounts (id) SELECT generate_series(" + (30001 + i * 50) + ", " + (30050 + i * 50) + ")");
            Thread.sleep(10);
        }
        assertThat(db.queryLong("SELECT count(*) FROM zdm_backfill_progress WHERE state = 'done'")).as("inserted during the walk").isZero();
        List<BackfillJobOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<List<BackfillJobOutcome>> r : running) {
            outcomes.addAll(r.get(180, TimeUnit.SECONDS));
        }
        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).as("every row exactly once").isZero();
        assertThat(db.queryLong("SELECT sum(rows_done) FROM zdm_backfill_progress")).isEqualTo(31000);
        assertThat(db.queryLong("SELECT count(DISTINCT runner) FROM zdm_backfill_progress")).as("the runners shared the ranges")
                .isGreaterThan(1);
        try (Connection c = db.connect()) {
            BackfillJobs.requireDone(c, "public", "V2__fill", null);
        }

        // a row written the old way after its range was walked: the job as a whole is not done until it is walked again
        db.execute("INSERT INTO accounts (id) VALUES (-5), (500000)");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> BackfillJobs.requireDone(c, "public", "V2__fill", "Migration V3__contract.sql"))
                    .isInstanceOf(BackfillNotDoneException.class)
                    .hasMessageContaining("requires backfill V2__fill to be done and verified; its 3 key ranges are done, but 2 rows")
                    .hasMessageContaining("NOT filled").hasMessageContaining("-Dzdm.retry=V2__fill");
            BackfillJobs.retry(c, "public", "V2__fill");
        }
        assertThat(db.queryString("SELECT string_agg(pass || ' ' || state, ', ' ORDER BY backfill_id) FROM zdm_backfill_progress"))
                .as("only the ranges with rows matching again walk again").isEqualTo("2 running, 1 done, 2 running");
        assertThat(runners(db, 2)).hasSize(2).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();
        try (Connection c = db.connect()) {
            BackfillJobs.requireDone(c, "public", "V2__fill", null);
        }
    }

    @Test
    void theSqlDirectiveSplitsTheJob(TestDatabase db) throws Exception {
        accounts(db, 1000);
        assertThat(Directives.BATCHED.options()).contains("ranges");
        BatchedSqlStatement statement = BatchedSqlStatement.parse("-- zdm:batched key=id size=100 background ranges=2\n"
                + "UPDATE accounts SET n = n + 1, filled = true WHERE NOT filled");
        assertThat(statement.background()).isTrue();
        enqueue(db, "V5__x.sql#abc", statement.backfill());
        assertThat(units(db)).isEqualTo("V5__x.sql#abc#range=1/2 -..500, V5__x.sql#abc#range=2/2 500..-");
        assertThatThrownBy(() -> BatchedSqlStatement.parse("-- zdm:batched background ranges=0\nUPDATE accounts SET n = 1"))
                .isInstanceOf(BackfillException.class).hasMessageContaining("bad value for ranges");
    }

    /**
     * Three runners on a job of three ranges with a rate limit R: together they stay near R (one budget row per job), not
     * 3R (each runner throttling itself). The upper bound has generous slack for a loaded machine: rows / elapsed under 1.4 R.
     */
    @Test
    void threeRunnersShareTheJobsRateLimit(TestDatabase db) throws Exception {
        int rows = 15000;
        long limit = 1500;
        accounts(db, rows);
        enqueue(db, "RATE", COUNT_ONCE.ranges(3).batchSize(100).maxRowsPerSecond(limit));
        long start = System.nanoTime();
        assertThat(runners(db, 3)).hasSize(3).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = rows / seconds;
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();
        assertThat(db.queryLong("SELECT count(DISTINCT runner) FROM zdm_backfill_progress")).as("all three ran ranges at once").isEqualTo(3);
        assertThat(db.queryLong("SELECT rows_done FROM zdm_backfill_budget WHERE job_id = 'RATE'")).isEqualTo(rows);
        System.out.printf("3 runners, 3 ranges, maxRowsPerSecond %d: %d rows in %.1f s = %.0f rows/s (%.2f x the limit; each runner"
                + " throttling only itself would allow %d)%n", limit, rows, seconds, rate, rate / limit, 3 * limit);
        assertThat(rate).isLessThan(limit * 1.4);
        assertThat(rate).as("the budget is not starved either (generous: a loaded machine is slow)").isGreaterThan(limit * 0.25);
    }

    /**
     * One runner against two on a plain table split into 4 ranges (batches of 100 with a 25 ms pause, as the partition
     * measurement does). {@code -Dzdm.test.rangeRows=1000000 -Dzdm.test.rangePause=0} for the measurement by hand.
     */
    @Test
    void twoRunnersOnRangesFinishFasterThanOne(TestDatabase db) throws Exception {
        int rows = Integer.getInteger("zdm.test.rangeRows", 8000);
        long pause = Long.getLong("zdm.test.rangePause", 25);
        Backfill job = Backfill.table("accounts").set("n = n + 1, filled = true").where("NOT filled").ranges(4)
                .pauseBetweenBatches(Duration.ofMillis(pause));
        job = rows > 100000 ? job : job.batchSize(100);
        accounts(db, rows);
        enqueue(db, "ONE", job);
        long start = System.nanoTime();
        assertThat(runners(db, 1)).hasSize(4).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        long one = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();

        accounts(db, rows);
        enqueue(db, "TWO", job);
        start = System.nanoTime();
        assertThat(runners(db, 2)).hasSize(4).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        long two = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();
        System.out.printf("plain table, %d rows in 4 key ranges, pause %d ms: one runner %d ms, two runners %d ms (ratio %.2f)%n", rows,
                pause, one, two, (double) two / one);
        if (rows <= 100000) {
            assertThat(two).isLessThan(one * 8 / 10);
        }
    }
}
