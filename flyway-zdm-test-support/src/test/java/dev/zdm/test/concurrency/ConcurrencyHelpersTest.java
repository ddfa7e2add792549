package dev.zdm.test.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PostgresTest
class ConcurrencyHelpersTest {

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS counters (id int PRIMARY KEY, n bigint NOT NULL)",
                "INSERT INTO counters VALUES (1, 0) ON CONFLICT DO NOTHING");
    }

    @Test
    void holdLockIsVisibleInPgLocksUntilClosed(TestDatabase db) throws Exception {
        try (Connection observer = db.connect()) {
            int pid;
            try (Blocker blocker = Blocker.holdLock(db, "counters", LockMode.SHARE_ROW_EXCLUSIVE)) {
                pid = blocker.pid();
                assertThat(PgLocks.strongestHeld(observer, pid, "counters")).contains(LockMode.SHARE_ROW_EXCLUSIVE);
            }
            assertThat(PgLocks.strongestHeld(observer, pid, "counters")).isEmpty();
        }
    }

    @Test
    void aWriterStallsBehindAnExclusiveLockAndTheStallIsMeasured(TestDatabase db) throws Exception {
        Blocker blocker = Blocker.holdLock(db, "counters", LockMode.ACCESS_EXCLUSIVE);
        SteadyWriter writer = SteadyWriter.start(db, "UPDATE counters SET n = n + 1 WHERE id = 1", 200);
        try (Connection observer = db.connect()) {
            var waiting = PgLocks.await(observer, "counters", l -> l.pid() == writer.pid() && !l.granted(), Duration.ofSeconds(5));
            assertThat(waiting).isPresent();
            assertThat(PgLocks.blockingPids(observer, writer.pid())).containsExactly(blocker.pid());
            Thread.sleep(700);
        } finally {
            blocker.close();
        }
        Thread.sleep(200);
        LatencyStats stats = writer.stop();

        assertThat(stats.errors()).isZero();
        assertThat(stats.max()).isGreaterThan(Duration.ofMillis(600));
        assertThat(stats.longestLockWait()).as("%s", stats).isGreaterThan(Duration.ofMillis(500));
        // Statements due during the stall count as slow too (no coordinated omission).
        assertThat(stats.countOver(Duration.ofMillis(300))).isGreaterThan(20);
    }

    @Test
    void aWriterWithNothingInTheWayIsFast(TestDatabase db) throws Exception {
        SteadyWriter writer = SteadyWriter.start(db, "UPDATE counters SET n = n + 1 WHERE id = 1", 200);
        Thread.sleep(500);
        LatencyStats stats = writer.stop();
        assertThat(stats.count()).isBetween(60, 140);
        assertThat(stats.errors()).isZero();
        assertThat(stats.p50()).isLessThan(Duration.ofMillis(100));
        assertThat(stats.longestLockWait()).isZero();
    }

    @Test
    void aWriterOverSeveralConnectionsKeepsTheTotalRate(TestDatabase db) throws Exception {
        SteadyWriter writer = SteadyWriter.start(db, "UPDATE counters SET n = n + 1 WHERE id = 1", 200, 4);
        assertThat(writer.pids()).hasSize(4).doesNotHaveDuplicates();
        Thread.sleep(1000);
        LatencyStats stats = writer.stop();
        assertThat(stats.count()).isBetween(140, 260);
        assertThat(stats.errors()).isZero();
    }

    @Test
    void openTransactionLeavesTheSessionIdleInTransaction(TestDatabase db) throws Exception {
        try (Blocker blocker = Blocker.openTransaction(db, "SELECT n FROM counters");
             Connection observer = db.connect();
             var ps = observer.prepareStatement("SELECT state, backend_xmin IS NOT NULL FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, blocker.pid());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("idle in transaction");
            }
            assertThat(PgLocks.strongestHeld(observer, blocker.pid(), "counters")).contains(LockMode.ACCESS_SHARE);
        }
    }

    @Test
    void aBackgroundStatementRunsUntilClosedAndIsCancelled(TestDatabase db) throws Exception {
        Blocker reader = Blocker.runInBackground(db, "SELECT pg_sleep(30) FROM counters");
        try (Connection observer = db.connect()) {
            assertThat(reader.finished()).isFalse();
            assertThat(PgLocks.strongestHeld(observer, reader.pid(), "counters")).contains(LockMode.ACCESS_SHARE);
        }
        long start = System.nanoTime();
        reader.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(reader.finished()).isTrue();
    }

    @Test
    void percentilesUseNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        LatencyStats stats = new LatencyStats(nanos, 0, java.util.List.of(), Duration.ofSeconds(1));
        assertThat(stats.p50()).isEqualTo(Duration.ofMillis(50));
        assertThat(stats.p99()).isEqualTo(Duration.ofMillis(99));
        assertThat(stats.max()).isEqualTo(Duration.ofMillis(100));
        assertThat(stats.countOver(Duration.ofMillis(90))).isEqualTo(10);
    }
}
