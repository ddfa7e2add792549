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
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code integer} to {@code bigint} on a serial primary key referenced by foreign keys, on the real server (GitLab's
 * integer-to-bigint conversion, as one operation): under an "old" and a "new" writer through expand, backfill and
 * contract; a contract killed between its steps and in the middle of its swap, finished by a rerun; the undo of an
 * unfinished conversion restoring the catalog; an identity key keeping its sequence.
 */
@PostgresTest
class ChangePrimaryKeyTypeTest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.core.ddl.test");
    static final int ROWS = Integer.getInteger("zdm.test.bigintRows", 20_000);
    /** Statements a second of each writer (one connection each). */
    static final int RATE = Integer.getInteger("zdm.test.bigintRate", 25);
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);
    private static final QualifiedName USERS = QualifiedName.of("users");

    private static void createTables(TestDatabase db, int rows) throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public",
                "CREATE TABLE users (id serial PRIMARY KEY, name text)",
                "CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users (id))",
                "CREATE TABLE invoices (id int PRIMARY KEY, user_id int NOT NULL, "
                        + "CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE DEFERRABLE)",
                "COMMENT ON CONSTRAINT invoices_user_fk ON invoices IS 'billing follows the user'",
                "INSERT INTO users (name) SELECT 'user ' || g FROM generate_series(1, " + rows + ") g",
                "INSERT INTO orders (user_id) SELECT 1 + g % " + rows + " FROM generate_series(1, " + rows + ") g",
                "INSERT INTO invoices SELECT g, 1 + (g * 7) % " + rows + " FROM generate_series(1, " + rows / 10 + ") g",
                "CREATE INDEX orders_user_id_idx ON orders (user_id)", "CREATE INDEX users_id_name_idx ON users (id, name)",
                "VACUUM ANALYZE users, orders, invoices");
    }

    private static DdlOptions options() {
        return fast().withLockTimeout(LOCK_TIMEOUT);
    }

    private static Operation toBigint(OperationRunner runner) throws SQLException {
        return runner.operations().changeType(USERS, "id", "bigint", null, null);
    }

    private static String randomId(String type) {
        return "(SELECT 1 + floor(random() * " + ROWS + ")::" + type + ")";
    }

    /** The old version: int keys; inserts a user through the sequence and an order referencing it, updates a user and an order. */
    private static String oldWriter() {
        return "WITH nu AS (INSERT INTO users (name) VALUES ('inserted old ' || gen_random_uuid()) RETURNING id), "
                + "u AS (UPDATE users SET name = 'old ' || gen_random_uuid() WHERE id = " + randomId("int") + " RETURNING id), "
                + "uo AS (UPDATE orders SET user_id = " + randomId("int") + " WHERE id = " + randomId("int") + " RETURNING id) "
                + "INSERT INTO orders (user_id) SELECT id FROM nu, (SELECT count(*) FROM u) x, (SELECT count(*) FROM uo) y";
    }

    /** The new version: bigint keys; inserts a user and an order, updates a user, reads a user's orders. */
    private static String newWriter() {
        return "WITH nu AS (INSERT INTO users (name) VALUES ('inserted new ' || gen_random_uuid()) RETURNING id), "
                + "u AS (UPDATE users SET name = 'new ' || gen_random_uuid() WHERE id = " + randomId("bigint") + " RETURNING id), "
                + "r AS (SELECT count(*) AS n FROM users JOIN orders ON orders.user_id = users.id WHERE users.id = " + randomId("bigint") + ") "
                + "INSERT INTO orders (user_id) SELECT id FROM nu, (SELECT count(*) FROM u) x, r";
    }

    @Test
    void intToBigintOfAReferencedSerialKeyUnderAnOldAndANewWriter(TestDatabase db) throws Exception {
        createTables(db, ROWS);
        long before = db.queryLong("SELECT max(id) FROM users");
        LatencyStats oldStats;
        LatencyStats newStats;
        long expandMillis;
        long contractMillis;
        AgreementSampler sampler;
        try (SteadyWriter old = SteadyWriter.start(db, oldWriter(), RATE); SteadyWriter fresh = SteadyWriter.start(db, newWriter(), RATE);
             Connection connection = db.connect("zdm-bigint")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            Operation op = toBigint(runner);
            long start = System.nanoTime();
            CompletableFuture<Void> expand = background(() -> {
                runner.expand(op);
                return null;
            });
            while (db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname = 'users_id_zdm_sync'") == 0 && !expand.isDone()) {
                Thread.sleep(10);
            }
            // rows the backfill has not reached yet have the shadow NULL; every other row must agree
            sampler = AgreementSampler.start(db,
                    "SELECT count(*) FROM users WHERE id_zdm_new IS NOT NULL AND id IS DISTINCT FROM id_zdm_new", ROWS);
            expand.join();
            expandMillis = (System.nanoTime() - start) / 1_000_000;
            for (int i = 0; i < 5; i++) {
                assertThat(db.queryLong("SELECT count(*) FROM users WHERE id IS DISTINCT FROM id_zdm_new")).isZero();
                Thread.sleep(100);
            }
            // the expand left the copies: the key's unique index and both foreign keys, validated, on the shadow
            assertThat(db.queryString("SELECT indisvalid::text || indisunique::text FROM pg_index WHERE indexrelid = 'users_pkey_zdm'::regclass"))
                    .isEqualTo("truetrue");
            assertThat(db.queryString("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated, '; ' ORDER BY conname) "
                    + "FROM pg_constraint WHERE confrelid = 'users'::regclass AND conname LIKE '%zdm'")).isEqualTo(
                    "invoices_user_fk_zdm FOREIGN KEY (user_id) REFERENCES users(id_zdm_new) ON DELETE CASCADE DEFERRABLE true; "
                            + "orders_user_id_fkey_zdm FOREIGN KEY (user_id) REFERENCES users(id_zdm_new) true");
            sampler.stop();
            long contractStart = System.nanoTime();
            runner.contract(op);
            contractMillis = (System.nanoTime() - contractStart) / 1_000_000;
            Thread.sleep(500); // both versions keep writing on the bigint key
            oldStats = old.stop();
            newStats = fresh.stop();
            assertThat(runner.done(op)).containsOnly(true);
        }
        LOG.info("int -> bigint of users.id ({} rows, referenced by orders and invoices): expand {} ms, contract {} ms; old writer {} "
                        + "(max {} ms); new writer {} (max {} ms); {} samples", ROWS, expandMillis, contractMillis, oldStats, oldStats.max().toMillis(),
                newStats, newStats.max().toMillis(), sampler.samples());
        System.out.println("BIGINT-PK rows=" + ROWS + " expandMs=" + expandMillis + " contractMs=" + contractMillis + " oldMaxMs="
                + oldStats.max().toMillis() + " newMaxMs=" + newStats.max().toMillis() + " oldP99Ms=" + oldStats.percentile(99).toMillis()
                + " newP99Ms=" + newStats.percentile(99).toMillis() + " oldLockWaitMs=" + oldStats.longestLockWait().toMillis()
                + " newLockWaitMs=" + newStats.longestLockWait().toMillis() + " statements=" + (oldStats.count() + newStats.count())
                + " samples=" + sampler.samples());
        assertThat(sampler.mismatches()).isEmpty();
        assertThat(sampler.samples()).isPositive();
        for (LatencyStats stats : List.of(oldStats, newStats)) {
            assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
            assertThat(stats.count()).isPositive();
        }
        assertFinished(db);
        // the sequence went on where it was, with no collision, and now goes past 2^31
        assertThat(db.queryLong("SELECT count(*) - count(DISTINCT id) FROM users")).isZero();
        assertThat(db.queryLong("SELECT min(id) FROM users WHERE name LIKE 'inserted %'")).isGreaterThan(before);
        long last = db.queryLong("SELECT max(id) FROM users");
        assertThat(db.queryLong("INSERT INTO users (name) VALUES ('after') RETURNING id")).isGreaterThan(last);
        db.execute("SELECT setval('users_id_seq', 3000000000)");
        assertThat(db.queryLong("INSERT INTO users (name) VALUES ('big') RETURNING id")).isEqualTo(3_000_000_001L);
        // the foreign keys enforce: a missing user is refused, a delete cascades to invoices
        assertThatThrownBy(() -> db.execute("INSERT INTO orders (user_id) VALUES (-5)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("orders_user_id_fkey");
        assertThatThrownBy(() -> db.execute("INSERT INTO invoices VALUES (-1, -5)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("invoices_user_fk");
        long invoiceUser = db.queryLong("SELECT min(user_id) FROM invoices");
        db.execute("DELETE FROM orders WHERE user_id = " + invoiceUser, "DELETE FROM users WHERE id = " + invoiceUser);
        assertThat(db.queryLong("SELECT count(*) FROM invoices WHERE user_id = " + invoiceUser)).isZero();
    }

    /** users.id bigint, the primary key, owning its bigint sequence; the foreign keys valid on it; nothing of the copy left. */
    private static void assertFinished(TestDatabase db) throws SQLException {
        assertThat(db.queryString("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull, ', ' ORDER BY attnum) "
                + "FROM pg_attribute WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped")).isEqualTo("name text false, id bigint true");
        assertThat(db.queryString("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'users'::regclass "
                + "AND contype = 'p'")).isEqualTo("users_pkey PRIMARY KEY (id)");
        assertThat(db.queryString("SELECT pg_get_serial_sequence('users', 'id')")).isEqualTo("public.users_id_seq");
        assertThat(db.queryString("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'users'::regclass"))
                .isEqualTo("nextval('users_id_seq'::regclass)");
        assertThat(db.queryString("SELECT format_type(seqtypid, NULL) || ' ' || seqmax FROM pg_sequence WHERE seqrelid = 'users_id_seq'::regclass"))
                .isEqualTo("bigint 9223372036854775807");
        assertThat(db.queryString("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated || ' '"
                + " || coalesce(obj_description(oid, 'pg_constraint'), '-'), '; ' ORDER BY conname) FROM pg_constraint WHERE confrelid = 'users'::regclass"))
                .isEqualTo("invoices_user_fk FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE DEFERRABLE true billing follows the user; "
                        + "orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) true -");
        assertThat(db.queryString("SELECT pg_get_indexdef('users_id_name_idx'::regclass)")).contains("(id, name)");
        assertThat(db.queryString("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'user_id'")).as("the referencing column keeps its type").isEqualTo("integer");
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname LIKE '%zdm%' AND NOT attisdropped"))
                .isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname LIKE '%zdm%' "
                + "AND conrelid IN ('users'::regclass, 'orders'::regclass, 'invoices'::regclass)")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_zdm%' AND relnamespace = 'public'::regnamespace")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_description WHERE description LIKE 'zdm:%'")).isZero();
    }

    /**
     * The catalog of the three tables as pg_catalog has it: columns (type, NOT NULL, default, identity, comment),
     * constraints (definition, validated, comment), indexes (definition, validity, comment), triggers, the functions of
     * schema public, and the sequences with their type, bounds and owning column.
     */
    static String catalog(TestDatabase db) throws SQLException {
        String tables = "('users'::regclass, 'orders'::regclass, 'invoices'::regclass)";
        return db.queryString("SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
                + "SELECT 'column ' || a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull='"
                + " || a.attnotnull || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' identity=' || a.attidentity::text"
                + " || ' comment=' || coalesce(col_description(a.attrelid, a.attnum), '-') AS x FROM pg_attribute a "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid IN " + tables + " AND a.attnum > 0 AND NOT a.attisdropped "
                + "UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' validated='"
                + " || convalidated || ' comment=' || coalesce(obj_description(oid, 'pg_constraint'), '-') FROM pg_constraint "
                + "WHERE conrelid IN " + tables + " "
                + "UNION ALL SELECT 'index ' || pg_get_indexdef(indexrelid) || ' valid=' || indisvalid || ' primary=' || indisprimary || ' comment='"
                + " || coalesce(obj_description(indexrelid, 'pg_class'), '-') FROM pg_index WHERE indrelid IN " + tables + " "
                + "UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE tgrelid IN " + tables + " AND NOT tgisinternal "
                + "UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace "
                + "UNION ALL SELECT 'sequence ' || s.seqrelid::regclass || ' ' || format_type(s.seqtypid, NULL) || ' ' || s.seqmin || '..' || s.seqmax "
                + "|| ' owned by ' || coalesce((SELECT d.refobjid::regclass || '.' || a.attname FROM pg_depend d JOIN pg_attribute a "
                + "ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid "
                + "AND d.deptype IN ('a', 'i')), '-') FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
                + "WHERE c.relnamespace = 'public'::regnamespace AND c.relname NOT LIKE 'zdm_%') s");
    }

    @Test
    void undoOfAnUnfinishedConversionRestoresTheCatalog(TestDatabase db) throws Exception {
        createTables(db, 2_000);
        String before = catalog(db);
        try (Connection connection = db.connect("zdm-bigint")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            Operation op = toBigint(runner);
            runner.expand(op);
            assertThat(catalog(db)).isNotEqualTo(before).contains("column users.id_zdm_new bigint", "trigger users users_id_zdm_sync",
                    "CREATE UNIQUE INDEX users_pkey_zdm ON public.users USING btree (id_zdm_new) valid=true primary=false",
                    "constraint orders orders_user_id_fkey_zdm FOREIGN KEY (user_id) REFERENCES users(id_zdm_new) validated=true");
            runner.rollback(op);
            assertThat(catalog(db)).isEqualTo(before);
            runner.rollback(op);
            assertThat(catalog(db)).isEqualTo(before);

            // once the contract has moved a foreign key, the undo refuses (before changing anything) and the contract finishes
            runner.expand(op);
            int moveStep = op.steps().indexOf(op.steps(Phase.CONTRACT).get(0));
            runner.runFirst(op, moveStep + 1);
            String moved = catalog(db);
            assertThatThrownBy(() -> runner.rollback(op)).isInstanceOf(DdlException.class).hasMessageContaining("the contract has started")
                    .hasMessageContaining("orders_user_id_fkey");
            assertThat(catalog(db)).isEqualTo(moved);
            runner.contract(op);
            assertThat(runner.done(op)).containsOnly(true);
        }
        assertFinished(db);
    }

    @Test
    void aContractKilledBetweenItsStepsOrInItsSwapIsFinishedByARerun(TestDatabase db) throws Exception {
        createTables(db, 2_000);
        try (Connection connection = db.connect("zdm-bigint")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            runner.run(toBigint(runner));
        }
        String finished = catalog(db);
        int expandSteps = Operations.forServer(db.serverMajorVersion()).changeType(USERS, "id", "bigint", null, null).steps(Phase.EXPAND).size();
        int contractSteps = Operations.forServer(db.serverMajorVersion()).changeType(USERS, "id", "bigint", null, null).steps(Phase.CONTRACT).size();
        for (int k = 0; k < contractSteps; k++) {
            createTables(db, 2_000);
            try (Connection victim = db.connect("zdm-bigint-victim")) {
                OperationRunner runner = OperationRunner.on(new DdlSession(victim, db::connect, options(), new RecordingReporter()));
                runner.runFirst(toBigint(runner), expandSteps + k);
            } // the connection closes: the process died after k contract steps
            try (Connection connection = db.connect("zdm-bigint")) {
                OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
                Operation op = toBigint(runner);
                runner.contract(op);
                assertThat(runner.done(op)).as("after %d contract steps", k).containsOnly(true);
            }
            assertThat(catalog(db)).as("resumed after %d of %d contract steps", k, contractSteps).isEqualTo(finished);
        }

        // killed in the middle of the swap: its transaction waits for the table's lock, the backend is terminated
        createTables(db, 2_000);
        int swap;
        try (Connection connection = db.connect("zdm-bigint")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            Operation op = toBigint(runner);
            runner.expand(op);
            swap = op.steps().indexOf(op.steps(Phase.CONTRACT).get(1));
            runner.runFirst(op, swap);
        }
        try (Connection holder = db.connect("zdm-bigint-holder"); Connection victim = db.connect("zdm-bigint-victim")) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE users IN ACCESS SHARE MODE");
            }
            OperationRunner runner = OperationRunner.on(new DdlSession(victim, db::connect,
                    options().withLockTimeout(Duration.ofSeconds(5)), new RecordingReporter()));
            CompletableFuture<Void> contract = background(() -> {
                runner.contract(toBigint(runner));
                return null;
            });
            while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'zdm-bigint-victim' AND wait_event_type = 'Lock' "
                    + "AND query LIKE 'LOCK TABLE%'") == 0) {
                assertThat(contract).isNotDone();
                Thread.sleep(10);
            }
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'zdm-bigint-victim'");
            assertThat(DdlFixtures.failure(contract)).isNotNull();
            holder.rollback();
        }
        assertThat(db.queryString("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'users'::regclass "
                + "AND attname = 'id'")).as("the swap rolled back whole").isEqualTo("integer");
        try (Connection connection = db.connect("zdm-bigint")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            runner.contract(toBigint(runner));
        }
        assertThat(catalog(db)).isEqualTo(finished);
        assertFinished(db);
    }

    @Test
    void anIdentityKeyKeepsItsSequenceNameOptionsAndPosition(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public",
                "CREATE TABLE accounts (id int GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 3 CACHE 5) PRIMARY KEY, name text)",
                "CREATE TABLE sessions (id int PRIMARY KEY, account_id int REFERENCES accounts (id))",
                "INSERT INTO accounts (name) SELECT 'a' || g FROM generate_series(1, 500) g",
                "INSERT INTO sessions SELECT g, 100 + 3 * (g % 500) FROM generate_series(1, 500) g");
        long last = db.queryLong("SELECT max(id) FROM accounts");
        try (Connection connection = db.connect("zdm-bigint")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, options(), new RecordingReporter()));
            Operation op = runner.operations().changeType(QualifiedName.of("accounts"), "id", "bigint", null, null);
            runner.expand(op);
            db.execute("INSERT INTO accounts (name) VALUES ('during')");
            runner.contract(op);
        }
        assertThat(db.queryString("SELECT format_type(atttypid, atttypmod) || ' ' || attidentity::text || ' ' || attnotnull FROM pg_attribute "
                + "WHERE attrelid = 'accounts'::regclass AND attname = 'id'")).isEqualTo("bigint a true");
        assertThat(db.queryString("SELECT pg_get_serial_sequence('accounts', 'id')")).isEqualTo("public.accounts_id_seq");
        assertThat(db.queryString("SELECT format_type(seqtypid, NULL) || ' ' || seqstart || ' ' || seqincrement || ' ' || seqcache || ' ' || seqmax "
                + "FROM pg_sequence WHERE seqrelid = 'accounts_id_seq'::regclass")).isEqualTo("bigint 100 3 5 9223372036854775807");
        long next = db.queryLong("INSERT INTO accounts (name) VALUES ('after') RETURNING id");
        assertThat(next).isGreaterThan(last + 3).isEqualTo(db.queryLong("SELECT max(id) FROM accounts"));
        assertThat(db.queryString("SELECT conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint "
                + "WHERE confrelid = 'accounts'::regclass")).isEqualTo("sessions_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts(id) true");
        assertThat(db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'accounts'::regclass AND contype = 'p'"))
                .isEqualTo("PRIMARY KEY (id)");
    }
}
