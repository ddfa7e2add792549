package dev.zdm.flyway.locksafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A migration that cannot run in a transaction (CREATE INDEX CONCURRENTLY or VACUUM followed by an ALTER,
 * with Flyway's {@code mixed=true}): each statement is atomic on its own, so the lock-safe runner retries the
 * blocked one alone, and whatever it set on the session is put back afterwards.
 */
@PostgresTest
class NonTransactionalMigrationTest {

    @BeforeEach
    void tables(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS public.accounts CASCADE",
                "CREATE TABLE public.accounts (id int PRIMARY KEY, balance bigint NOT NULL DEFAULT 0)",
                "INSERT INTO public.accounts (id) SELECT generate_series(1, 1000)");
    }

    private static Flyway flyway(TestDatabase db, RecordingPool pool, String location, String historySchema, String... extra) {
        var config = new java.util.HashMap<String, String>();
        config.put("flyway.locations", "classpath:db/locksafe/" + location);
        config.put("flyway.schemas", historySchema);
        config.put("flyway.mixed", "true");
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return Flyway.configure().dataSource(pool).configuration(config).load();
    }

    @Test
    void theBlockedStatementIsRetriedAloneAndTheWriterIsNotStalled(TestDatabase db) throws Exception {
        try (RecordingPool pool = new RecordingPool(db)) {
            Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.accounts WHERE id < 0");
            SteadyWriter writer = SteadyWriter.start(db, "UPDATE public.accounts SET balance = balance + 1 WHERE id = 7", 50, 2);
            CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(2500);
                    reader.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            var result = flyway(db, pool, "non-transactional", "h_nontx").migrate();

            released.join();
            LatencyStats stats = writer.stop();
            assertThat(result.migrationsExecuted).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'closed_at'"))
                    .isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'public.accounts_balance_idx'::regclass AND indisvalid"))
                    .isEqualTo(1);
            assertThat(stats.longestLockWait()).as("writer: %s", stats).isLessThan(Duration.ofMillis(600));
            assertSessionSettingsUntouched(pool);
        }
    }

    @Test
    void sessionSettingsArePutBackAfterAFailureToo(TestDatabase db) throws Exception {
        try (RecordingPool pool = new RecordingPool(db);
             Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.accounts")) {
            assertThatThrownBy(() -> flyway(db, pool, "non-transactional-vacuum", "h_nontx_fail", "flyway.zdm.lockTimeout", "50ms", "flyway.zdm.lockRetries", "1").migrate())
                    .hasMessageContaining("could not get its locks")
                    .hasMessageContaining("This statement was not applied; statements before it in this non-transactional migration are.");
            assertSessionSettingsUntouched(pool);
        }
    }

    /** Every pooled connection still has the server defaults: nothing leaked into the application's pool. */
    private static void assertSessionSettingsUntouched(RecordingPool pool) throws Exception {
        assertThat(pool.physicalConnections()).isNotEmpty();
        for (Connection c : pool.physicalConnections()) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
                rs.next();
                assertThat(rs.getString(1)).as("lock_timeout left on a pooled connection").isEqualTo("0");
                assertThat(rs.getString(2)).as("statement_timeout left on a pooled connection").isEqualTo("0");
            }
        }
    }
}
