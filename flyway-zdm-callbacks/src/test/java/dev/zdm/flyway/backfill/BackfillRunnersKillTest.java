package dev.zdm.flyway.backfill;

import static dev.zdm.flyway.backfill.FlywayBackfillTests.config;
import static dev.zdm.flyway.backfill.FlywayBackfillTests.flyway;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.state.StateLocks;
import dev.zdm.flyway.ChildJvm;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three runner processes ({@code ZdmCommands.backfill()}, each in a JVM of its own) on one background job; the one
 * running it is killed with SIGKILL in the middle of a batch; the two others finish it. Every row's counter ends at
 * exactly 1: no batch skipped, none counted twice. Once with one job, once with the job split into three key ranges.
 */
@PostgresTest
class BackfillRunnersKillTest {
    /** The table (with its slow rows) in a location of its own, then the job: one whole, or split into key ranges. */
    private static final String TABLE = "classpath:dev/zdm/flyway/backfill/backgroundkillcommon";
    private static final String LOCATION = TABLE + ",classpath:dev/zdm/flyway/backfill/backgroundkill";
    private static final String RANGES = TABLE + ",classpath:dev/zdm/flyway/backfill/backgroundrangekill";
    private static final int ROWS = 60000;

    @Test
    void threeRunnersOneKilledMidBatchEveryRowExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        String summary = killOneOfThree(db, dir, LOCATION, 1);
        assertThat(db.queryString("SELECT state || ' ' || rows_done FROM zdm_backfill_progress")).isEqualTo("done " + ROWS);
        System.out.println(summary);
    }

    /**
     * The same with the plain table split into three key ranges ({@code ranges=3}): the three runners walk a range each at
     * once; the one killed leaves its range to whichever survivor finishes its own first.
     */
    @Test
    void threeRunnersOnKeyRangesOneKilledMidBatchEveryRowExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        String summary = killOneOfThree(db, dir, RANGES, 3);
        assertThat(db.queryString("SELECT string_agg(backfill_id || ' ' || state, ', ' ORDER BY backfill_id) FROM zdm_backfill_progress"))
                .matches("V2__count_every_row\\.sql#\\w+#range=1/3 done, V2__count_every_row\\.sql#\\w+#range=2/3 done, "
                        + "V2__count_every_row\\.sql#\\w+#range=3/3 done");
        assertThat(db.queryLong("SELECT sum(rows_done) FROM zdm_backfill_progress")).isEqualTo(ROWS);
        System.out.println("key ranges: " + summary + "; runners of the ranges: "
                + db.queryString("SELECT string_agg(runner, ', ' ORDER BY backfill_id) FROM zdm_backfill_progress"));
    }

    private static String killOneOfThree(TestDatabase db, Path dir, String location, int units) throws Exception {
        FlywayBackfillTests.emptySchema(db);
        org.flywaydb.core.Flyway flyway = flyway(config(db, location));
        long start = System.nanoTime();
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
        long migrateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(db.queryString("SELECT string_agg(DISTINCT state, ',') || ' ' || count(*) FROM zdm_backfill_progress"))
                .isEqualTo("queued " + units);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n > 0")).isZero();

        List<Process> runners = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            runners.add(runnerInChildJvm(db, "bg-runner-" + i, dir.resolve("runner-" + i + ".log"), location));
        }
        // the holder of the job's run lock, caught inside a slow batch (the trigger sleeps on row 20000) after rows are done
        String holder = awaitHolderInSlowBatch(db, runners, dir);
        int killed = Integer.parseInt(holder.substring("bg-runner-".length()));
        long doneBeforeKill = db.queryLong("SELECT sum(rows_done) FROM zdm_backfill_progress");
        runners.get(killed - 1).destroyForcibly();
        assertThat(runners.get(killed - 1).waitFor(30, TimeUnit.SECONDS)).isTrue();

        for (int i = 1; i <= 3; i++) {
            if (i == killed) {
                continue;
            }
            Process survivor = runners.get(i - 1);
            Path log = dir.resolve("runner-" + i + ".log");
            assertThat(survivor.waitFor(120, TimeUnit.SECONDS)).as("runner %d finished:%n%s", i, read(log)).isTrue();
            assertThat(read(log)).contains("RUNNER DONE");
        }
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n = 0")).as("skipped rows").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n > 1")).as("rows done twice").isZero();
        assertThat(doneBeforeKill).isLessThan(ROWS);
        String runner = db.queryString("SELECT string_agg(DISTINCT runner, ', ') FROM zdm_backfill_progress");
        return String.format("3 runners, %s killed at %d rows done (mid-batch), finished by the others (%s); migrate took %d ms; "
                + "counters: every row exactly 1", holder, doneBeforeKill, runner, migrateMillis);
    }

    private static String awaitHolderInSlowBatch(TestDatabase db, List<Process> runners, Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String sql = "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                + " AND l.granted AND l.classid = " + StateLocks.BACKFILL_RUN + "::bigint::oid AND a.application_name LIKE 'bg-runner-%'"
                + " AND a.state = 'active' AND a.wait_event = 'PgSleep' AND (SELECT sum(rows_done) FROM zdm_backfill_progress) >= 15000";
        while (System.nanoTime() < deadline) {
            String holder = db.queryString(sql);
            if (holder != null) {
                return holder;
            }
            for (int i = 0; i < runners.size(); i++) {
                if (!runners.get(i).isAlive()) {
                    throw new AssertionError("runner " + (i + 1) + " ended before the kill:\n" + read(dir.resolve("runner-" + (i + 1) + ".log")));
                }
            }
            Thread.sleep(5);
        }
        runners.forEach(Process::destroyForcibly);
        throw new AssertionError("no runner was caught in a slow batch");
    }

    private static Process runnerInChildJvm(TestDatabase db, String applicationName, Path log, String location) throws Exception {
        return ChildJvm.start(db, applicationName, log, BackfillRunnerInChildJvm.class, location);
    }

    private static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
