package dev.zdm.flyway.locksafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CONCURRENTLY statements under Flyway's default configuration. Plain Flyway hangs on them (its
 * advisory lock sits in an open transaction the index build waits for); with the extension they complete.
 */
@PostgresTest
class ConcurrentlyOutOfTheBoxTest {

    @BeforeEach
    void clean(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS public.events, public.readings, public.readings_2025 CASCADE");
    }

    @Test
    void createReindexDropIndexAndDetachPartitionConcurrentlyAllCompleteWithDefaultSettings(TestDatabase db) throws Exception {
        String target = db.serverMajorVersion() >= 14 ? "5" : "4"; // DETACH ... CONCURRENTLY is PostgreSQL 14+

        MigrateResult result = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> FlywayRun.of(db, "concurrently", "h_conc").set("flyway.target", target).migrate());

        assertThat(result.migrationsExecuted).isEqualTo(Integer.parseInt(target));
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'events_kind_idx'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname LIKE 'events_kind_idx%' AND NOT i.indisvalid")).isZero();
        if (target.equals("5")) {
            assertThat(db.queryLong("SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.readings'::regclass")).isEqualTo(1);
        }
        // REINDEX and DETACH were recognised as non-transactional: Flyway marks them so in its log and history.
        assertThat(db.queryString("SELECT string_agg(version || ':' || success, ',' ORDER BY installed_rank) "
                + "FROM h_conc.flyway_schema_history WHERE version IS NOT NULL AND version <> '0'"))
                .startsWith("1:true,2:true,3:true,4:true");
    }

    @Test
    void plainFlywayHangsOnTheSameMigration(TestDatabase db) throws Exception {
        CompletableFuture<MigrateResult> plain = CompletableFuture.supplyAsync(() -> FlywayRun.of(db, "concurrently", "h_plain")
                .set("flyway.zdm.enabled", "false").set("flyway.target", "2").migrate());
        try (Connection observer = db.connect()) {
            Thread.sleep(5000);
            assertThat(plain).isNotDone();
            // The index build waits on a virtual transaction id: Flyway's own lock transaction.
            assertThat(db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'")).isEqualTo(1);
        } finally {
            terminateOtherSessions(db);
        }
        assertThatThrownBy(() -> plain.get(30, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void keepingFlywaysTransactionalLockMakesConcurrentlyFailFastNamingTheSetting(TestDatabase db) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> FlywayRun.of(db, "keep-lock", "h_keep").set("flyway.zdm.keepTransactionalLock", "true").migrate()))
                .hasMessageContaining("V1__index_kind.sql, line 1: CREATE INDEX CONCURRENTLY events_kind_idx")
                .hasMessageContaining("would wait forever")
                .hasMessageContaining("flyway.postgresql.transactional.lock=false")
                .hasMessageContaining("flyway.zdm.keepTransactionalLock");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private static void terminateOtherSessions(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            ps.executeQuery().close();
        }
    }
}
