package dev.zdm.flyway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.flyway.api.OperationMigrationException;
import dev.zdm.flyway.internal.operations.WaitingOperations;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.SteadyWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract steps of a waiting operation migration with other sessions in the way: application writers queue
 * behind a waiting {@code SET NOT NULL} for at most one lock timeout, and a contract whose session is killed half-way is
 * finished by the next call.
 */
@PostgresTest
class ContractUnderTrafficTest {
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(200);

    @BeforeEach
    void expandApplied(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() < 18, "SET NOT NULL has contract steps on PostgreSQL 12-17");
        OperationsFixture.emptySchema(db);
        OperationsFixture.flyway(db, "flyway.target", "1").migrate();
        assertThat(flyway(db).migrate().migrationsExecuted).isEqualTo(1);
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isFalse();
    }

    private static Flyway flyway(TestDatabase db) {
        return OperationsFixture.flyway(db, "flyway.zdm.lockTimeout", LOCK_TIMEOUT.toMillis() + "ms", "flyway.zdm.lockRetries", "100");
    }

    @Test
    void aWriterQueuesBehindTheWaitingSetNotNullForAtMostOneLockTimeout(TestDatabase db) throws Exception {
        Flyway flyway = flyway(db);
        LatencyStats stats;
        long contractMillis;
        // A long reader holds ACCESS SHARE on users for 2 s: SET NOT NULL waits for it, times out, backs off and retries,
        // and each time the writers queued behind it go on.
        try (SteadyWriter writer = SteadyWriter.start(db, "INSERT INTO users (email, email_verified) VALUES ('w@example.com', true)", 40, 2);
             Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM users");
             Connection c = db.connect()) {
            Thread.sleep(300);
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(2000);
                    reader.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            assertThat(WaitingOperations.contractWaiting(flyway.getConfiguration(), c)).hasSize(1);
            contractMillis = (System.nanoTime() - start) / 1_000_000;
            release.join();
            Thread.sleep(300);
            stats = writer.stop();
        }
        System.out.printf("contract under traffic: contract took %d ms (a reader held users for 2000 ms); writer: %d inserts, "
                + "%d errors, p50 %d ms, p99 %d ms, max %d ms, longest lock wait %d ms (lock timeout %d ms)%n", contractMillis,
                stats.count(), stats.errors(), stats.p50().toMillis(), stats.p99().toMillis(), stats.max().toMillis(),
                stats.longestLockWait().toMillis(), LOCK_TIMEOUT.toMillis());
        assertThat(contractMillis).as("the contract waited for the reader").isGreaterThanOrEqualTo(1500);
        assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
        assertThat(stats.count()).isGreaterThan(60);
        // blocked: the longest lock wait of a writer (sampled from pg_stat_activity) is one lock timeout, not the reader's 2 s
        assertThat(stats.longestLockWait()).as("writer's longest lock wait").isLessThan(LOCK_TIMEOUT.multipliedBy(2));
        // end to end, commit time of a loaded machine included, still far from the 2 s a plain SET NOT NULL would queue them
        assertThat(stats.max()).as("writer's longest statement").isLessThan(Duration.ofMillis(1000));
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isTrue();
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isNull();
    }

    @Test
    void aContractWhoseSessionIsKilledHalfWayIsFinishedByTheNextCall(TestDatabase db) throws Exception {
        Flyway flyway = flyway(db);
        try (Blocker orders = Blocker.holdLock(db, "orders", LockMode.ACCESS_SHARE); Connection c = db.connect("zdm-contract-under-test")) {
            int pid = pid(c);
            CompletableFuture<Object> contract = CompletableFuture.supplyAsync(() -> {
                try {
                    return WaitingOperations.contractWaiting(flyway.getConfiguration(), c);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // users' contract is done; orders' SET NOT NULL waits behind the lock: kill the contract's session there
            awaitWaitingForLock(db, pid);
            assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isTrue();
            db.execute("SELECT pg_terminate_backend(" + pid + ")");
            assertThatThrownBy(() -> contract.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasStackTraceContaining("Contract of migration " + OperationsMigrationTest.V2 + ": SET NOT NULL public.orders.user_id");
        }
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isTrue();
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isNull();
        assertThat(OperationsFixture.notNull(db, "orders", "user_id")).isFalse();
        assertThat(OperationsFixture.constraint(db, "orders_user_id_zdm_not_null")).isEqualTo("c:true");
        assertThat(OperationsFixture.indexExists(db, "orders_legacy_idx")).isTrue();
        try (Connection c = db.connect()) {
            PhaseStates phases = PhaseStates.in(c, "public");
            assertThat(phases.find(OperationsMigrationTest.V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.WAITING);
            assertThatThrownBy(() -> WaitingOperations.undo(flyway.getConfiguration(), c, OperationsMigrationTest.V2))
                    .hasMessageContaining("cannot be rolled back: zdm:contract started its contract steps")
                    .hasMessageContaining("Run zdm:contract again to finish it");

            assertThat(WaitingOperations.contractWaiting(flyway.getConfiguration(), c)).hasSize(1);
            assertThat(phases.find(OperationsMigrationTest.V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
        }
        assertThat(OperationsFixture.notNull(db, "orders", "user_id")).isTrue();
        assertThat(OperationsFixture.constraint(db, "orders_user_id_zdm_not_null")).isNull();
        assertThat(OperationsFixture.indexExists(db, "orders_legacy_idx")).isFalse();
    }

    @Test
    void aContractStepThatFailsLeavesTheContractWaitingAndTheNextCallFinishesIt(TestDatabase db) throws Exception {
        Flyway noRetry = OperationsFixture.flyway(db, "flyway.zdm.lockTimeout", "100ms", "flyway.zdm.lockRetries", "0");
        try (Connection c = db.connect()) {
            try (Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM orders")) {
                assertThatThrownBy(() -> WaitingOperations.contractWaiting(noRetry.getConfiguration(), c))
                        .isInstanceOfSatisfying(OperationMigrationException.class, e -> assertThat(e.code())
                                .isIn(ZdmErrorCode.DDL_FAILED, ZdmErrorCode.LOCK_CONTENTION_EXHAUSTED))
                        .hasMessageStartingWith("Contract of migration " + OperationsMigrationTest.V2 + ": SET NOT NULL public.orders.user_id")
                        .hasMessageContaining("Its contract stays waiting in \"public\".\"zdm_phase_state\"")
                        .hasMessageContaining("run zdm:contract again");
            }
            assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isTrue();
            assertThat(OperationsFixture.notNull(db, "orders", "user_id")).isFalse();
            PhaseStates phases = PhaseStates.in(c, "public");
            assertThat(phases.find(OperationsMigrationTest.V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.WAITING);

            assertThat(WaitingOperations.contractWaiting(noRetry.getConfiguration(), c)).hasSize(1);
            assertThat(phases.find(OperationsMigrationTest.V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
        }
        assertThat(OperationsFixture.notNull(db, "orders", "user_id")).isTrue();
        assertThat(OperationsFixture.indexExists(db, "orders_legacy_idx")).isFalse();
    }

    private static int pid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void awaitWaitingForLock(TestDatabase db, int pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE pid = ? AND NOT granted AND relation = 'orders'::regclass")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the contract never waited for its lock on orders");
    }
}
