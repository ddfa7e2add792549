package dev.zdm.flyway.locksafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import db.locksafe.javamig.V1__Add_column_in_java;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lock queue, end to end: a long reader holds a table, a migration wants an ACCESS EXCLUSIVE lock on it,
 * and a steady writer stands for the application. Everything is real: Flyway's API with the extension on
 * the classpath, a second and a third connection doing the blocking and the writing.
 */
@PostgresTest
class LockSafeMigrateTest {
    private static final String WRITE = "UPDATE public.accounts SET balance = balance + 1 WHERE id = (SELECT 1 + (random() * 999)::int)";

    @BeforeEach
    void tables(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS public.accounts, public.ledger, public.audit_trail, public.slow_marker CASCADE",
                "CREATE TABLE public.accounts (id int PRIMARY KEY, balance bigint NOT NULL DEFAULT 0)",
                "INSERT INTO public.accounts (id) SELECT generate_series(1, 1000)",
                "CREATE TABLE public.ledger (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)");
    }

    private static boolean columnExists(TestDatabase db, String table, String column) throws Exception {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '"
                + table + "' AND column_name = '" + column + "'") == 1;
    }

    private static long appliedRows(TestDatabase db, String historySchema) throws Exception {
        return db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + historySchema + "' AND tablename = 'flyway_schema_history'") == 0
                ? 0 : db.queryLong("SELECT count(*) FROM " + historySchema + ".flyway_schema_history WHERE version IS NOT NULL AND version <> '0'");
    }

    /** Releases the blocker after {@code millis} from another thread. */
    private static CompletableFuture<Void> releaseLater(Blocker blocker, long millis) {
        return CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(millis);
                blocker.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void withTheExtensionTheWriterNeverWaitsMuchLongerThanTheLockTimeoutAndTheMigrationLandsAfterTheReader(TestDatabase db)
            throws Exception {
        Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.accounts");
        SteadyWriter writer = SteadyWriter.start(db, WRITE, 50, 2);
        Thread.sleep(300);
        CompletableFuture<Void> released = releaseLater(reader, 3000);
        long start = System.nanoTime();

        MigrateResult result = FlywayRun.of(db, "add-column", "h_safe").migrate();

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        released.join();
        LatencyStats stats = writer.stop();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(columnExists(db, "accounts", "note")).isTrue();
        assertThat(took).isGreaterThan(Duration.ofMillis(2500));
        assertThat(stats.errors()).isZero();
        // lock_timeout is 200 ms by default: no write waits longer behind the migration (margin for sampling).
        assertThat(stats.longestLockWait()).as("writer with flyway-zdm: %s", stats).isLessThan(Duration.ofMillis(600));
        assertThat(stats.max()).as("writer latency with flyway-zdm: %s", stats).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void withoutTheExtensionTheSameMigrationStallsTheWriterUntilTheReaderEnds(TestDatabase db) throws Exception {
        Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.accounts");
        SteadyWriter writer = SteadyWriter.start(db, WRITE, 50, 2);
        Thread.sleep(300);
        CompletableFuture<Void> released = releaseLater(reader, 3000);

        MigrateResult result = FlywayRun.of(db, "add-column", "h_naive").set("flyway.zdm.enabled", "false").migrate();

        released.join();
        LatencyStats stats = writer.stop();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(stats.longestLockWait()).as("writer with plain Flyway: %s", stats).isGreaterThan(Duration.ofMillis(2000));
        assertThat(stats.max()).as("writer latency with plain Flyway: %s", stats).isGreaterThan(Duration.ofMillis(2000));
    }

    @Test
    void whenRetriesRunOutTheMessageNamesMigrationStatementAndBlockerAndNothingIsApplied(TestDatabase db) throws Exception {
        try (Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.accounts")) {
            assertThatThrownBy(() -> FlywayRun.of(db, "exhausted", "h_exhausted")
                    .set("flyway.zdm.lockTimeout", "100ms")
                    .set("flyway.zdm.lockRetries", "2")
                    .migrate())
                    .hasMessageContaining("Migration V1__add_flag.sql could not get its locks: gave up after 3 attempt(s)")
                    .hasMessageContaining("lock_timeout expired while waiting for a lock (SQLSTATE 55P03)")
                    .hasMessageContaining("Statement: line 4: ALTER TABLE public.accounts ADD COLUMN flag boolean")
                    .hasMessageContaining("pid " + reader.pid() + " (app \"" + reader.applicationName() + "\"")
                    .hasMessageContaining("idle in transaction")
                    .hasMessageContaining("Nothing was applied")
                    .hasMessageContaining("SELECT pg_terminate_backend(" + reader.pid() + ")")
                    .hasMessageContaining("flyway.zdm.lockRetries");
        }
        assertThat(columnExists(db, "accounts", "flag")).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'audit_trail'")).isZero();
        assertThat(appliedRows(db, "h_exhausted")).isZero();
    }

    @Test
    void aStatementOverTheStatementTimeoutIsCancelledWithTheDocumentedMessage(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> FlywayRun.of(db, "statement-timeout", "h_timeout")
                .set("flyway.zdm.statementTimeout", "500ms")
                .migrate())
                .hasMessageContaining("Migration V1__slow.sql: a statement ran longer than flyway.zdm.statementTimeout=500ms")
                .hasMessageContaining("SQLSTATE 57014")
                .hasMessageContaining("Statement: line 2: SELECT pg_sleep(3)")
                .hasMessageContaining("Nothing was applied")
                .hasMessageContaining("BatchedBackfillMigration");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'slow_marker'")).isZero();
        assertThat(appliedRows(db, "h_timeout")).isZero();
    }

    @Test
    void aDeadlockVictimIsRolledBackAndRetriedAndLandsOnceTheOtherSessionCommits(TestDatabase db) throws Exception {
        try (var other = db.connect("zdm-test-deadlock-peer"); var observer = db.connect()) {
            other.setAutoCommit(false);
            other.createStatement().execute("LOCK TABLE public.ledger IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<MigrateResult> migrate = CompletableFuture.supplyAsync(() -> FlywayRun.of(db, "deadlock", "h_deadlock")
                    .set("flyway.zdm.lockTimeout", "10s")
                    .migrate());
            // The migration holds accounts and waits for ledger; now close the cycle from the other side.
            dev.zdm.test.concurrency.PgLocks.await(observer, "public.ledger", l -> !l.granted(), Duration.ofSeconds(10))
                    .orElseThrow(() -> new AssertionError("the migration never waited for ledger"));
            var peer = CompletableFuture.runAsync(() -> {
                try {
                    other.createStatement().execute("LOCK TABLE public.accounts IN ACCESS EXCLUSIVE MODE");
                    Thread.sleep(500);
                    other.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            MigrateResult result = migrate.get(60, TimeUnit.SECONDS);
            peer.get(30, TimeUnit.SECONDS);
            assertThat(result.migrationsExecuted).isEqualTo(1);
        }
        assertThat(columnExists(db, "ledger", "checked")).isTrue();
    }

    @Test
    void aDeadlockWithNoRetriesLeftGivesTheDocumentedMessageAndACleanHistory(TestDatabase db) throws Exception {
        try (var other = db.connect("zdm-test-deadlock-peer"); var observer = db.connect()) {
            other.setAutoCommit(false);
            other.createStatement().execute("LOCK TABLE public.ledger IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<MigrateResult> migrate = CompletableFuture.supplyAsync(() -> FlywayRun.of(db, "deadlock", "h_deadlock2")
                    .set("flyway.zdm.lockTimeout", "10s")
                    .set("flyway.zdm.lockRetries", "0")
                    .migrate());
            dev.zdm.test.concurrency.PgLocks.await(observer, "public.ledger", l -> !l.granted(), Duration.ofSeconds(10))
                    .orElseThrow(() -> new AssertionError("the migration never waited for ledger"));
            var peer = CompletableFuture.runAsync(() -> {
                try {
                    other.createStatement().execute("LOCK TABLE public.accounts IN ACCESS EXCLUSIVE MODE");
                    other.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> migrate.get(60, TimeUnit.SECONDS))
                    .hasMessageContaining("Migration V1__lock_two_tables.sql could not get its locks: gave up after 1 attempt(s)")
                    .hasMessageContaining("deadlock detected")
                    .hasMessageContaining("SQLSTATE 40P01")
                    .hasMessageContaining("Nothing was applied");
            peer.get(30, TimeUnit.SECONDS);
        }
        assertThat(columnExists(db, "ledger", "checked")).isFalse();
        assertThat(appliedRows(db, "h_deadlock2")).isZero();
    }

    @Test
    void aTransactionalJavaMigrationIsRetriedAsAWholeWithNothingDoubled(TestDatabase db) throws Exception {
        V1__Add_column_in_java.ATTEMPTS.set(0);
        Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.accounts");
        CompletableFuture<Void> released = releaseLater(reader, 1500);

        MigrateResult result = FlywayRun.of(db, "javamig", "h_java").migrate();

        released.join();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(V1__Add_column_in_java.ATTEMPTS.get()).isGreaterThan(1);
        assertThat(columnExists(db, "accounts", "from_java")).isTrue();
        // the INSERT before the blocked ALTER ran on every attempt but was rolled back each time but the last
        assertThat(db.queryLong("SELECT count(*) FROM public.ledger")).isEqualTo(1);
    }
}
