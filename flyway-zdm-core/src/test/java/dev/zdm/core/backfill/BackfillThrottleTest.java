package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Throttling: the replication-lag pause, the rows-per-second cap, the pause between batches. */
@PostgresTest
class BackfillThrottleTest {

    /**
     * There is no standby here, so the run's connection reads a stand-in: a view named pg_stat_replication in a schema put
     * before pg_catalog on its search_path, with the columns the engine reads, and a lag the test controls.
     */
    @Test
    void pausesWhileAStandbyLagsMoreThanTheLimit(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE posts (id int PRIMARY KEY, slug text)", "INSERT INTO posts (id) SELECT g FROM generate_series(1, 2000) g",
                "CREATE SCHEMA standby_stand_in", "CREATE TABLE standby_stand_in.lag (replay_lag interval, replay_lsn pg_lsn, reply_time timestamptz)",
                "INSERT INTO standby_stand_in.lag VALUES (interval '30 seconds', NULL, now())",
                "CREATE VIEW standby_stand_in.pg_stat_replication AS SELECT 4242 AS pid, 'replica-eu'::text AS application_name, "
                        + "NULL::inet AS client_addr, 'streaming'::text AS state, replay_lag, replay_lsn, reply_time, now() AS backend_start "
                        + "FROM standby_stand_in.lag");
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path = standby_stand_in, pg_catalog, public");
            }
            CompletableFuture<BackfillResult> backfill = CompletableFuture.supplyAsync(() -> new BackfillExecutor(c, "public")
                    .run("slugs", Backfill.table("posts").set("slug = 'p' || id").where("slug IS NULL").batchSize(500)
                            .maxReplicationLag(Duration.ofSeconds(1))));
            Thread.sleep(1500);
            assertThat(backfill).isNotDone();
            assertThat(db.queryLong("SELECT count(*) FROM posts WHERE slug IS NOT NULL")).as("no batch while the standby lags").isZero();

            db.execute("UPDATE standby_stand_in.lag SET replay_lag = interval '200 milliseconds'");
            BackfillResult result = backfill.get(20, TimeUnit.SECONDS);
            assertThat(result.rowsChanged()).isEqualTo(2000);
            assertThat(result.longestBatch()).as("the pause is not part of a batch").isLessThan(Duration.ofMillis(900));
        }
    }

    @Test
    void aStandbyThatStoppedReplyingWithWalLeftToReplayCountsAsLagging(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE pages (id int PRIMARY KEY, title text)", "INSERT INTO pages (id) SELECT g FROM generate_series(1, 10) g",
                "CREATE SCHEMA stuck_standby", "CREATE TABLE stuck_standby.lag (reply_time timestamptz)",
                "INSERT INTO stuck_standby.lag VALUES (now() - interval '1 hour')",
                "CREATE VIEW stuck_standby.pg_stat_replication AS SELECT 4243 AS pid, ''::text AS application_name, "
                        + "'10.0.0.7'::inet AS client_addr, 'streaming'::text AS state, interval '5 milliseconds' AS replay_lag, "
                        + "'0/1'::pg_lsn AS replay_lsn, reply_time, now() - interval '2 hours' AS backend_start FROM stuck_standby.lag");
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET search_path = stuck_standby, pg_catalog, public");
            }
            ReplicationLag.Standby worst = ReplicationLag.worst(c);
            assertThat(worst.name()).isEqualTo("10.0.0.7 pid 4243");
            assertThat(worst.lag()).isGreaterThan(Duration.ofMinutes(59));
        }
    }

    @Test
    void withoutStandbysThereIsNoLag(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            assertThat(ReplicationLag.worst(c)).isNull();
        }
    }

    @Test
    void keepsUnderTheRowsPerSecondCap(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE clicks (id int PRIMARY KEY, bucket int)", "INSERT INTO clicks (id) SELECT g FROM generate_series(1, 2000) g");
        try (Connection c = db.connect()) {
            BackfillResult result = new BackfillExecutor(c, "public").run("buckets",
                    Backfill.table("clicks").set("bucket = id % 10").where("bucket IS NULL").batchSize(5000).maxRowsPerSecond(1500));
            assertThat(result.batches()).as("no batch larger than one second's worth").isEqualTo(2);
            assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1300));
        }
    }

    @Test
    void pausesBetweenBatches(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE votes (id int PRIMARY KEY, weight int)", "INSERT INTO votes (id) SELECT g FROM generate_series(1, 1000) g");
        try (Connection c = db.connect()) {
            BackfillResult result = new BackfillExecutor(c, "public").run("weights",
                    Backfill.table("votes").set("weight = 1").where("weight IS NULL").batchSize(100).pauseBetweenBatches(Duration.ofMillis(100)));
            assertThat(result.batches()).isEqualTo(10);
            assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        }
    }
}
