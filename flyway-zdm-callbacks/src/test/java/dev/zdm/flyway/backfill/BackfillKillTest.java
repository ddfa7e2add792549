package dev.zdm.flyway.backfill;

import static dev.zdm.flyway.backfill.FlywayBackfillTests.config;
import static dev.zdm.flyway.backfill.FlywayBackfillTests.flyway;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.ChildJvm;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a JVM running {@code flyway migrate} in the middle of a backfill, twice, then a plain migrate:
 * every row's counter must end at exactly 1 (no row skipped, none done twice).
 */
@PostgresTest
class BackfillKillTest {
    private static final String LOCATION = "classpath:dev/zdm/flyway/backfill/killed";
    private static final int ROWS = 20000;

    @Test
    void aKilledBackfillResumesWithNoRowSkippedAndNoneDoneTwice(TestDatabase db, @TempDir Path dir) throws Exception {
        FlywayBackfillTests.emptySchema(db);

        // 1: killed inside a batch transaction, while the trigger sleeps on row 4000 after the batch changed rows 3001..3999
        Process first = migrateInChildJvm(db, "backfill-child-1", dir.resolve("child-1.log"));
        awaitSession(db, "backfill-child-1", "wait_event = 'PgSleep'", first, dir.resolve("child-1.log"));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        awaitGone(db, "backfill-child-1");
        long committed = db.queryLong("SELECT rows_done FROM zdm_backfill_progress");
        assertThat(committed).isEqualTo(3000);
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n = 1"))
                .as("the batch in flight was rolled back with its checkpoint").isEqualTo(committed);
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '2'")).isZero();
        assertThat(dev.zdm.flyway.ZdmCommands.of(flyway(config(db, LOCATION))).status().toText())
                .as("status tells a killed run from a running one").contains("no session runs it now");

        // 2: killed again further on, wherever it happens to be
        Process second = migrateInChildJvm(db, "backfill-child-2", dir.resolve("child-2.log"));
        awaitSession(db, "backfill-child-2", "EXISTS (SELECT 1 FROM zdm_backfill_progress WHERE rows_done >= 9000)", second,
                dir.resolve("child-2.log"));
        second.destroyForcibly();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        awaitGone(db, "backfill-child-2");
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n = 1")).isEqualTo(db.queryLong("SELECT rows_done FROM zdm_backfill_progress"));

        // 3: a plain migrate finishes it
        db.execute("UPDATE control SET slow = false");
        assertThat(flyway(config(db, LOCATION)).migrate().migrationsExecuted).isEqualTo(1);

        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n = 0")).as("skipped rows").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE n > 1")).as("rows done twice").isZero();
        assertThat(db.queryLong("SELECT sum(n) FROM accounts")).isEqualTo(ROWS);
        assertThat(db.queryString("SELECT state || ' ' || rows_done FROM zdm_backfill_progress")).isEqualTo("done " + ROWS);
        assertThat(db.queryString("SELECT string_agg(success::text, ',') FROM flyway_schema_history WHERE version = '2'")).isEqualTo("true");
    }

    private static Process migrateInChildJvm(TestDatabase db, String applicationName, Path log) throws Exception {
        return ChildJvm.start(db, applicationName, log, MigrateInChildJvm.class, LOCATION);
    }

    /** Waits until the child's migration session matches {@code condition} (SQL over pg_stat_activity as {@code a}). */
    private static void awaitSession(TestDatabase db, String applicationName, String condition, Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String sql = "SELECT count(*) FROM pg_stat_activity a WHERE a.application_name = '" + applicationName
                + "' AND a.state = 'active' AND a.query LIKE 'UPDATE%' AND " + condition;
        while (System.nanoTime() < deadline) {
            if (db.queryLong(sql) > 0) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child JVM ended before it could be killed:\n" + Files.readString(log));
            }
            Thread.sleep(2);
        }
        child.destroyForcibly();
        throw new AssertionError("the child JVM never reached " + condition + ":\n" + Files.readString(log));
    }

    /** Waits until the server has ended the killed client's sessions (the busy one finishes its statement first). */
    private static void awaitGone(TestDatabase db, String applicationName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sessions of " + applicationName + " did not end");
            }
            Thread.sleep(20);
        }
    }

}
