package dev.zdm.core.ddl;

import static dev.zdm.core.ddl.DdlFixtures.background;
import static dev.zdm.core.ddl.DdlFixtures.ddl;
import static dev.zdm.core.ddl.DdlFixtures.failure;
import static dev.zdm.core.ddl.DdlFixtures.fast;
import static dev.zdm.core.ddl.DdlFixtures.indexCounts;
import static dev.zdm.core.ddl.DdlFixtures.invalidIndexes;
import static dev.zdm.core.ddl.DdlFixtures.oid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.lock.Sessions;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PostgresTest
class CreateIndexConcurrentlyTest {

    @BeforeEach
    void schema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
        DdlFixtures.createSlowFunction(db);
        db.execute("CREATE TABLE users (id int PRIMARY KEY, email text, n int)",
                "INSERT INTO users SELECT g, 'u' || g || '@example.com', g FROM generate_series(1, 600) g");
    }

    /** An INVALID index as a failed build leaves it: a unique CIC over duplicates, then the duplicates removed. */
    private static void leaveInvalidIndex(TestDatabase db, String name) throws SQLException {
        db.execute("INSERT INTO users VALUES (100001, 'dup@example.com', 1), (100002, 'dup@example.com', 2)");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON users (email)"))
                .hasMessageContaining("could not create unique index");
        db.execute("DELETE FROM users WHERE id = 100002");
        assertThat(indexCounts(db, name)).containsExactly(0, 1);
    }

    @Test
    void buildsTheIndexAndDoesNothingOnAReRunWithIfNotExists(TestDatabase db) throws Exception {
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), log);
            ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email)");
            long first = oid(db, "users_email_idx");

            ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email)");

            assertThat(oid(db, "users_email_idx")).isEqualTo(first).isPositive();
            assertThat(indexCounts(db, "users_email_idx")).containsExactly(1, 0);
            assertThat(log.infos()).anySatisfy(m -> assertThat(m).contains("already exists, is valid and has the same definition; counts as done"));
        }
    }

    @Test
    void dropsAnInvalidLeftoverOfTheSameNameAndBuildsItAgain(TestDatabase db) throws Exception {
        leaveInvalidIndex(db, "users_email_key");
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), log).execute("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)");
        }
        assertThat(indexCounts(db, "users_email_key")).containsExactly(1, 0);
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains("INVALID index of that name"));
    }

    @Test
    void ifNotExistsWithAnInvalidLeftoverRebuildsItWherePostgresAloneKeepsTheBrokenIndex(TestDatabase db) throws Exception {
        leaveInvalidIndex(db, "users_email_key");
        String sql = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email)";
        db.execute(sql);
        assertThat(indexCounts(db, "users_email_key")).as("PostgreSQL skips the invalid index").containsExactly(0, 1);

        try (Connection c = db.connect()) {
            ddl(db, c, fast(), new RecordingReporter()).execute(sql);
        }
        assertThat(indexCounts(db, "users_email_key")).containsExactly(1, 0);
    }

    @Test
    void reportsDuplicatesClearlyDropsTheLeftoverAndDoesNotRetry(TestDatabase db) throws Exception {
        db.execute("INSERT INTO users VALUES (100001, 'dup@example.com', 1), (100002, 'dup@example.com', 2)");
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), log);
            assertThatThrownBy(() -> ddl.execute("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)"))
                    .isInstanceOf(DdlException.class)
                    .hasMessageContaining("duplicate values")
                    .hasMessageContaining("Key (email)=(dup@example.com) is duplicated")
                    .hasMessageContaining("was dropped")
                    .hasMessageContaining("GROUP BY <columns> HAVING count(*) > 1")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        }
        assertThat(invalidIndexes(db)).isZero();
        assertThat(log.warnings()).noneSatisfy(m -> assertThat(m).contains("Retrying"));
    }

    @Test
    void anUnnamedIndexThatFailsIsCleanedUpToo(TestDatabase db) throws Exception {
        db.execute("INSERT INTO users VALUES (100001, 'dup@example.com', 1), (100002, 'dup@example.com', 2)");
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            assertThatThrownBy(() -> ddl.execute("CREATE UNIQUE INDEX CONCURRENTLY ON users (email)")).hasMessageContaining("duplicate");
        }
        assertThat(invalidIndexes(db)).isZero();
    }

    @Test
    void aBuildCancelledHalfWayIsCleanedUpAndRetried(TestDatabase db) throws Exception {
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            int pid = Sessions.backendPid(c);
            SafeDdl ddl = ddl(db, c, fast(), log);
            CompletableFuture<Void> build = background(() -> {
                ddl.execute("CREATE INDEX CONCURRENTLY users_slow_idx ON users (zdm_slow(n))");
                return null;
            });
            DdlFixtures.awaitPhase(observer, pid, "building index", Duration.ofSeconds(20));
            assertThat(DdlFixtures.cancel(observer, pid)).isTrue();

            build.join();
        }
        assertThat(indexCounts(db, "users_slow_idx")).containsExactly(1, 0);
        assertThat(invalidIndexes(db)).isZero();
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains("build failed on attempt 1 of 3").contains("57014")
                .contains("was dropped").contains("Retrying"));
    }

    @Test
    void aBuildKilledHalfWayLeavesAnInvalidIndexThatTheNextRunDropsAndRebuilds(TestDatabase db) throws Exception {
        String sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_slow_idx ON users (zdm_slow(n))";
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            int pid = Sessions.backendPid(c);
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            CompletableFuture<Void> build = background(() -> {
                ddl.execute(sql);
                return null;
            });
            DdlFixtures.awaitPhase(observer, pid, "building index", Duration.ofSeconds(20));
            assertThat(DdlFixtures.terminate(observer, pid)).isTrue();

            assertThat(failure(build)).isInstanceOf(DdlException.class).hasMessageContaining("connection was lost")
                    .hasMessageContaining("next run drops it");
        }
        assertThat(indexCounts(db, "users_slow_idx")).as("the killed build leaves an invalid index").containsExactly(0, 1);

        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), log).execute(sql);
        }
        assertThat(indexCounts(db, "users_slow_idx")).containsExactly(1, 0);
        assertThat(invalidIndexes(db)).isZero();
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains("INVALID index of that name"));
    }

    @Test
    void reportsTheIdleTransactionItWaitsForAndGivesUpAfterTheWaitTimeoutThenTheNextRunSucceeds(TestDatabase db) throws Exception {
        String sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_n_idx ON users (n)";
        DdlOptions options = fast().withWaitTimeout(Duration.ofMillis(1500));
        RecordingReporter log = new RecordingReporter();
        long started;
        Throwable thrown;
        int blockerPid;
        try (Blocker forgotten = Blocker.openTransaction(db, "INSERT INTO users VALUES (100001, 'x@example.com', 1)");
             Connection c = db.connect()) {
            blockerPid = forgotten.pid();
            SafeDdl ddl = ddl(db, c, options, log);
            started = System.nanoTime();
            thrown = failure(background(() -> {
                ddl.execute(sql);
                return null;
            }));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(thrown).isInstanceOf(DdlException.class)
                .hasMessageContaining("gave up after waiting")
                .hasMessageContaining("pids " + blockerPid)
                .hasMessageContaining("pid " + blockerPid + " (app \"zdm-test-blocker")
                .hasMessageContaining("idle in transaction")
                .hasMessageContaining("INSERT INTO users")
                .hasMessageContaining("pg_terminate_backend")
                .hasMessageContaining("run again");
        assertThat(took).as("gives up after the wait timeout (plus a bounded cleanup wait)")
                .isBetween(Duration.ofMillis(1400), Duration.ofSeconds(10));
        assertThat(log.warnings()).anySatisfy(m -> assertThat(m).contains("waiting for other transactions")
                .contains("pid " + blockerPid).contains("idle in transaction"));

        try (Connection c = db.connect()) {
            ddl(db, c, options, new RecordingReporter()).execute(sql);
        }
        assertThat(indexCounts(db, "users_n_idx")).containsExactly(1, 0);
        assertThat(invalidIndexes(db)).isZero();
    }

    @Test
    void aSnapshotHeldOnAnotherTableIsNamedToo(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE elsewhere (id int)");
        DdlOptions options = fast().withWaitTimeout(Duration.ofMillis(1000));
        Throwable thrown;
        int blockerPid;
        // an open cursor keeps its snapshot (backend_xmin): the build waits for it in "waiting for old snapshots"
        try (Blocker report = Blocker.openTransaction(db, "DECLARE report CURSOR FOR SELECT * FROM elsewhere",
                "FETCH 1 FROM report"); Connection c = db.connect()) {
            blockerPid = report.pid();
            SafeDdl ddl = ddl(db, c, options, new RecordingReporter());
            thrown = failure(background(() -> {
                ddl.execute("CREATE INDEX CONCURRENTLY users_n_idx ON users (n)");
                return null;
            }));
        }
        assertThat(thrown).isInstanceOf(DdlException.class).hasMessageContaining("gave up")
                .hasMessageContaining("pid " + blockerPid).hasMessageContaining("FETCH 1 FROM report")
                .hasMessageContaining("was dropped");
        assertThat(indexCounts(db, "users_n_idx")).containsExactly(0, 0);
    }

    @Test
    void refusesToTouchAnIndexAnotherSessionIsBuildingRightNow(TestDatabase db) throws Exception {
        try (Connection other = db.connect(); Connection observer = db.connect(); Connection c = db.connect()) {
            int otherPid = Sessions.backendPid(other);
            CompletableFuture<Void> build = background(() -> {
                try (Statement s = other.createStatement()) {
                    s.execute("CREATE INDEX CONCURRENTLY users_slow_idx ON users (zdm_slow(n))");
                }
                return null;
            });
            DdlFixtures.awaitPhase(observer, otherPid, "building index", Duration.ofSeconds(20));
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            assertThatThrownBy(() -> ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_slow_idx ON users (zdm_slow(n))"))
                    .isInstanceOf(DdlException.class)
                    .hasMessageContaining("another session (pid " + otherPid + ") is building this index right now");
            build.join();
        }
        assertThat(indexCounts(db, "users_slow_idx")).containsExactly(1, 0);
    }

    @Test
    void reportsBuildProgressFromPgStatProgressCreateIndex(TestDatabase db) throws Exception {
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast().withProgressInterval(Duration.ofMillis(250)), log)
                    .execute("CREATE INDEX CONCURRENTLY users_slow_idx ON users (zdm_slow(n))");
        }
        assertThat(log.infos()).anySatisfy(m -> assertThat(m).contains("users_slow_idx").contains("building index")
                .containsPattern("(blocks \\d+/\\d+|tuples \\d+/\\d+)").contains("so far"));
    }

    @Test
    void restoresTheSessionSettingsItChanged(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '123ms'");
            s.execute("SET statement_timeout = '45s'");
            ddl(db, c, fast(), new RecordingReporter()).execute("CREATE INDEX CONCURRENTLY users_n_idx ON users (n)");
            try (var rs = s.executeQuery("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("123ms");
                assertThat(rs.getString(2)).isEqualTo("45s");
            }
        }
    }

    @Test
    void refusesToRunInsideATransaction(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            assertThatThrownBy(() -> ddl.execute("CREATE INDEX CONCURRENTLY users_n_idx ON users (n)"))
                    .isInstanceOf(DdlException.class).hasMessageContaining("cannot run inside a transaction")
                    .hasMessageContaining("autocommit");
            c.rollback();
        }
    }
}
