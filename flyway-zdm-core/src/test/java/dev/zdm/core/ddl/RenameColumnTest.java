package dev.zdm.core.ddl;

import static dev.zdm.core.ddl.DdlFixtures.background;
import static dev.zdm.core.ddl.DdlFixtures.fast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's rename of {@code users.name} to {@code full_name} on the real server: under an "old" writer (name) and a
 * "new" writer (full_name) through expand, backfill and contract, with a sampler checking the two columns agree; the
 * undo restoring the catalog; a backfill killed half-way resumed; the refusal of a column a view uses.
 */
@PostgresTest
class RenameColumnTest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.core.ddl.test");
    static final int ROWS = Integer.getInteger("zdm.test.renameRows", 100_000);
    /** Statements a second of each writer (one connection each). */
    static final int RATE = Integer.getInteger("zdm.test.renameRate", 100);
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);
    private static final QualifiedName USERS = QualifiedName.of("users");

    static void createUsers(TestDatabase db, int rows) throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public",
                "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL, email text)",
                "INSERT INTO users (name, email) SELECT 'user ' || g, 'u' || g || '@example.com' FROM generate_series(1, " + rows + ") g",
                "CREATE INDEX users_name_idx ON users (name)",
                "ALTER TABLE users ADD CONSTRAINT users_email_name_key UNIQUE (email, name)",
                "VACUUM ANALYZE users");
    }

    private static DdlOptions options() {
        return fast().withLockTimeout(LOCK_TIMEOUT);
    }

    private static Operation rename(OperationRunner runner) throws SQLException {
        return runner.operations().renameColumn(USERS, "name", "full_name");
    }

    /** An application version writing (update and insert) and reading {@code column}. */
    private static String writer(String column, String prefix) {
        return dev.zdm.test.concurrency.RenameWriters.writingAndReading(column, prefix, ROWS);
    }

    @Test
    void renameUnderAnOldAndANewWriterKeepsBothColumnsEqual(TestDatabase db) throws Exception {
        createUsers(db, ROWS);
        RecordingReporter log = new RecordingReporter();
        long start = System.nanoTime();
        try (SteadyWriter old = SteadyWriter.start(db, writer("name", "old "), RATE);
             Connection connection = db.connect("zdm-rename")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), log));
            Operation op = rename(runner);
            CompletableFuture<Void> expand = background(() -> {
                runner.expand(op);
                return null;
            });
            // the new version starts once the column and its trigger are there
            while (db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname = 'users_name_zdm_sync'") == 0 && !expand.isDone()) {
                Thread.sleep(10);
            }
            // rows the backfill has not reached yet have full_name NULL; every other row must agree
            AgreementSampler sampler = AgreementSampler.start(db,
                    "SELECT count(*) FROM users WHERE full_name IS NOT NULL AND name IS DISTINCT FROM full_name", ROWS);
            LatencyStats oldStats;
            LatencyStats newStats;
            try (SteadyWriter fresh = SteadyWriter.start(db, writer("full_name", "new "), RATE)) {
                expand.join();
                long expandMillis = (System.nanoTime() - start) / 1_000_000;
                // both versions run side by side: every row agrees
                for (int i = 0; i < 10; i++) {
                    assertThat(db.queryLong("SELECT count(*) FROM users WHERE name IS DISTINCT FROM full_name")).isZero();
                    Thread.sleep(100);
                }
                sampler.stop();
                oldStats = old.stop(); // the old version is drained
                long contractStart = System.nanoTime();
                runner.contract(op);
                long contractMillis = (System.nanoTime() - contractStart) / 1_000_000;
                Thread.sleep(300);
                newStats = fresh.stop();
                LOG.info("rename of {} rows: expand {} ms, contract {} ms; old writer {}; new writer {}; {} samples", ROWS, expandMillis,
                        contractMillis, oldStats, newStats, sampler.samples());
            }
            assertThat(sampler.mismatches()).isEmpty();
            assertThat(sampler.samples()).isPositive();
            for (LatencyStats stats : List.of(oldStats, newStats)) {
                assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
                assertThat(stats.count()).isPositive();
                assertThat(stats.longestLockWait()).as("longest lock wait").isLessThan(LOCK_TIMEOUT.multipliedBy(2));
            }
            assertThat(runner.done(op)).containsOnly(true);
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'name' AND NOT attisdropped"))
                .isZero();
        assertThat(db.queryString("SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'full_name'"))
                .isEqualTo("true");
        assertThat(db.queryString("SELECT pg_get_indexdef('users_name_idx'::regclass)")).contains("(full_name)");
        assertThat(db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'users_email_name_key'"))
                .isEqualTo("UNIQUE (email, full_name)");
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'users'::regclass")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_proc WHERE proname LIKE '%zdm_sync%'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'c'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE full_name LIKE 'user %'")).isGreaterThan(ROWS / 2);
    }

    /** Columns, indexes, constraints, triggers, functions and comments of schema public, the backfill's bookkeeping aside. */
    static String catalog(TestDatabase db) throws SQLException {
        return db.queryString("SELECT coalesce(string_agg(x, E'\\n' ORDER BY x), '') FROM ("
                + "SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull='"
                + " || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' comment=' "
                + "|| coalesce(col_description(a.attrelid, a.attnum), '-') AS x FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname NOT LIKE 'zdm_%' AND a.attnum > 0 AND NOT a.attisdropped "
                + "UNION ALL SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid || ' comment=' "
                + "|| coalesce(obj_description(i.indexrelid, 'pg_class'), '-') FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'zdm_%' "
                + "UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) || ' validated=' || convalidated FROM pg_constraint "
                + "WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'zdm_%' "
                + "UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal "
                + "UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace) s");
    }

    @Test
    void undoOfAnUnfinishedRenameRestoresTheCatalog(TestDatabase db) throws Exception {
        createUsers(db, 2_000);
        db.execute("ALTER TABLE users ALTER COLUMN name SET DEFAULT 'anonymous'");
        String before = catalog(db);
        try (Connection connection = db.connect("zdm-rename")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            Operation op = rename(runner);
            runner.expand(op);
            assertThat(catalog(db)).isNotEqualTo(before).contains("column users.full_name text", "trigger users_name_zdm_sync",
                    "CREATE INDEX users_name_idx_zdm ON public.users USING btree (full_name)");
            runner.rollback(op);
            assertThat(catalog(db)).isEqualTo(before);
            runner.rollback(op);
            assertThat(catalog(db)).isEqualTo(before);
            // and the rename still works afterwards, every step at once
            runner.run(op);
        }
        assertThat(db.queryString("SELECT full_name FROM users WHERE id = 7")).isEqualTo("user 7");
        assertThat(db.queryString("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'users'::regclass "
                + "AND adnum = (SELECT attnum FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'full_name')"))
                .isEqualTo("'anonymous'::text");
    }

    @Test
    void aBackfillKilledHalfWayResumes(TestDatabase db) throws Exception {
        createUsers(db, ROWS);
        RecordingReporter log = new RecordingReporter();
        try (Connection victim = db.connect("zdm-rename-victim")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(victim, db::connect, options(), log));
            CompletableFuture<Void> expand = background(() -> {
                runner.expand(rename(runner));
                return null;
            });
            long done = 0;
            while (!expand.isDone()) {
                done = db.queryLong("SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'users'::regclass "
                        + "AND attname = 'full_name') THEN (SELECT count(*) FROM pg_stat_activity WHERE application_name = 'zdm-rename-victim' "
                        + "AND query LIKE 'UPDATE%') ELSE 0 END");
                if (done > 0 && db.queryLong("SELECT count(*) FROM zdm_backfill_progress WHERE batches > 2") > 0) {
                    db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'zdm-rename-victim'");
                    break;
                }
                Thread.sleep(5);
            }
            assertThat(DdlFixtures.failure(expand)).isNotNull();
        }
        long copied = db.queryLong("SELECT count(*) FROM users WHERE full_name IS NOT NULL");
        assertThat(copied).isPositive().isLessThan(ROWS);
        try (Connection connection = db.connect("zdm-rename")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), log));
            Operation op = rename(runner);
            runner.expand(op);
            assertThat(runner.done(op).subList(0, op.steps(Phase.EXPAND).size())).containsOnly(true);
            runner.contract(op);
            assertThat(runner.done(op)).containsOnly(true);
        }
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE full_name IS NULL")).isZero();
        assertThat(db.queryString("SELECT full_name FROM users WHERE id = " + ROWS)).isEqualTo("user " + ROWS);
    }

    @Test
    void aColumnAViewUsesIsRefusedWithTheListBeforeAnythingChanges(TestDatabase db) throws Exception {
        createUsers(db, 100);
        db.execute("CREATE VIEW user_names AS SELECT id, name FROM users", "CREATE POLICY users_own ON users USING (name = current_user)",
                "CREATE TABLE orders (id int PRIMARY KEY, user_name text, CONSTRAINT orders_name_check CHECK (user_name <> ''))",
                "ALTER TABLE users ADD CONSTRAINT users_name_check CHECK (length(name) > 0)");
        String before = catalog(db);
        try (Connection connection = db.connect("zdm-rename")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            assertThatThrownBy(() -> runner.expand(rename(runner))).isInstanceOf(DdlException.class)
                    .hasMessageContaining("view user_names").hasMessageContaining("policy users_own")
                    .hasMessageNotContaining("users_name_check").hasMessageNotContaining("orders_name_check").hasMessageContaining("What to do");
        }
        assertThat(catalog(db)).isEqualTo(before);
    }

    @Test
    void checksAndForeignKeysOfTheColumnAreCopiedAndTakeTheirNames(TestDatabase db) throws Exception {
        createUsers(db, 1_000);
        db.execute("CREATE TABLE names (name text PRIMARY KEY)", "INSERT INTO names SELECT name FROM users",
                "ALTER TABLE users ADD CONSTRAINT users_name_check CHECK (length(name) > 0 AND name <> 'name' AND name::name <> 'x')",
                "ALTER TABLE users ADD CONSTRAINT users_name_fkey FOREIGN KEY (name) REFERENCES names (name) ON DELETE CASCADE");
        try (Connection connection = db.connect("zdm-rename")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            Operation op = rename(runner);
            runner.expand(op);
            assertThat(db.queryString("SELECT pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint WHERE conname = 'users_name_check_zdm'"))
                    .isEqualTo("CHECK (((length(full_name) > 0) AND (full_name <> 'name'::text) AND ((full_name)::name <> 'x'::name))) true");
            assertThat(db.queryString("SELECT pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint WHERE conname = 'users_name_fkey_zdm'"))
                    .isEqualTo("FOREIGN KEY (full_name) REFERENCES names(name) ON DELETE CASCADE true");
            runner.contract(op);
            assertThat(runner.done(op)).containsOnly(true);
        }
        assertThat(db.queryString("SELECT string_agg(conname || ': ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint "
                + "WHERE conrelid = 'users'::regclass AND contype IN ('c', 'f')")).isEqualTo("users_name_check: CHECK (((length(full_name) > 0) "
                + "AND (full_name <> 'name'::text) AND ((full_name)::name <> 'x'::name))); users_name_fkey: FOREIGN KEY (full_name) "
                + "REFERENCES names(name) ON DELETE CASCADE");
        assertThat(db.queryLong("SELECT count(*) FROM pg_description WHERE description LIKE 'zdm:%'")).isZero();
    }
}
