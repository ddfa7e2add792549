package dev.zdm.flyway.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.PgLocks;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ZDV06's idle-in-transaction and long-transaction parts, with thresholds short enough for a test. */
@PostgresTest
class LockWaitCheckTest {

    @BeforeAll
    static void tables(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA app", "CREATE TABLE app.accounts (id int PRIMARY KEY)", "CREATE TABLE public.other (id int)");
    }

    private static CheckResult run(TestDatabase db, LockWaitCheck check) throws Exception {
        try (Connection c = db.connect()) {
            return VerifyCollector.run(check, new VerifyContext(c, List.of("app"), "app", List.of(), Duration.ofSeconds(30)));
        }
    }

    @Test
    void reportsAnIdleInTransactionSessionHoldingLocksOnAManagedTable(TestDatabase db) throws Exception {
        try (Blocker idle = Blocker.holdLock(db, "app.accounts", LockMode.ROW_EXCLUSIVE)) {
            Thread.sleep(700);
            CheckResult check = run(db, new LockWaitCheck(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofHours(1)));
            assertThat(check.passed()).isFalse();
            assertThat(check.evidence()).contains("1 idle in transaction over 500ms with locks in app");
            assertThat(check.problems()).singleElement().satisfies(p -> {
                assertThat(p.subject()).isEqualTo("pid " + idle.pid() + " (" + idle.applicationName() + ")");
                assertThat(p.detail()).startsWith("idle in transaction for ").contains("holding app.accounts (RowExclusiveLock)")
                        .contains("last query: LOCK TABLE");
                assertThat(p.fix()).contains("pg_terminate_backend(" + idle.pid() + ")");
            });
        }
    }

    @Test
    void ignoresAnIdleTransactionWithoutLocksOnTheManagedSchemasButReportsItWhenOld(TestDatabase db) throws Exception {
        try (Blocker elsewhere = Blocker.holdLock(db, "public.other", LockMode.ROW_EXCLUSIVE)) {
            Thread.sleep(700);
            assertThat(run(db, new LockWaitCheck(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofHours(1))).passed()).isTrue();
            CheckResult old = run(db, new LockWaitCheck(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500)));
            assertThat(old.passed()).isFalse();
            assertThat(old.problems()).singleElement().satisfies(p -> {
                assertThat(p.subject()).startsWith("pid " + elsewhere.pid());
                assertThat(p.detail()).startsWith("transaction open for ").contains("(idle in transaction)");
            });
        }
    }

    @Test
    void failsOnlyForAWaitLongerThanTheThreshold(TestDatabase db) throws Exception {
        try (Blocker holder = Blocker.holdLock(db, "app.accounts", LockMode.ACCESS_EXCLUSIVE);
             Blocker waiter = Blocker.runInBackground(db, "SELECT count(*) FROM app.accounts");
             Connection observer = db.connect()) {
            assertThat(PgLocks.await(observer, "app.accounts", l -> l.pid() == waiter.pid() && !l.granted(), Duration.ofSeconds(5))).isPresent();
            Thread.sleep(300);
            assertThat(run(db, new LockWaitCheck(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1))).passed()).isTrue();
            CheckResult check = run(db, new LockWaitCheck(Duration.ofMillis(200), Duration.ofHours(1), Duration.ofHours(1)));
            assertThat(check.passed()).isFalse();
            assertThat(check.problems()).singleElement().satisfies(p -> {
                assertThat(p.subject()).startsWith("pid " + waiter.pid());
                assertThat(p.detail()).contains("blocked by (pg_blocking_pids): pid " + holder.pid());
            });
        }
    }
}
