package dev.zdm.flyway.internal.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ZdmCommands.rollback()} on real expand migrations: a nullable column, a concurrent index (its rollback in an
 * undo file), a NOT VALID check; a contract migration before them stops the list.
 */
@PostgresTest
class ZdmCommandsRollbackTest {

    private static RollbackFixture expandStory(TestDatabase db, Path dir, String schema) throws Exception {
        return new RollbackFixture(db, dir, schema)
                .write("V1__users.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, legacy text);\n")
                .write("V2__drop_legacy.sql", "-- zdm:phase=contract\nALTER TABLE users DROP COLUMN legacy;\n")
                .write("V3__nickname.sql", "-- zdm:phase=expand\nALTER TABLE users ADD COLUMN nickname text;\n\n-- zdm:rollback\n"
                        + "-- ALTER TABLE users DROP COLUMN IF EXISTS nickname;\n")
                .write("V4__nickname_index.sql", "-- zdm:phase=expand\nCREATE INDEX CONCURRENTLY users_nickname ON users (nickname);\n")
                .write("U4__nickname_index.sql", "DROP INDEX CONCURRENTLY IF EXISTS users_nickname;\n")
                .write("V5__nickname_check.sql", "-- zdm:phase=expand\nALTER TABLE users ADD CONSTRAINT users_nickname_short"
                        + " CHECK (length(nickname) <= 40) NOT VALID;\n\n-- zdm:rollback\n-- ALTER TABLE users DROP CONSTRAINT IF EXISTS users_nickname_short;\n");
    }

    @Test
    void undoesTheExpandNewestFirstRestoringCatalogAndHistoryAndMigrateAppliesItAgain(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = expandStory(db, dir, "story");
        m.migrate("2");
        String before = m.catalog();
        m.migrate();
        assertThat(m.history()).isEqualTo("1,2,3,4,5");
        String expanded = m.catalog();
        assertThat(expanded).isNotEqualTo(before).contains("users_nickname").contains("users_nickname_short");

        RollbackReport report = ZdmCommands.of(m.flyway()).rollback();

        assertThat(report.versions()).containsExactly("5", "4", "3");
        assertThat(report.kept()).contains("V2__drop_legacy.sql, a contract migration");
        assertThat(report.undone().get(1).source()).isEqualTo("U4__nickname_index.sql");
        assertThat(report.undone().get(0).source()).isEqualTo("V5__nickname_check.sql (-- zdm:rollback at line 4)");
        assertThat(report.toText()).contains("3 migrations undone, newest first; kept from V2__drop_legacy.sql, a contract migration")
                .contains("    line 1: DROP INDEX CONCURRENTLY IF EXISTS users_nickname");
        assertThat(m.catalog()).isEqualTo(before);
        assertThat(m.history()).isEqualTo("1,2");
        assertThat(db.queryString("SELECT string_agg(migration || ':' || phase || ':' || state, ',' ORDER BY migration) FROM story.zdm_phase_state"))
                .isEqualTo("V3__nickname.sql:expand:rolled_back,V4__nickname_index.sql:expand:rolled_back,V5__nickname_check.sql:expand:rolled_back");

        assertThat(m.migrate().migrationsExecuted).isEqualTo(3);
        assertThat(m.catalog()).isEqualTo(expanded);
        assertThat(m.history()).isEqualTo("1,2,3,4,5");
        // and undone once more: the cycle can repeat
        assertThat(ZdmCommands.of(m.flyway()).rollback().versions()).containsExactly("5", "4", "3");
        assertThat(m.catalog()).isEqualTo(before);
        assertThat(ZdmCommands.of(m.flyway()).rollback().toText()).contains("nothing to undo; kept from V2__drop_legacy.sql, a contract migration");
    }

    @Test
    void rollbackToUndoesOnlyTheVersionsAboveIt(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = expandStory(db, dir, "partial");
        m.migrate();
        RollbackReport report = ZdmCommands.of(m.flyway()).rollback(RollbackOptions.defaults().withRollbackTo("4"));
        assertThat(report.versions()).containsExactly("5");
        assertThat(report.kept()).contains("V4__nickname_index.sql (rollbackTo 4)");
        assertThat(m.history()).isEqualTo("1,2,3,4");
    }

    @Test
    void refusesBeforeTouchingAnythingListingEachMigrationWithoutARollback(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir, "missing")
                .write("V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n")
                .write("V2__email.sql", "ALTER TABLE users ADD COLUMN email text;\n")
                .write("V3__phone.sql", "ALTER TABLE users ADD COLUMN phone text;\n\n-- zdm:rollback\n-- ALTER TABLE users DROP COLUMN phone;\n")
                .write("V4__colours.sql", "CREATE TABLE colours (name text);\n-- zdm:rollback\nDROP TABLE colours;\n");
        m.set("flyway.zdm.enabled", "false").migrate(); // plain Flyway runs the misplaced DROP: what the directive check prevents
        String catalog = m.catalog();
        assertThatThrownBy(() -> ZdmCommands.of(m.flyway()).rollback()).isInstanceOfSatisfying(ZdmMigrationException.class, e -> {
            assertThat(e.code()).isEqualTo(ZdmErrorCode.ROLLBACK_FAILED);
            assertThat(e.getMessage()).startsWith("flyway-zdm zdm:rollback refused: nothing was undone. It would undo, newest first,"
                            + " V4__colours.sql, V3__phone.sql, V2__email.sql, V1__users.sql.")
                    .contains("2 of them have no rollback written:\n  V2__email.sql: add a rollback section at its end")
                    .contains("or write U2__email.sql beside it")
                    .contains("  V1__users.sql: add a rollback section").contains("or write U1__users.sql beside it")
                    .contains("Malformed rollbacks:\n  V4__colours.sql:3: DROP TABLE colours;: this line comes after -- zdm:rollback (line 2)")
                    .doesNotContain("V3__phone.sql:");
        });
        assertThat(m.catalog()).isEqualTo(catalog);
        assertThat(m.history()).isEqualTo("1,2,3,4");
    }

    @Test
    void aRepeatableMigrationAppliedAfterOneToUndoIsRefusedByName(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir, "repeatable")
                .write("V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n-- zdm:rollback\n-- DROP TABLE users;\n")
                .write("R__users_view.sql", "CREATE OR REPLACE VIEW users_view AS SELECT id FROM users;\n");
        m.migrate();
        assertThatThrownBy(() -> ZdmCommands.of(m.flyway()).rollback()).isInstanceOf(ZdmMigrationException.class)
                .hasMessageContaining("The repeatable migration(s) R__users_view.sql ran after V1__users.sql");
        assertThat(m.history()).isEqualTo("1");
    }

    @Test
    void aConcurrentWriterSeesNoErrorWhileTheExpandIsUndone(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = expandStory(db, dir, "busy");
        m.migrate();
        db.execute("INSERT INTO busy.users (name) SELECT 'u' || g FROM generate_series(1, 20000) g");
        LatencyStats stats;
        RollbackReport report;
        try (SteadyWriter writer = SteadyWriter.start(db, "INSERT INTO busy.users (name) VALUES ('w')", 200)) {
            Thread.sleep(300);
            report = ZdmCommands.of(m.flyway()).rollback();
            Thread.sleep(300);
            stats = writer.stop();
        }
        assertThat(report.versions()).containsExactly("5", "4", "3");
        assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
        assertThat(stats.count()).isGreaterThan(50);
        System.out.printf("rollback under a writer: %d inserts, p99 %s, max %s, longest lock wait %s%n", stats.count(), stats.p99(),
                stats.max(), stats.longestLockWait());
        // the writer waited for a lock at most about one lock_timeout (200ms) of the runner's attempts
        assertThat(stats.longestLockWait()).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void aLongReaderMakesTheRollbackRetryWithoutQueueingTheWriterBehindIt(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir, "blocked")
                .write("V1__users.sql", "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);\n")
                .write("V2__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n-- zdm:rollback\n-- ALTER TABLE users DROP COLUMN nickname;\n");
        m.migrate();
        LatencyStats stats;
        RollbackReport report;
        try (SteadyWriter writer = SteadyWriter.start(db, "INSERT INTO blocked.users (name) VALUES ('w')", 200)) {
            CompletableFuture<RollbackReport> rollback;
            try (Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM blocked.users")) {
                rollback = CompletableFuture.supplyAsync(() -> ZdmCommands.of(m.flyway()).rollback(RollbackOptions.defaults().withRollbackTo("1")));
                Thread.sleep(2000);
                assertThat(rollback).as("DROP COLUMN waits for the reader's ACCESS SHARE, retrying").isNotDone();
                assertThat(m.history()).isEqualTo("1,2");
            }
            report = rollback.get(60, TimeUnit.SECONDS);
            stats = writer.stop();
        }
        assertThat(report.versions()).containsExactly("2");
        assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
        // each attempt queues the writer for at most its lock_timeout (200ms) before giving way
        assertThat(stats.longestLockWait()).isLessThan(Duration.ofMillis(700));
        System.out.printf("rollback behind a 2s reader: writer's longest lock wait %s, %d inserts%n", stats.longestLockWait(), stats.count());
    }

    @Test
    void aMigrationRecordedAsADoneContractStopsTheListLikeADeclaredOne(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir, "recorded")
                .write("V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY, legacy text);\n-- zdm:rollback\n-- DROP TABLE users;\n")
                .write("V2__drop_legacy.sql", "ALTER TABLE users DROP COLUMN legacy;\n-- zdm:rollback\n")
                .write("V3__email.sql", "ALTER TABLE users ADD COLUMN email text;\n-- zdm:rollback\n-- ALTER TABLE users DROP COLUMN email;\n");
        m.migrate();
        try (Connection c = db.connect()) {
            PhaseStates.in(c, "recorded").record("V2__drop_legacy.sql", "2", "contract", PhaseStatus.DONE, Map.of(), Map.of());
        }
        RollbackReport report = ZdmCommands.of(m.flyway()).rollback();
        assertThat(report.versions()).containsExactly("3");
        assertThat(report.kept()).contains("V2__drop_legacy.sql, a contract migration");
        assertThat(m.history()).isEqualTo("1,2");
    }
}
