package dev.zdm.flyway.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small data statements of a non-transactional migration share a transaction with their records (a round trip per
 * group instead of one per statement); exactly once must hold when one of them fails for good, when one meets a lock
 * and the group is replayed, and when the migration ends with a group open.
 */
@PostgresTest
class StatementGroupTest {

    @Test
    void aStatementThatFailsRollsItsGroupBackAndTheNextRunAppliesEachOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE g1 (id int PRIMARY KEY, a int)", "CREATE TABLE g1_other (id int PRIMARY KEY)",
                "INSERT INTO g1_other VALUES (3)");
        Migrations m = new Migrations(db, dir, "h_g1").set("flyway.mixed", "true")
                .write("V1__group.sql", script("INSERT INTO g1_other VALUES (3);"));
        assertThatThrownBy(m::migrate).hasMessageContaining("duplicate key");
        assertThat(db.queryLong("SELECT count(*) FROM g1")).as("rows 1 and 2 went with the failed statement").isZero();

        m.write("V1__group.sql", script("INSERT INTO g1_other VALUES (30);"));
        m.migrate();

        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM g1")).isEqualTo("1,2,4,5");
        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM g1_other")).isEqualTo("3,30");
        ExactlyOnceResumeTest.assertClean(db, m);
    }

    @Test
    void aStatementBehindALockIsRetriedWithItsGroupReplayedOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE g2 (id int PRIMARY KEY)", "CREATE TABLE g2_locked (id int PRIMARY KEY, n int)",
                "INSERT INTO g2_locked VALUES (1, 0)");
        Migrations m = new Migrations(db, dir, "h_g2").set("flyway.mixed", "true").set("flyway.zdm.lockTimeout", "100ms")
                .write("V1__group.sql", "INSERT INTO g2 VALUES (1);\nINSERT INTO g2 VALUES (2);\n"
                        + "UPDATE g2_locked SET n = n + 1 WHERE id = 1;\nINSERT INTO g2 VALUES (3);\n"
                        + "CREATE INDEX CONCURRENTLY g2_n ON g2_locked (n);\n");
        try (Blocker holder = Blocker.openTransaction(db, "SELECT * FROM g2_locked WHERE id = 1 FOR UPDATE")) {
            CompletableFuture<?> migrate = CompletableFuture.runAsync(m::migrate);
            Thread.sleep(700);
            assertThat(migrate).isNotDone();
            holder.close();
            migrate.get(60, TimeUnit.SECONDS);
        }

        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM g2")).isEqualTo("1,2,3");
        assertThat(db.queryLong("SELECT n FROM g2_locked")).isEqualTo(1);
        ExactlyOnceResumeTest.assertClean(db, m);
    }

    @Test
    void aGroupOpenAtTheEndOfTheMigrationIsCommittedBeforeFlywayRecordsIt(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE g3 (id int)");
        Migrations m = new Migrations(db, dir, "h_g3").set("flyway.mixed", "true")
                .write("V1__index_then_rows.sql", "CREATE INDEX CONCURRENTLY g3_id ON g3 (id);\nINSERT INTO g3 VALUES (1);\nINSERT INTO g3 VALUES (2);\n")
                .write("V2__more.sql", "INSERT INTO g3 VALUES (3);\n");

        assertThat(m.migrate().migrationsExecuted).isEqualTo(2);

        try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM g3")) {
            rs.next();
            assertThat(rs.getLong(1)).as("seen from another session: committed").isEqualTo(3);
        }
        ExactlyOnceResumeTest.assertClean(db, m);
    }

    private static String script(String third) {
        return "CREATE INDEX CONCURRENTLY g1_a ON g1 (a);\n"
                + "INSERT INTO g1 VALUES (1, 1);\nINSERT INTO g1 VALUES (2, 2);\n" + third + "\nINSERT INTO g1 VALUES (4, 4);\n"
                + "INSERT INTO g1 VALUES (5, 5);\n";
    }
}
