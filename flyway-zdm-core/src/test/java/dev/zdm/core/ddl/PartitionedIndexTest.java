package dev.zdm.core.ddl;

import static dev.zdm.core.ddl.DdlFixtures.background;
import static dev.zdm.core.ddl.DdlFixtures.ddl;
import static dev.zdm.core.ddl.DdlFixtures.failure;
import static dev.zdm.core.ddl.DdlFixtures.fast;
import static dev.zdm.core.ddl.DdlFixtures.indexCounts;
import static dev.zdm.core.ddl.DdlFixtures.invalidIndexes;
import static dev.zdm.core.ddl.DdlFixtures.oid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.lock.Sessions;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An index on a partitioned table (three monthly partitions, a sub-partitioned month with two list partitions, a
 * default partition: six leaves) built while a writer inserts and updates through the parent. The index under
 * write load is on a slow expression (about 1 ms a row), so the whole build takes seconds: a plain CREATE INDEX
 * would hold SHARE on the partitions, and the writer would wait, for all of it.
 */
@PostgresTest
class PartitionedIndexTest {
    private static final String WRITE = "WITH u AS (UPDATE events SET payload = 'u' WHERE id = (SELECT (random() * 1200)::int + 1) RETURNING 1) "
            + "INSERT INTO events VALUES (nextval('events_id'), (random() * 4)::int, date '2024-01-01' + (random() * 150)::int, 'w')";
    private static final String INDEX = "evt_tenant_idx";

    @BeforeEach
    void schema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
        DdlFixtures.createSlowFunction(db);
        db.execute(
                "CREATE TABLE events (id bigint NOT NULL, tenant int NOT NULL, created date NOT NULL, payload text) PARTITION BY RANGE (created)",
                "CREATE TABLE events_2024_01 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                "CREATE TABLE events_2024_02 PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')",
                "CREATE TABLE events_2024_03 PARTITION OF events FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')",
                "CREATE TABLE events_2024_04 PARTITION OF events FOR VALUES FROM ('2024-04-01') TO ('2024-05-01') PARTITION BY LIST (tenant)",
                "CREATE TABLE events_2024_04_low PARTITION OF events_2024_04 FOR VALUES IN (0, 1)",
                "CREATE TABLE events_2024_04_rest PARTITION OF events_2024_04 DEFAULT",
                "CREATE TABLE events_default PARTITION OF events DEFAULT",
                "INSERT INTO events SELECT g, g % 5, date '2024-01-01' + (g % 150), 'p' FROM generate_series(1, 1200) g",
                "CREATE SEQUENCE events_id START 1201",
                "CREATE INDEX events_id_idx ON events (id)",
                "ANALYZE events");
    }

    private static String child(String partition) {
        return DerivedNames.derivedName(INDEX, partition);
    }

    /** The parent index is valid and every leaf partition has a valid index attached somewhere below it. */
    private static void assertValidOnEveryLeaf(TestDatabase db) throws Exception {
        assertThat(db.queryString("SELECT indisvalid FROM pg_index WHERE indexrelid = '" + INDEX + "'::regclass")).isEqualTo("t");
        long leaves = db.queryLong("SELECT count(*) FROM pg_partition_tree('events') WHERE isleaf");
        assertThat(leaves).isEqualTo(6);
        assertThat(db.queryLong("SELECT count(*) FROM pg_partition_tree('" + INDEX + "') t JOIN pg_index i ON i.indexrelid = t.relid "
                + "WHERE t.isleaf AND i.indisvalid")).isEqualTo(leaves);
        assertThat(invalidIndexes(db)).isZero();
    }

    @Test
    void buildsTheIndexPartitionByPartitionWithoutBlockingAWriter(TestDatabase db) throws Exception {
        RecordingReporter log = new RecordingReporter();
        LatencyStats stats;
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), log);
            SteadyWriter writer = SteadyWriter.start(db, WRITE, 100);
            Thread.sleep(300);
            long start = System.nanoTime();
            ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + INDEX + " ON events (tenant, zdm_slow(id::int))");
            System.out.println("partitioned build took " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
            Thread.sleep(300);
            stats = writer.stop();
        }
        System.out.println("writer during the partitioned build: " + stats);

        assertValidOnEveryLeaf(db);
        assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
        assertThat(stats.count()).isGreaterThan(50);
        assertThat(stats.longestLockWait()).as("writer %s", stats).isLessThan(Duration.ofMillis(1000));
        assertThat(log.infos()).anySatisfy(m -> assertThat(m).contains("valid on all partitions (6 built, 0 already there)"));
        assertThat(log.all()).noneSatisfy(m -> assertThat(m).contains("ON \"public\".\"events\" (tenant"));
    }

    @Test
    void resumesAfterACrashHalfWay(TestDatabase db) throws Exception {
        // The state a crash leaves: parent index ON ONLY; January built and attached; February built, not attached;
        // March an INVALID leftover of a cancelled build; April (sub-partitioned) its ON ONLY index attached, no leaves.
        db.execute("CREATE INDEX " + INDEX + " ON ONLY events (tenant, created)",
                "CREATE INDEX CONCURRENTLY " + child("events_2024_01") + " ON events_2024_01 (tenant, created)",
                "ALTER INDEX " + INDEX + " ATTACH PARTITION " + child("events_2024_01"),
                "CREATE INDEX CONCURRENTLY " + child("events_2024_02") + " ON events_2024_02 (tenant, created)",
                "CREATE INDEX " + child("events_2024_04") + " ON ONLY events_2024_04 (tenant, created)",
                "ALTER INDEX " + INDEX + " ATTACH PARTITION " + child("events_2024_04"));
        leaveInvalidBuild(db, "events_2024_03", child("events_2024_03"));
        long january = oid(db, child("events_2024_01"));
        long february = oid(db, child("events_2024_02"));
        long march = oid(db, child("events_2024_03"));
        assertThat(indexCounts(db, child("events_2024_03"))).containsExactly(0, 1);

        RecordingReporter log = new RecordingReporter();
        LatencyStats stats;
        try (Connection c = db.connect()) {
            SteadyWriter writer = SteadyWriter.start(db, WRITE, 100);
            ddl(db, c, fast(), log).execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + INDEX + " ON events (tenant, created)");
            stats = writer.stop();
        }

        assertValidOnEveryLeaf(db);
        assertThat(oid(db, child("events_2024_01"))).as("attached index kept").isEqualTo(january);
        assertThat(oid(db, child("events_2024_02"))).as("built index attached, not rebuilt").isEqualTo(february);
        assertThat(oid(db, child("events_2024_03"))).as("invalid leftover rebuilt").isNotEqualTo(march).isPositive();
        assertThat(log.infos()).anySatisfy(m -> assertThat(m).contains("resuming"));
        assertThat(stats.errors()).isZero();
        assertThat(stats.longestLockWait()).as("writer %s", stats).isLessThan(Duration.ofMillis(1000));

        RecordingReporter again = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), again).execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + INDEX + " ON events (tenant, created)");
        }
        assertThat(again.infos()).anySatisfy(m -> assertThat(m).contains("already exists, is valid and has the same definition; counts as done"));
    }

    /** Cancels a CIC on {@code partition} while it waits behind an open writer: PostgreSQL leaves an INVALID index. */
    private static void leaveInvalidBuild(TestDatabase db, String partition, String name) throws Exception {
        try (Blocker writer = Blocker.openTransaction(db, "INSERT INTO " + partition + " VALUES (0, 1, date '2024-03-05', 'x')");
             Connection c = db.connect(); Connection observer = db.connect()) {
            int pid = Sessions.backendPid(c);
            CompletableFuture<Void> build = background(() -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX CONCURRENTLY " + name + " ON " + partition + " (tenant, created)");
                }
                return null;
            });
            DdlFixtures.awaitLockWait(observer, pid, Duration.ofSeconds(10));
            DdlFixtures.cancel(observer, pid);
            assertThat(failure(build)).hasMessageContaining("canceling statement");
            writer.close();
        }
    }

    @Test
    void needsAnIndexNameToBeResumable(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            assertThatThrownBy(() -> ddl.execute("CREATE INDEX CONCURRENTLY ON events (tenant)"))
                    .isInstanceOf(DdlException.class).hasMessageContaining("needs a name");
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%(tenant)%'")).isZero();
    }

    @Test
    void onOnlyCreatesJustTheParentIndexWhichPostgresRefusesConcurrently(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), new RecordingReporter()).execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + INDEX + " ON ONLY events (tenant)");
        }
        assertThat(indexCounts(db, INDEX)).containsExactly(0, 1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_partition_tree('" + INDEX + "')")).isEqualTo(1);
    }
}
