package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checkpoints: an error keeps the progress, the next run continues; a finished backfill only re-counts. */
@PostgresTest
class BackfillResumeTest {

    private static BackfillResult run(TestDatabase db, String id, Backfill backfill) throws Exception {
        try (Connection c = db.connect()) {
            return new BackfillExecutor(c, "public").run(id, backfill);
        }
    }

    /** A SET that divides by zero on row 3210 while the switch says so: a batch that fails for good. */
    private static Backfill failingAt3210() {
        return Backfill.table("members").set("tier = 'basic', n = n + 1, "
                        + "check_value = CASE WHEN (SELECT fail FROM switch) THEN 1 / (id - 3210) ELSE 0 END")
                .batchSize(500);
    }

    @Test
    void afterABatchFailsTheNextRunContinuesAfterTheLastCommittedBatch(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE switch (fail boolean NOT NULL)", "INSERT INTO switch VALUES (true)",
                "CREATE TABLE members (id int PRIMARY KEY, tier text, check_value int, n int NOT NULL DEFAULT 0)",
                "INSERT INTO members (id) SELECT g FROM generate_series(1, 5000) g");

        assertThatThrownBy(() -> run(db, "tiers", failingAt3210()))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining("Backfill tiers failed in the batch after key [3000] of public.members")
                .hasMessageContaining("division by zero (SQLSTATE 22012)")
                .hasMessageContaining("Batch statement: UPDATE \"public\".\"members\" SET tier = 'basic'")
                .hasMessageContaining("continue after key [3000]");
        assertThat(db.queryLong("SELECT count(*) FROM members WHERE n = 1")).isEqualTo(3000);
        try (Connection c = db.connect()) {
            Optional<BackfillCheckpoint> checkpoint = BackfillCheckpoints.find(c, "public", "tiers");
            assertThat(checkpoint).hasValueSatisfying(cp -> {
                assertThat(cp.state()).isEqualTo(BackfillCheckpoint.State.FAILED);
                assertThat(cp.lastKey()).containsExactly("3000");
                assertThat(cp.rowsDone()).isEqualTo(3000);
                assertThat(cp.lastError()).contains("division by zero");
                assertThat(cp.unfinished()).isTrue();
                assertThat(cp.summary()).isEqualTo("state failed, 3000 rows done, last key [3000]");
            });
        }

        db.execute("UPDATE switch SET fail = false");
        BackfillResult resumed = run(db, "tiers", failingAt3210());

        assertThat(resumed.resumedFromKey()).isEqualTo("[3000]");
        assertThat(resumed.rowsChanged()).isEqualTo(2000);
        assertThat(db.queryLong("SELECT count(*) FROM members WHERE n <> 1")).isZero();
        assertThat(db.queryString("SELECT state || ' ' || rows_done FROM zdm_backfill_progress WHERE backfill_id = 'tiers'"))
                .isEqualTo("done 5000");
    }

    @Test
    void aChangedStatementNeverContinuesAnUnfinishedCheckpointSilently(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE switch2 (fail boolean NOT NULL)", "INSERT INTO switch2 VALUES (true)",
                "CREATE TABLE members2 (id int PRIMARY KEY, tier text, check_value int, n int NOT NULL DEFAULT 0)",
                "INSERT INTO members2 (id) SELECT g FROM generate_series(1, 5000) g");
        Backfill first = Backfill.table("members2").set("tier = 'basic', n = n + 1, "
                + "check_value = CASE WHEN (SELECT fail FROM switch2) THEN 1 / (id - 3210) ELSE 0 END").batchSize(500);
        assertThatThrownBy(() -> run(db, "tiers2", first)).hasMessageContaining("division by zero");
        db.execute("UPDATE switch2 SET fail = false");
        Backfill changed = Backfill.table("members2").set("tier = 'gold', n = n + 1, check_value = 0").batchSize(500);

        assertThatThrownBy(() -> run(db, "tiers2", changed))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining("its statement changed since its unfinished checkpoint was written (3000 rows done up to key (3000))")
                .hasMessageContaining("SET tier = 'basic'")
                .hasMessageContaining("SET tier = 'gold'")
                .hasMessageContaining("nothing was run");
        assertThat(db.queryLong("SELECT count(*) FROM members2 WHERE tier = 'gold'")).isZero();

        try (Connection c = db.connect()) {
            new BackfillExecutor(c, "public", BackfillDefaults.standard().withRestartChangedStatement(true)).run("tiers2", changed);
        }
        assertThat(db.queryLong("SELECT count(*) FROM members2 WHERE tier <> 'gold'")).as("a new pass over the whole table").isZero();
    }

    @Test
    void aFinishedBackfillIsNotRunAgainButItsPredicateIsRecounted(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE flags (id int PRIMARY KEY, enabled boolean, n int NOT NULL DEFAULT 0)",
                "INSERT INTO flags (id) SELECT g FROM generate_series(1, 1000) g");
        Backfill backfill = Backfill.table("flags").set("enabled = false, n = n + 1").where("enabled IS NULL").batchSize(300);
        run(db, "flags", backfill);

        BackfillResult again = run(db, "flags", backfill);

        assertThat(again.alreadyDone()).isTrue();
        assertThat(again.batches()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM flags WHERE n <> 1")).isZero();

        db.execute("INSERT INTO flags (id) VALUES (1001), (1002)");
        BackfillResult third = run(db, "flags", backfill);
        assertThat(third.alreadyDone()).isFalse();
        assertThat(third.rowsChanged()).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM flags WHERE n <> 1")).isZero();
    }

    @Test
    void aSecondSessionRunningTheSameBackfillIsRefusedWithItsPid(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE jobs (id int PRIMARY KEY, queue text)", "INSERT INTO jobs (id) SELECT g FROM generate_series(1, 100) g");
        try (Connection other = db.connect("other-deployer"); PreparedStatement lock = other.prepareStatement(
                "SELECT pg_advisory_lock(" + RunLock.CLASS + ", hashtext('queues'))")) {
            lock.executeQuery().close();
            int otherPid;
            try (PreparedStatement pid = other.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = pid.executeQuery()) {
                rs.next();
                otherPid = rs.getInt(1);
            }
            try (Connection c = db.connect()) {
                BackfillExecutor executor = new BackfillExecutor(c, "public", BackfillDefaults.standard().withRunLockWait(Duration.ofMillis(300)));
                assertThatThrownBy(() -> executor.run("queues", Backfill.table("jobs").set("queue = 'default'").where("queue IS NULL")))
                        .hasMessageContaining("Backfill queues is already running in another session (pid " + otherPid)
                        .hasMessageContaining("other-deployer");
            }
        }
        assertThat(db.queryLong("SELECT count(*) FROM jobs WHERE queue IS NULL")).isEqualTo(100);
        BackfillResult result = run(db, "queues", Backfill.table("jobs").set("queue = 'default'").where("queue IS NULL"));
        assertThat(result.rowsChanged()).isEqualTo(100);
    }

    @Test
    void theCheckpointTableLivesInTheGivenSchemaAndSessionSettingsAreLeftAlone(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA flyway", "CREATE TABLE items (id int PRIMARY KEY, sku text)",
                "INSERT INTO items (id) SELECT g FROM generate_series(1, 300) g");
        try (Connection c = db.connect()) {
            c.createStatement().execute("SET lock_timeout = '7s'");
            new BackfillExecutor(c, "flyway").run("skus", Backfill.table("items").set("sku = 'x' || id").where("sku IS NULL").batchSize(64));
            try (ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('lock_timeout'), "
                    + "current_setting('statement_timeout'), current_setting('plan_cache_mode')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("7s");
                assertThat(rs.getString(2)).isEqualTo("0");
                assertThat(rs.getString(3)).isEqualTo("auto");
            }
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(BackfillCheckpoints.find(c, "flyway", "skus")).isPresent();
            assertThat(BackfillCheckpoints.find(c, "public", "skus")).isEmpty();
            assertThat(BackfillCheckpoints.all(c, "flyway")).extracting(BackfillCheckpoint::backfillId).containsExactly("skus");
        }
    }
}
