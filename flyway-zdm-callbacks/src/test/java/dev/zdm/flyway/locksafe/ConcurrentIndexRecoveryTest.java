package dev.zdm.flyway.locksafe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CREATE INDEX CONCURRENTLY in a plain SQL migration, interrupted half-way from another session. PostgreSQL
 * leaves an INVALID index behind, which still costs every write and which a re-run of the same statement
 * would trip over; the runner cleans it up and builds again.
 */
@PostgresTest
class ConcurrentIndexRecoveryTest {

    @BeforeAll
    static void bigTable(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE public.big (id bigint PRIMARY KEY, payload text NOT NULL)",
                "INSERT INTO public.big SELECT g, 'row ' || g FROM generate_series(1, 400000) g",
                "ANALYZE public.big");
    }

    @BeforeEach
    void noIndex(TestDatabase db) throws Exception {
        db.execute("DROP INDEX IF EXISTS public.big_payload_idx");
    }

    private static int awaitBuildingBackend(Connection observer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement ps = observer.prepareStatement(
                // Only the build on public.big: flyway-zdm's own bookkeeping tables build their primary keys too.
                "SELECT pid FROM pg_stat_progress_create_index WHERE datid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "AND relid = 'public.big'::regclass AND phase LIKE 'building index%'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the index build never started");
    }

    private static void signal(Connection observer, String function, int pid) throws Exception {
        try (PreparedStatement ps = observer.prepareStatement("SELECT " + function + "(?)")) {
            ps.setInt(1, pid);
            ps.executeQuery().close();
        }
    }

    private static void assertExactlyOneValidIndex(TestDatabase db) throws Exception {
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE i.indrelid = 'public.big'::regclass AND c.relname LIKE 'big_payload_idx%' AND i.indisvalid")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indrelid = 'public.big'::regclass AND NOT indisvalid")).isZero();
    }

    @Test
    void aBuildCancelledHalfWayIsCleanedUpAndRebuiltInTheSameRun(TestDatabase db) throws Exception {
        CompletableFuture<MigrateResult> migrate = CompletableFuture.supplyAsync(
                () -> FlywayRun.of(db, "cic-recovery", "h_cancel").migrate());
        try (Connection observer = db.connect()) {
            signal(observer, "pg_cancel_backend", awaitBuildingBackend(observer));
        }
        MigrateResult result = migrate.get(120, TimeUnit.SECONDS);
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertExactlyOneValidIndex(db);
    }

    @Test
    void aBuildKilledHalfWayIsFinishedByTheNextMigrate(TestDatabase db) throws Exception {
        CompletableFuture<MigrateResult> first = CompletableFuture.supplyAsync(
                () -> FlywayRun.of(db, "cic-recovery", "h_kill").migrate());
        try (Connection observer = db.connect()) {
            signal(observer, "pg_terminate_backend", awaitBuildingBackend(observer));
        }
        assertThat(first).failsWithin(Duration.ofSeconds(60));
        // PostgreSQL leaves the interrupted build behind as an INVALID index, unless the watching connection
        // managed to drop it before the run ended; either way the next run must end with one valid index.
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indrelid = 'public.big'::regclass AND NOT indisvalid"))
                .isLessThanOrEqualTo(1);

        MigrateResult second = FlywayRun.of(db, "cic-recovery", "h_kill").migrate();

        assertThat(second.migrationsExecuted).isEqualTo(1);
        assertExactlyOneValidIndex(db);
    }

    @Test
    void aBuildWaitingOnAnIdleTransactionGivesUpNamingIt(TestDatabase db) throws Exception {
        try (Blocker idle = Blocker.openTransaction(db, "SELECT 1")) {
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlywayRun.of(db, "cic-recovery", "h_wait")
                            .set("flyway.zdm.indexWaitTimeout", "2s").set("flyway.zdm.indexBuildRetries", "0").migrate())
                    .hasMessageContaining("Migration V1__index_payload.sql, line 2")
                    .hasMessageContaining(String.valueOf(idle.pid()));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indrelid = 'public.big'::regclass AND NOT indisvalid")).isZero();
    }
}
