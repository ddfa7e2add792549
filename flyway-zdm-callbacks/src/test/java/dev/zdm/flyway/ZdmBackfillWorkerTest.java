package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillExecutor;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The in-application runner: it picks up a queued job, stops between two batches on close, and the job stays runnable. */
@PostgresTest
class ZdmBackfillWorkerTest {

    @Test
    void closeStopsBetweenBatchesAndLeavesTheJobToTheNextRunner(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE public.worker_accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO public.worker_accounts (id) SELECT generate_series(1, 20000)");
        try (Connection c = db.connect()) {
            new BackfillExecutor(c, "public").enqueue("worker-job",
                    Backfill.table("worker_accounts").set("n = n + 1").batchSize(200).pauseBetweenBatches(Duration.ofMillis(20)));
        }
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:dev/zdm/flyway/worker_has_no_migrations");
        Flyway flyway = Flyway.configure().configuration(config).load();

        ZdmBackfillWorker worker = ZdmBackfillWorker.of(flyway).pollInterval(Duration.ofMillis(100)).name("worker-test").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.queryLong("SELECT rows_done FROM zdm_backfill_progress WHERE backfill_id = 'worker-job'") < 2000) {
                assertThat(System.nanoTime()).as("the worker took the job").isLessThan(deadline);
                Thread.sleep(10);
            }
        } finally {
            worker.close();
        }
        assertThat(worker.isRunning()).isFalse();
        String stopped = db.queryString("SELECT state || ' ' || rows_done || ' ' || runner FROM zdm_backfill_progress");
        assertThat(stopped).startsWith("running ").endsWith(" worker-test");
        long rows = db.queryLong("SELECT rows_done FROM zdm_backfill_progress");
        assertThat(rows).isLessThan(20000);
        assertThat(db.queryLong("SELECT count(*) FROM public.worker_accounts WHERE n = 1")).as("stopped between batches").isEqualTo(rows);
        Thread.sleep(300);
        assertThat(db.queryLong("SELECT rows_done FROM zdm_backfill_progress")).as("nothing runs after close").isEqualTo(rows);

        assertThat(ZdmCommands.of(flyway).backfill().succeeded()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM public.worker_accounts WHERE n <> 1")).isZero();
    }
}
