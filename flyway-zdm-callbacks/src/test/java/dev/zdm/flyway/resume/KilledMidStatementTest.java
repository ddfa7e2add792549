package dev.zdm.flyway.resume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the JVM while a statement of a non-transactional migration runs: the server backend finishes the
 * statement after its client died. Run in autocommit, the statement would commit with nothing recording it, and the
 * next migrate would apply it a second time; run in a transaction with its record, it is rolled back with it.
 */
@PostgresTest
class KilledMidStatementTest {

    @Test
    void aStatementWhoseClientWasKilledIsAppliedExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE k3 (id int)");
        Migrations m = new Migrations(db, dir.resolve("sql"), "h_k3").set("flyway.mixed", "true");
        java.nio.file.Files.createDirectories(dir.resolve("sql"));
        m.write("V1__slow.sql", "CREATE INDEX CONCURRENTLY k3_id ON k3 (id);\n"
                + "INSERT INTO k3 SELECT 1 FROM pg_sleep(2);\n"
                + "INSERT INTO k3 VALUES (2);\n");

        ChildMigration child = ChildMigration.start(m.config(), "zdm-killed-k3", dir.resolve("child.log"));
        awaitSession(db, "zdm-killed-k3", "a.query LIKE 'INSERT INTO k3 SELECT 1%'", child);
        child.kill();
        awaitGone(db, "zdm-killed-k3");

        m.migrate();

        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM k3")).isEqualTo("1,2");
        ExactlyOnceResumeTest.assertClean(db, m);
    }

    static void awaitSession(TestDatabase db, String applicationName, String condition, ChildMigration child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String sql = "SELECT count(*) FROM pg_stat_activity a WHERE a.application_name = '" + applicationName
                + "' AND a.state = 'active' AND " + condition;
        while (System.nanoTime() < deadline) {
            if (db.queryLong(sql) > 0) {
                return;
            }
            if (!child.alive()) {
                throw new AssertionError("the child JVM ended before it could be killed:\n" + child.output());
            }
            Thread.sleep(2);
        }
        child.kill();
        throw new AssertionError("the child JVM never reached " + condition + ":\n" + child.output());
    }

    /** Waits until the server has ended the killed client's sessions (a busy one finishes its statement first). */
    static void awaitGone(TestDatabase db, String applicationName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sessions of " + applicationName + " did not end");
            }
            Thread.sleep(20);
        }
    }
}
