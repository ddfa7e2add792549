package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Background jobs: recorded instead of run, run by several runners from the database alone, controlled by the operator. */
@PostgresTest
class BackgroundJobsTest {
    private static final Backfill COUNT_EVERY_ROW = Backfill.table("accounts").set("n = n + 1").batchSize(500);

    /** The test class shares one database: each test starts with no jobs and a new table. */
    private static void accounts(TestDatabase db, int rows) throws Exception {
        forgetJobs(db);
        db.execute("DROP TABLE IF EXISTS accounts", "CREATE TABLE accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO accounts (id) SELECT generate_series(1, " + rows + ")", "ANALYZE accounts");
    }

    private static void forgetJobs(TestDatabase db) throws Exception {
        db.execute("DO $$ BEGIN IF to_regclass('zdm_backfill_progress') IS NOT NULL THEN DELETE FROM zdm_backfill_progress; END IF; END $$");
    }

    private static void enqueue(TestDatabase db, String id, Backfill backfill) throws Exception {
        try (Connection c = db.connect()) {
            assertThat(new BackfillExecutor(c, "public").enqueue(id, backfill)).isTrue();
        }
    }

    private static CompletableFuture<List<BackfillJobOutcome>> runner(TestDatabase db, String name, StopSignal stop) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = db.connect(name)) {
                return new BackfillJobRunner(c, "public", BackfillDefaults.standard(), name).runToEnd(stop, Duration.ofMillis(50));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String state(TestDatabase db, String id) throws Exception {
        return db.queryString("SELECT state FROM zdm_backfill_progress WHERE backfill_id = '" + id + "'");
    }

    private static void awaitRows(TestDatabase db, String id, long rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryLong("SELECT rows_done FROM zdm_backfill_progress WHERE backfill_id = '" + id + "'") < rows) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " did not reach " + rows + " rows");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void enqueueRecordsTheJobWithItsSpecAndRunsNothing(TestDatabase db) throws Exception {
        accounts(db, 1000);
        enqueue(db, "V2__count", COUNT_EVERY_ROW);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n > 0")).isZero();
        assertThat(db.queryString("SELECT state || ' ' || background || ' ' || batches FROM zdm_backfill_progress")).isEqualTo("queued true 0");
        assertThat(db.queryString("SELECT spec->>'set' FROM zdm_backfill_progress")).isEqualTo("n = n + 1");
        try (Connection c = db.connect()) {
            assertThat(new BackfillExecutor(c, "public").enqueue("V2__count", COUNT_EVERY_ROW)).as("a second migrate leaves it").isFalse();
            BackfillJob job = BackfillJobs.find(c, "public", "V2__count").orElseThrow();
            assertThat(job.background()).isTrue();
            assertThat(job.estimatedRows()).isEqualTo(1000);
            assertThat(job.progress()).startsWith("queued, 0 rows done");
        }
    }

    @Test
    void aWrongTableIsRefusedAtEnqueueAndTheNextMigrateRecordsTheJob(TestDatabase db) throws Exception {
        forgetJobs(db);
        db.execute("DROP TABLE IF EXISTS accounts");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> new BackfillExecutor(c, "public").enqueue("V3__x", COUNT_EVERY_ROW))
                    .isInstanceOf(BackfillException.class).hasMessageContaining("accounts");
        }
        assertThat(state(db, "V3__x")).isEqualTo("failed");
        accounts(db, 10);
        enqueue(db, "V3__x", COUNT_EVERY_ROW);
        assertThat(state(db, "V3__x")).isEqualTo("queued");
    }

    @Test
    void threeRunnersProcessEveryRowExactlyOnce(TestDatabase db) throws Exception {
        accounts(db, 30000);
        enqueue(db, "V2__count", COUNT_EVERY_ROW.pauseBetweenBatches(Duration.ofMillis(2)));
        List<CompletableFuture<List<BackfillJobOutcome>>> runners = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            runners.add(runner(db, "runner-" + i, StopSignal.NEVER));
        }
        List<BackfillJobOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<List<BackfillJobOutcome>> r : runners) {
            outcomes.addAll(r.get(120, TimeUnit.SECONDS));
        }
        assertThat(outcomes).extracting(BackfillJobOutcome::outcome).containsExactly(BackfillJobOutcome.Outcome.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();
        assertThat(db.queryString("SELECT state || ' ' || rows_done FROM zdm_backfill_progress")).isEqualTo("done 30000");
    }

    @Test
    void aRunnerThatStopsLeavesTheJobToAnother(TestDatabase db) throws Exception {
        accounts(db, 20000);
        enqueue(db, "V2__count", COUNT_EVERY_ROW.pauseBetweenBatches(Duration.ofMillis(5)));
        AtomicBoolean stopFirst = new AtomicBoolean();
        CompletableFuture<List<BackfillJobOutcome>> first = runner(db, "first", stopFirst::get);
        awaitRows(db, "V2__count", 3000);
        stopFirst.set(true);
        assertThat(first.get(60, TimeUnit.SECONDS)).extracting(BackfillJobOutcome::outcome).containsExactly(BackfillJobOutcome.Outcome.STOPPED);
        assertThat(state(db, "V2__count")).isEqualTo("running");
        long doneByFirst = db.queryLong("SELECT rows_done FROM zdm_backfill_progress");
        assertThat(doneByFirst).isBetween(3000L, 19999L);

        assertThat(runner(db, "second", StopSignal.NEVER).get(60, TimeUnit.SECONDS)).extracting(BackfillJobOutcome::outcome)
                .containsExactly(BackfillJobOutcome.Outcome.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();
        assertThat(db.queryString("SELECT runner FROM zdm_backfill_progress")).isEqualTo("second");
    }

    @Test
    void pauseIsHonouredBetweenBatchesAndResumeContinues(TestDatabase db) throws Exception {
        accounts(db, 20000);
        // 40 batches 50 ms apart: the runner reads the request at most every 500 ms, long before the walk ends
        enqueue(db, "V2__count", COUNT_EVERY_ROW.pauseBetweenBatches(Duration.ofMillis(50)));
        CompletableFuture<List<BackfillJobOutcome>> running = runner(db, "runner", StopSignal.NEVER);
        awaitRows(db, "V2__count", 2000);
        try (Connection c = db.connect()) {
            assertThat(BackfillJobs.pause(c, "public", "V2__count").requested()).as("the runner holds it: asked, not forced").isEqualTo("pause");
        }
        List<BackfillJobOutcome> outcomes = running.get(60, TimeUnit.SECONDS);
        assertThat(outcomes).extracting(BackfillJobOutcome::outcome).containsExactly(BackfillJobOutcome.Outcome.STOPPED);
        assertThat(outcomes.get(0).message()).contains("paused by the operator").contains("-Dzdm.resume=V2__count");
        assertThat(state(db, "V2__count")).isEqualTo("paused");
        long paused = db.queryLong("SELECT rows_done FROM zdm_backfill_progress");
        assertThat(runner(db, "idle", StopSignal.NEVER).get(30, TimeUnit.SECONDS)).as("runners leave a paused job").isEmpty();
        assertThat(db.queryLong("SELECT rows_done FROM zdm_backfill_progress")).isEqualTo(paused);

        try (Connection c = db.connect()) {
            assertThat(BackfillJobs.resume(c, "public", "V2__count").state()).isEqualTo(BackfillCheckpoint.State.RUNNING);
        }
        assertThat(runner(db, "runner", StopSignal.NEVER).get(60, TimeUnit.SECONDS)).extracting(BackfillJobOutcome::outcome)
                .containsExactly(BackfillJobOutcome.Outcome.DONE);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n <> 1")).isZero();
    }

    @Test
    void cancelRetryAndTheirRefusals(TestDatabase db) throws Exception {
        accounts(db, 3000);
        enqueue(db, "V2__count", COUNT_EVERY_ROW);
        try (Connection c = db.connect()) {
            assertThat(BackfillJobs.cancel(c, "public", "V2__count").state()).as("nobody runs it: at once").isEqualTo(BackfillCheckpoint.State.CANCELLED);
            assertThat(BackfillJobs.runnable(c, "public")).isEmpty();
            assertThatThrownBy(() -> BackfillJobs.resume(c, "public", "V2__count")).isInstanceOf(BackfillJobRefusedException.class)
                    .hasMessageContaining("only a paused job can be resumed").hasMessageContaining("cancelled");
            assertThatThrownBy(() -> BackfillJobs.pause(c, "public", "nope")).isInstanceOf(BackfillJobRefusedException.class)
                    .hasMessageContaining("no backfill with that id").hasMessageContaining("V2__count")
                    .extracting(e -> ((BackfillJobRefusedException) e).code()).isEqualTo(ZdmErrorCode.BACKFILL_JOB_REFUSED);
            assertThat(BackfillJobs.retry(c, "public", "V2__count").state()).isEqualTo(BackfillCheckpoint.State.QUEUED);
        }
        assertThat(runner(db, "runner", StopSignal.NEVER).get(60, TimeUnit.SECONDS)).extracting(BackfillJobOutcome::outcome)
                .containsExactly(BackfillJobOutcome.Outcome.DONE);
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> BackfillJobs.cancel(c, "public", "V2__count")).isInstanceOf(BackfillJobRefusedException.class)
                    .hasMessageContaining("a done job stays done");
        }
    }

    @Test
    void requireDoneNamesTheJobAndItsProgressUntilItIsDone(TestDatabase db) throws Exception {
        accounts(db, 3000);
        enqueue(db, "V2__count", COUNT_EVERY_ROW);
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> BackfillJobs.requireDone(c, "public", "V2__count", "Migration V3__contract.sql"))
                    .isInstanceOf(BackfillNotDoneException.class)
                    .hasMessageContaining("Migration V3__contract.sql requires backfill V2__count to be done and verified; it is queued, 0 rows done")
                    .hasMessageContaining("mvn zdm:backfill")
                    .extracting(e -> ((BackfillNotDoneException) e).code()).isEqualTo(ZdmErrorCode.BACKFILL_NOT_DONE);
            assertThatThrownBy(() -> BackfillJobs.requireDone(c, "public", "V9__other", null))
                    .isInstanceOf(BackfillNotDoneException.class).hasMessageContaining("no backfill with that id").hasMessageContaining("V2__count");
        }
        runner(db, "runner", StopSignal.NEVER).get(60, TimeUnit.SECONDS);
        try (Connection c = db.connect()) {
            BackfillJobs.requireDone(c, "public", "V2__count", null);
        }
    }

    @Test
    void aPartitionedTableIsOneJobPerPartitionAndTwoRunnersFinishFasterThanOne(TestDatabase db) throws Exception {
        forgetJobs(db);
        db.execute("DROP TABLE IF EXISTS events", "CREATE TABLE events (id bigint, region int, n int NOT NULL DEFAULT 0, PRIMARY KEY (region, id))"
                + " PARTITION BY LIST (region)");
        for (int r = 0; r < 4; r++) {
            db.execute("CREATE TABLE events_" + r + " PARTITION OF events FOR VALUES IN (" + r + ")");
        }
        db.execute("INSERT INTO events (id, region) SELECT g, g % 4 FROM generate_series(1, 8000) g");
        Backfill perRow = Backfill.table("events").set("n = n + 1").batchSize(100).pauseBetweenBatches(Duration.ofMillis(25));

        enqueue(db, "E1", perRow);
        assertThat(db.queryString("SELECT string_agg(backfill_id || ' ' || state, ', ' ORDER BY backfill_id) FROM zdm_backfill_progress"))
                .isEqualTo("E1#partition=public.events_0 queued, E1#partition=public.events_1 queued, E1#partition=public.events_2 queued, "
                        + "E1#partition=public.events_3 queued");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> BackfillJobs.requireDone(c, "public", "E1", null)).isInstanceOf(BackfillNotDoneException.class)
                    .hasMessageContaining("requires backfill E1#partition=public.events_0 to be done and verified; it is queued");
        }
        long start = System.nanoTime();
        assertThat(runner(db, "alone", StopSignal.NEVER).get(120, TimeUnit.SECONDS)).hasSize(4)
                .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        long oneRunner = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE n <> 1")).isZero();
        try (Connection c = db.connect()) {
            BackfillJobs.requireDone(c, "public", "E1", null);
        }

        forgetJobs(db);
        db.execute("UPDATE events SET n = 0");
        enqueue(db, "E2", perRow);
        start = System.nanoTime();
        CompletableFuture<List<BackfillJobOutcome>> a = runner(db, "a", StopSignal.NEVER);
        CompletableFuture<List<BackfillJobOutcome>> b = runner(db, "b", StopSignal.NEVER);
        List<BackfillJobOutcome> both = new ArrayList<>(a.get(120, TimeUnit.SECONDS));
        both.addAll(b.get(120, TimeUnit.SECONDS));
        long twoRunners = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(both).hasSize(4).allSatisfy(o -> assertThat(o.outcome()).isEqualTo(BackfillJobOutcome.Outcome.DONE));
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE n <> 1")).isZero();
        assertThat(db.queryLong("SELECT count(DISTINCT runner) FROM zdm_backfill_progress")).as("both runners took partitions").isEqualTo(2);
        System.out.printf("partitioned table, 4 partitions of 2000 rows: one runner %d ms, two runners %d ms (ratio %.2f)%n", oneRunner,
                twoRunners, (double) twoRunners / oneRunner);
        assertThat(twoRunners).isLessThan(oneRunner * 8 / 10);

        // a control named by the partitioned job's id applies to each partition's job
        enqueue(db, "E3", perRow);
        try (Connection c = db.connect()) {
            BackfillJobs.pause(c, "public", "E3");
            assertThatThrownBy(() -> BackfillJobs.pause(c, "public", "E2")).isInstanceOf(BackfillJobRefusedException.class)
                    .hasMessageContaining("only a queued or running job can be paused");
        }
        assertThat(db.queryString("SELECT string_agg(DISTINCT state, ',') FROM zdm_backfill_progress WHERE backfill_id LIKE 'E3#%'"))
                .isEqualTo("paused");
    }
}
