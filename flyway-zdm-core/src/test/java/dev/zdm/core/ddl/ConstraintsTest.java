package dev.zdm.core.ddl;

import static dev.zdm.core.ddl.DdlFixtures.ddl;
import static dev.zdm.core.ddl.DdlFixtures.fast;
import static dev.zdm.core.ddl.DdlFixtures.oid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.lock.Sessions;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.SteadyWriter;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each constraint path under a steady writer, with an observer on pg_locks proving that no lock that blocks
 * writers (SHARE or stronger) is held longer than a short DDL statement, and each path finishing correctly when
 * run again from the state a crash would leave.
 */
@PostgresTest
class ConstraintsTest {
    private static final String WRITE = "WITH u AS (UPDATE users SET score = score + 1 WHERE id = (SELECT (random() * 19999)::int + 1) "
            + "RETURNING id) INSERT INTO orders (user_id, amount) SELECT id, 1 FROM u";
    /** A short DDL with lock_timeout and retries stays far below this; a validation scan under a strong lock would not. */
    private static final Duration SHORT = Duration.ofMillis(500);

    @BeforeEach
    void schema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public",
                "CREATE TABLE users (id int PRIMARY KEY, email text, verified boolean, score int)",
                "INSERT INTO users SELECT g, 'u' || g || '@example.com', true, g FROM generate_series(1, 20000) g",
                "CREATE TABLE orders (id serial PRIMARY KEY, user_id int, amount int)",
                "INSERT INTO orders (user_id, amount) SELECT (g % 20000) + 1, g % 100 FROM generate_series(1, 20000) g",
                // sleeps on every 20th amount: VALIDATE of a CHECK using it scans for about two seconds
                "CREATE FUNCTION zdm_sometimes_slow(v int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS "
                        + "$$ BEGIN IF v % 20 = 0 THEN PERFORM pg_sleep(0.002); END IF; RETURN v >= 0; END $$",
                "ANALYZE");
    }

    /** Runs {@code work} on a connection of its own under the writer and the lock observer; returns the writer's stats. */
    private static Measured measured(TestDatabase db, Work work, String... tables) throws Exception {
        return measured(db, fast(), work, tables);
    }

    private static Measured measured(TestDatabase db, DdlOptions options, Work work, String... tables) throws Exception {
        try (Connection c = db.connect("zdm-migration")) {
            RecordingReporter log = new RecordingReporter();
            SafeDdl ddl = ddl(db, c, options, log);
            SteadyWriter writer = SteadyWriter.start(db, WRITE, 100);
            WriteBlockingLockObserver observer = WriteBlockingLockObserver.start(db, Sessions.backendPid(c), tables);
            Thread.sleep(200);
            long start = System.nanoTime();
            try {
                work.run(ddl);
            } finally {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                Thread.sleep(200);
                observer.close();
                LatencyStats stats = writer.stop();
                System.out.println("took " + took.toMillis() + " ms; writer: " + stats + "; longest write-blocking lock "
                        + observer.longestHold().toMillis() + " ms " + observer.modesSeen() + " over " + observer.samples() + " samples");
                return new Measured(stats, observer.longestHold(), observer.modesSeen(), took, log);
            }
        }
    }

    private interface Work {
        void run(SafeDdl ddl) throws Exception;
    }

    private record Measured(LatencyStats writer, Duration longestStrongLock, java.util.Set<String> modes, Duration took,
                            RecordingReporter log) {
        void assertShortLocksOnly() {
            assertThat(writer.errors()).as("writer errors %s", writer.errorSamples()).isZero();
            assertThat(longestStrongLock).as("longest write-blocking lock").isLessThan(SHORT);
            assertThat(writer.longestLockWait()).as("writer %s", writer).isLessThan(Duration.ofMillis(1000));
        }
    }

    private static String constraint(TestDatabase db, String name) throws Exception {
        return db.queryString("SELECT contype::text || ':' || convalidated::text FROM pg_constraint WHERE conname = '" + name + "'");
    }

    @Test
    void theObserverSeesALongStrongLock(TestDatabase db) throws Exception {
        try (Blocker holder = Blocker.holdLock(db, "orders", LockMode.SHARE)) {
            try (WriteBlockingLockObserver observer = WriteBlockingLockObserver.start(db, holder.pid(), "orders")) {
                Thread.sleep(800);
                assertThat(observer.longestHold()).isGreaterThan(Duration.ofMillis(600));
                assertThat(observer.modesSeen()).containsExactly("ShareLock");
            }
        }
    }

    @Test
    void addsAForeignKeyWithoutLongLocksAndDoesNothingOnAReRun(TestDatabase db) throws Exception {
        ForeignKeyDefinition fk = ForeignKeyDefinition.from("orders", "user_id").references("users", "id").onDelete("cascade");
        Measured m = measured(db, ddl -> ddl.addForeignKey(fk), "orders", "users");

        m.assertShortLocksOnly();
        assertThat(constraint(db, "orders_user_id_fkey")).isEqualTo("f:true");
        assertThat(db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'orders_user_id_fkey'"))
                .isEqualTo("FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE");

        RecordingReporter again = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), again).addForeignKey(fk);
        }
        assertThat(again.infos()).anySatisfy(s -> assertThat(s).contains("already exists and is validated; nothing to do"));
    }

    @Test
    void aForeignKeyOverBadRowsStaysNotValidUntilTheRowsAreFixedThenARunValidatesIt(TestDatabase db) throws Exception {
        db.execute("INSERT INTO orders (user_id, amount) VALUES (999999, 1)");
        ForeignKeyDefinition fk = ForeignKeyDefinition.from("orders", "user_id").references("users", "id");
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            assertThatThrownBy(() -> ddl.addForeignKey(fk)).isInstanceOf(DdlException.class)
                    .hasMessageContaining("existing rows violate the constraint")
                    .hasMessageContaining("(user_id)=(999999)")
                    .hasMessageContaining("stays in place NOT VALID")
                    .satisfies(e -> assertThat(((DdlException) e).getSQLState()).isEqualTo("23503"));
        }
        assertThat(constraint(db, "orders_user_id_fkey")).isEqualTo("f:false");
        assertThatThrownBy(() -> db.execute("INSERT INTO orders (user_id, amount) VALUES (888888, 1)"))
                .as("new rows are checked already").hasMessageContaining("violates foreign key constraint");

        db.execute("DELETE FROM orders WHERE user_id = 999999");
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), log).addForeignKey(fk);
        }
        assertThat(constraint(db, "orders_user_id_fkey")).isEqualTo("f:true");
        assertThat(log.infos()).anySatisfy(s -> assertThat(s).contains("exists NOT VALID"));
    }

    @Test
    void aCheckConstraintIsValidatedWhileWritersGoOn(TestDatabase db) throws Exception {
        Measured m = measured(db, ddl -> ddl.addCheckConstraint(QualifiedName.of("orders"), "orders_amount_check",
                "zdm_sometimes_slow(amount)"), "orders");

        m.assertShortLocksOnly();
        assertThat(m.took()).as("the validation scan is long").isGreaterThan(Duration.ofMillis(1000));
        assertThat(constraint(db, "orders_amount_check")).isEqualTo("c:true");

        RecordingReporter again = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), again).addCheckConstraint(QualifiedName.of("orders"), "orders_amount_check", "zdm_sometimes_slow(amount)");
        }
        assertThat(again.infos()).anySatisfy(s -> assertThat(s).contains("nothing to do"));
    }

    @Test
    void addsAUniqueConstraintThroughAConcurrentIndex(TestDatabase db) throws Exception {
        Measured m = measured(db, ddl -> ddl.addUniqueConstraint(QualifiedName.of("users"), "users_email_key", List.of("email")), "users");

        m.assertShortLocksOnly();
        assertThat(constraint(db, "users_email_key")).isEqualTo("u:true");
        assertThat(m.log().all()).anySatisfy(s -> assertThat(s).contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"users_email_key\""));
        assertThat(m.log().all()).anySatisfy(s -> assertThat(s).contains("ADD CONSTRAINT \"users_email_key\" UNIQUE USING INDEX"));

        RecordingReporter again = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), again).addUniqueConstraint(QualifiedName.of("users"), "users_email_key", List.of("email"));
        }
        assertThat(again.infos()).anySatisfy(s -> assertThat(s).contains("already exists; nothing to do"));
    }

    @Test
    void aUniqueConstraintResumesFromABuiltIndexAndRefusesAnIndexOnOtherColumns(TestDatabase db) throws Exception {
        db.execute("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)",
                "CREATE UNIQUE INDEX CONCURRENTLY users_other_key ON users (id, email)");
        long index = oid(db, "users_email_key");
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            ddl.addUniqueConstraint(QualifiedName.of("users"), "users_email_key", List.of("email"));
            assertThatThrownBy(() -> ddl.addUniqueConstraint(QualifiedName.of("users"), "users_other_key", List.of("email")))
                    .isInstanceOf(DdlException.class).hasMessageContaining("already exists on columns [id, email]");
        }
        assertThat(constraint(db, "users_email_key")).isEqualTo("u:true");
        assertThat(oid(db, "users_email_key")).as("the built index is used, not rebuilt").isEqualTo(index);
    }

    @Test
    void addsAPrimaryKeyMakingItsColumnNotNullSafelyFirst(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE accounts (id int, name text)", "INSERT INTO accounts SELECT g, 'a' FROM generate_series(1, 5000) g");
        RecordingReporter log = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), log).addPrimaryKey(QualifiedName.of("accounts"), "accounts_pkey", List.of("id"));
        }
        assertThat(constraint(db, "accounts_pkey")).isEqualTo("p:true");
        assertThat(db.queryString("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'id'")).isEqualTo("t");
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'c'")).isZero();
        assertThat(log.all()).anySatisfy(s -> assertThat(s).contains(db.serverMajorVersion() >= 18 ? "NOT NULL \"id\" NOT VALID" : "CHECK (\"id\" IS NOT NULL) NOT VALID"));
    }

    @Test
    void setsNotNullWithoutLongLocksTakingThePathOfTheServerVersion(TestDatabase db) throws Exception {
        Measured m = measured(db, ddl -> ddl.setNotNull(QualifiedName.of("users"), "verified"), "users");

        m.assertShortLocksOnly();
        assertThat(db.queryString("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'verified'")).isEqualTo("t");
        if (db.serverMajorVersion() >= 18) {
            assertThat(m.log().all()).anySatisfy(s -> assertThat(s).contains("ADD CONSTRAINT \"users_verified_not_null\" NOT NULL \"verified\" NOT VALID"));
            assertThat(constraint(db, "users_verified_not_null")).isEqualTo("n:true");
        } else {
            assertThat(m.log().all()).anySatisfy(s -> assertThat(s).contains("CHECK (\"verified\" IS NOT NULL) NOT VALID"));
            assertThat(m.log().all()).anySatisfy(s -> assertThat(s).contains("ALTER COLUMN \"verified\" SET NOT NULL"));
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'users'::regclass")).as("helper check dropped").isZero();

        RecordingReporter again = new RecordingReporter();
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), again).setNotNull(QualifiedName.of("users"), "verified");
        }
        assertThat(again.infos()).anySatisfy(s -> assertThat(s).contains("already NOT NULL"));
    }

    @Test
    void setNotNullFinishesFromEveryHalfWayState(TestDatabase db) throws Exception {
        boolean native18 = db.serverMajorVersion() >= 18;
        if (native18) {
            db.execute("ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID");
        } else {
            // crashed after VALIDATE, before SET NOT NULL
            db.execute("ALTER TABLE users ADD CONSTRAINT " + SetNotNullViaValidatedCheck.checkName("users", "email")
                    + " CHECK (email IS NOT NULL)");
        }
        // crashed after SET NOT NULL, before dropping the helper CHECK (both versions: a leftover check must go)
        db.execute("ALTER TABLE users ALTER COLUMN score SET NOT NULL",
                "ALTER TABLE users ADD CONSTRAINT " + SetNotNullViaValidatedCheck.checkName("users", "score") + " CHECK (score IS NOT NULL)");
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            ddl.setNotNull(QualifiedName.of("users"), "email");
            if (!native18) {
                ddl.setNotNull(QualifiedName.of("users"), "score");
            }
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname IN ('email', 'score') "
                + "AND attnotnull")).isEqualTo(2);
        if (native18) {
            assertThat(constraint(db, "users_email_not_null")).isEqualTo("n:true");
        } else {
            assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'users'::regclass")).isZero();
        }
    }

    @Test
    void setNotNullOverNullsReportsThemAndNewRowsAreCheckedAlready(TestDatabase db) throws Exception {
        db.execute("UPDATE users SET verified = NULL WHERE id = 7");
        try (Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast(), new RecordingReporter());
            assertThatThrownBy(() -> ddl.setNotNull(QualifiedName.of("users"), "verified")).isInstanceOf(DdlException.class)
                    .hasMessageContaining("existing rows violate").hasMessageContaining("set the NULL values of verified")
                    .hasMessageContaining("WHERE \"verified\" IS NULL");
        }
        assertThatThrownBy(() -> db.execute("UPDATE users SET verified = NULL WHERE id = 8")).hasMessageContaining("violates");

        db.execute("UPDATE users SET verified = false WHERE id = 7");
        try (Connection c = db.connect()) {
            ddl(db, c, fast(), new RecordingReporter()).setNotNull(QualifiedName.of("users"), "verified");
        }
        assertThat(db.queryString("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'verified'")).isEqualTo("t");
    }

    @Test
    void aShortDdlBehindAReaderRetriesWithShortLockTimeoutsAndTheWriterBarelyNotices(TestDatabase db) throws Exception {
        Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM users");
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(1200);
                reader.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();
        DdlOptions options = fast().withLockTimeout(Duration.ofMillis(100)).withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1));
        Measured m = measured(db, options, ddl -> ddl.addCheckConstraint(QualifiedName.of("users"), "users_score_check", "score > -1"), "users");
        release.join();

        assertThat(constraint(db, "users_score_check")).isEqualTo("c:true");
        assertThat(m.log().warnings()).anySatisfy(s -> assertThat(s).contains("lock not granted within lock_timeout 100ms"));
        assertThat(m.writer().errors()).isZero();
        assertThat(m.writer().longestLockWait()).as("the writer waits at most about one lock_timeout: %s", m.writer()).isLessThan(Duration.ofMillis(700));
    }

    @Test
    void whenLockRetriesRunOutItNamesTheSessionInTheWayAndChangesNothing(TestDatabase db) throws Exception {
        try (Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM users"); Connection c = db.connect()) {
            SafeDdl ddl = ddl(db, c, fast().withLockRetries(2), new RecordingReporter());
            assertThatThrownBy(() -> ddl.addCheckConstraint(QualifiedName.of("users"), "users_score_check", "score > -1"))
                    .isInstanceOf(DdlException.class)
                    .hasMessageContaining("could not get its lock: 3 attempts with lock_timeout 200ms")
                    .hasMessageContaining("pid " + reader.pid())
                    .hasMessageContaining("Nothing was changed")
                    .satisfies(e -> assertThat(((DdlException) e).getSQLState()).isEqualTo("55P03"));
        }
        assertThat(constraint(db, "users_score_check")).isNull();
    }
}
