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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PostgresTest
class DropAndReindexConcurrentlyTest {

    @BeforeEach
    void schema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
        DdlFixtures.createSlowFunction(db);
        db.execute("CREATE TABLE items (id int PRIMARY KEY, n int)",
                "INSERT INTO items SELECT g, g FROM generate_series(1, 600) g",
                "CREATE INDEX items_n_idx ON items (n)");
    }

    private static long filenode(TestDatabase db, String index) throws Exception {
        return db.queryLong("SELECT pg_relation_filenode('" + index + "')");
    }

    @Test
    void dropsAnIndexAndDoesNothingWhenItIsAlreadyGone(TestDatabase db) throws Exception {
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), log);
            ddl.execute("DROP INDEX CONCURRENTLY IF EXISTS public.items_n_idx;");
            ddl.execute("DROP INDEX CONCURRENTLY IF EXISTS public.items_n_idx;");

            assertThatThrownBy(() -> ddl.execute("DROP INDEX CONCURRENTLY items_n_idx"))
                    .isInstanceOf(DdlException.class).hasMessageContaining("does not exist").hasMessageContaining("IF EXISTS");
        }
        assertThat(oid(db, "items_n_idx")).isZero();
        assertThat(log.infos()).anySatisfy(m -> assertThat(m).contains("does not exist; nothing to drop"));
    }

    @Test
    void aDropWaitingForAReaderIsReportedAndGivenUpOnThenFinishedByTheNextRun(TestDatabase db) throws Exception {
        DdlOptions options = fast().withWaitTimeout(Duration.ofMillis(1000));
        Throwable thrown;
        int readerPid;
        try (Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM items"); Connection c = db.connect()) {
            readerPid = reader.pid();
            SafeDdl ddl = ddl(db, c, options, new RecordingReporter());
            thrown = failure(background(() -> {
                ddl.dropIndexConcurrently(QualifiedName.of("items_n_idx"));
                return null;
            }));
        }
        assertThat(thrown).isInstanceOf(DdlException.class).hasMessageContaining("DROP INDEX CONCURRENTLY gave up")
                .hasMessageContaining("pid " + readerPid).hasMessageContaining("SELECT count(*) FROM items")
                .hasMessageContaining("run again");

        try (Connection c = db.connect()) {
            ddl(db, c, options, new RecordingReporter()).dropIndexConcurrently(QualifiedName.of("items_n_idx"));
        }
        assertThat(oid(db, "items_n_idx")).isZero();
    }

    @Test
    void dropsAPartitionedIndexWithAShortLockBecausePostgresCannotDropItConcurrently(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE p (id int, k int) PARTITION BY RANGE (k)",
                "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10)",
                "CREATE INDEX p_id_idx ON p (id)");
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), log).execute("DROP INDEX CONCURRENTLY p_id_idx");
        }
        assertThat(oid(db, "p_id_idx")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'p1'")).isZero();
        assertThat(log.infos()).anySatisfy(m -> assertThat(m).contains("partitioned index").contains("short lock_timeout"));
    }

    @Test
    void reindexesAnIndexOrATableConcurrently(TestDatabase db) throws Exception {
        long indexBefore = filenode(db, "items_n_idx");
        long pkeyBefore = filenode(db, "items_pkey");
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            ddl.execute("REINDEX INDEX CONCURRENTLY items_n_idx");
            assertThat(filenode(db, "items_n_idx")).isNotEqualTo(indexBefore);

            long indexMiddle = filenode(db, "items_n_idx");
            ddl.execute("REINDEX (VERBOSE) TABLE CONCURRENTLY public.items;");
            assertThat(filenode(db, "items_n_idx")).isNotEqualTo(indexMiddle);
            assertThat(filenode(db, "items_pkey")).isNotEqualTo(pkeyBefore);
        }
        assertThat(invalidIndexes(db)).isZero();
    }

    @Test
    void dropsCcnewLeftoversOfAnEarlierFailedReindexBeforeReindexing(TestDatabase db) throws Exception {
        db.execute("CREATE INDEX items_slow_idx ON items (zdm_slow(n))");
        try (Connection plain = db.connect(); Connection observer = db.connect()) {
            int pid = Sessions.backendPid(plain);
            CompletableFuture<Void> reindex = background(() -> {
                try (Statement s = plain.createStatement()) {
                    s.execute("REINDEX INDEX CONCURRENTLY items_slow_idx");
                }
                return null;
            });
            DdlFixtures.awaitPhase(observer, pid, "building index", Duration.ofSeconds(20));
            DdlFixtures.cancel(observer, pid);
            assertThat(failure(reindex)).hasMessageContaining("canceling statement");
        }
        assertThat(indexCounts(db, "items_slow_idx_ccnew%")).as("PostgreSQL leaves the unfinished copy").containsExactly(0, 1);

        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), log).reindexIndexConcurrently(QualifiedName.of("items_slow_idx"));
        }
        assertThat(invalidIndexes(db)).isZero();
        assertThat(indexCounts(db, "items_slow_idx%")).containsExactly(1, 0);
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains("dropping INVALID index public.items_slow_idx_ccnew"));
    }

    @Test
    void aReindexCancelledHalfWayIsCleanedUpAndRetried(TestDatabase db) throws Exception {
        db.execute("CREATE INDEX items_slow_idx ON items (zdm_slow(n))");
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            int pid = Sessions.backendPid(c);
            SafeDdl ddl = ddl(db, c, fast().withBuildRetries(1), log);
            CompletableFuture<Void> reindex = background(() -> {
                ddl.execute("REINDEX INDEX CONCURRENTLY items_slow_idx");
                return null;
            });
            DdlFixtures.awaitPhase(observer, pid, "building index", Duration.ofSeconds(20));
            DdlFixtures.cancel(observer, pid);
            reindex.join();
        }
        assertThat(invalidIndexes(db)).isZero();
        assertThat(indexCounts(db, "items_slow_idx%")).containsExactly(1, 0);
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains("failed on attempt 1 of 2").contains("were dropped"));
    }
}
