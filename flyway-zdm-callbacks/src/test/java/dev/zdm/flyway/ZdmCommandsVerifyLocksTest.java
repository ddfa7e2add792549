package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.verify.VerifyReport;
import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.PgLocks;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ZDV06 on a real server: a second session holds ACCESS EXCLUSIVE on a migrated table and a third queues behind it;
 * {@code zdm:verify} names the waiting session, its query, its wait and its blocker. Without them the check passes.
 */
@PostgresTest
class ZdmCommandsVerifyLocksTest {
    private static Map<String, String> config;

    @BeforeAll
    static void migrate(TestDatabase db) {
        config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/verify/clean");
        config.put("flyway.schemas", "clean");
        config.put("flyway.postgresql.transactional.lock", "false");
        Flyway.configure().configuration(config).load().migrate();
    }

    private static CheckResult zdv06() {
        VerifyReport report = ZdmCommands.of(Flyway.configure().configuration(config).load()).verify();
        return report.checks().stream().filter(c -> c.id().equals("ZDV06")).findFirst().orElseThrow();
    }

    @Test
    void passesWhenNoSessionWaits() {
        CheckResult check = zdv06();
        assertThat(check.passed()).isTrue();
        assertThat(check.evidence()).isEqualTo("0 sessions waiting for a lock over 1s, 0 idle in transaction over 30s with locks in clean, "
                + "0 other transactions open over 5m");
    }

    @Test
    void namesTheSessionBlockedOnALockAndItsBlocker(TestDatabase db) throws Exception {
        try (Blocker holder = Blocker.holdLock(db, "clean.accounts", LockMode.ACCESS_EXCLUSIVE);
             Blocker waiter = Blocker.runInBackground(db, "SELECT count(*) FROM clean.accounts");
             Connection observer = db.connect()) {
            assertThat(PgLocks.await(observer, "clean.accounts", l -> l.pid() == waiter.pid() && !l.granted(), Duration.ofSeconds(5)))
                    .isPresent();
            Thread.sleep(1_300);

            CheckResult check = zdv06();

            assertThat(check.passed()).isFalse();
            assertThat(check.evidence()).startsWith("1 session waiting for a lock over 1s");
            assertThat(check.problems()).singleElement().satisfies(p -> {
                assertThat(p.subject()).isEqualTo("pid " + waiter.pid() + " (" + waiter.applicationName() + ")");
                assertThat(p.detail()).startsWith("waiting ").contains("for a relation lock (wait_event_type Lock) in: SELECT count(*) FROM clean.accounts")
                        .contains("blocked by (pg_blocking_pids): pid " + holder.pid() + " (app \"" + holder.applicationName() + "\"")
                        .contains("idle in transaction").contains("LOCK TABLE");
                assertThat(p.fix()).contains("pg_terminate_backend(" + holder.pid() + ")");
            });
        }
        assertThat(zdv06().passed()).as("once the holder rolled back").isTrue();
    }
}
