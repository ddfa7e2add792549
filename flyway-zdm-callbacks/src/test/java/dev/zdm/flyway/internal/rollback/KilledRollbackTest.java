package dev.zdm.flyway.internal.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the JVM running {@code zdm:rollback} in the middle of a migration's rollback, after its
 * {@code DROP INDEX CONCURRENTLY} committed and while the transaction of its other statements runs: the server rolls
 * that transaction back, the history still lists the migration, and the next {@code zdm:rollback} continues after the
 * index drop (recorded in {@code zdm_phase_state}) and finishes: every statement ran exactly once.
 */
@PostgresTest
class KilledRollbackTest {

    @Test
    void theNextRollbackFinishesWhatAKilledOneStarted(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir.resolve("sql"), "killed")
                .write("V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE undo_log (step text);\n")
                .write("V2__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\nCREATE INDEX CONCURRENTLY users_nickname ON users (nickname);\n\n"
                        + "-- zdm:rollback\n-- DROP INDEX CONCURRENTLY users_nickname;\n-- INSERT INTO undo_log SELECT 'v2' FROM pg_sleep(3);\n"
                        + "-- ALTER TABLE users DROP COLUMN nickname;\n")
                .write("V3__email.sql", "ALTER TABLE users ADD COLUMN email text;\n-- zdm:rollback\n-- INSERT INTO undo_log VALUES ('v3');\n"
                        + "-- ALTER TABLE users DROP COLUMN email;\n")
                .set("flyway.mixed", "true");
        m.migrate("1");
        String before = m.catalog();
        m.migrate();

        java.util.Map<String, String> config = new java.util.HashMap<>(m.config());
        config.put("zdm.rollbackTo", "1");
        RollbackInChildJvm child = RollbackInChildJvm.start(config, "zdm-killed-rollback", dir.resolve("child.log"));
        awaitActive(db, "zdm-killed-rollback", "INSERT INTO undo_log SELECT %pg_sleep%", child, dir.resolve("child.log"));
        child.kill();
        awaitGone(db, "zdm-killed-rollback");

        assertThat(m.history()).isEqualTo("1,2");
        assertThat(db.queryString("SELECT string_agg(step, ',') FROM killed.undo_log")).isEqualTo("v3");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'users_nickname'")).isZero();
        assertThat(db.queryString("SELECT detail->'rollback'->>'done' FROM killed.zdm_phase_state WHERE migration = 'V2__nickname.sql'"))
                .contains("\"");

        RollbackReport report = ZdmCommands.of(m.flyway()).rollback(RollbackOptions.defaults().withRollbackTo("1"));
        assertThat(report.versions()).containsExactly("2");
        assertThat(report.undone().get(0).ran()).isEqualTo(2);
        assertThat(db.queryString("SELECT string_agg(step, ',' ORDER BY step) FROM killed.undo_log")).isEqualTo("v2,v3");
        assertThat(m.history()).isEqualTo("1");
        assertThat(m.catalog()).isEqualTo(before);
    }

    private static void awaitActive(TestDatabase db, String applicationName, String queryLike, RollbackInChildJvm child, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName
                    + "' AND state = 'active' AND query LIKE '" + queryLike + "'") > 0) {
                return;
            }
            if (!child.alive()) {
                throw new AssertionError("the child JVM ended before it could be killed:\n" + Files.readString(log));
            }
            Thread.sleep(5);
        }
        child.kill();
        throw new AssertionError("the child never ran " + queryLike + ":\n" + Files.readString(log));
    }

    private static void awaitGone(TestDatabase db, String applicationName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sessions of " + applicationName + " did not end");
            }
            Thread.sleep(20);
        }
    }
}
