package dev.zdm.core.ddl;

import static dev.zdm.core.ddl.DdlFixtures.fast;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code changeType} on the real server: int to bigint on a serial column under a writer, and a conversion with an inverse. */
@PostgresTest
class ChangeColumnTypeTest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.core.ddl.test");
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);
    private static final int ROWS = 50_000;

    @Test
    void intToBigintOnASerialColumnUnderAWriter(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public",
                "CREATE TABLE ledger (id bigserial PRIMARY KEY, counter serial NOT NULL, amount int NOT NULL DEFAULT 0)",
                "INSERT INTO ledger (amount) SELECT g FROM generate_series(1, " + ROWS + ") g",
                "CREATE INDEX ledger_counter_idx ON ledger (counter DESC)", "VACUUM ANALYZE ledger");
        String randomId = "(SELECT 1 + floor(random() * " + ROWS + ")::bigint)";
        String writes = "WITH u AS (UPDATE ledger SET counter = counter + 1 WHERE id = " + randomId + " RETURNING counter), "
                + "r AS (SELECT counter FROM ledger WHERE id = " + randomId + ") "
                + "INSERT INTO ledger (amount) SELECT 1 FROM (SELECT count(*) FROM u) x, (SELECT count(*) FROM r) y";
        LatencyStats stats;
        try (SteadyWriter writer = SteadyWriter.start(db, writes, 150); Connection connection = db.connect("zdm-change-type")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, fast().withLockTimeout(LOCK_TIMEOUT),
                    new RecordingReporter()));
            Operation op = runner.operations().changeType(QualifiedName.of("ledger"), "counter", "bigint", null, null);
            long start = System.nanoTime();
            runner.expand(op);
            assertThat(db.queryLong("SELECT count(*) FROM ledger WHERE counter IS DISTINCT FROM counter_zdm_new")).isZero();
            runner.contract(op);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(300);
            stats = writer.stop();
            LOG.info("int -> bigint of {} rows in {} ms; writer {}", ROWS, millis, stats);
            assertThat(runner.done(op)).containsOnly(true);
        }
        assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
        assertThat(stats.longestLockWait()).isLessThan(LOCK_TIMEOUT.multipliedBy(2));
        assertThat(db.queryString("SELECT format_type(atttypid, atttypmod) || ' ' || attnotnull FROM pg_attribute "
                + "WHERE attrelid = 'ledger'::regclass AND attname = 'counter'")).isEqualTo("bigint true");
        assertThat(db.queryString("SELECT pg_get_indexdef('ledger_counter_idx'::regclass)")).contains("(counter DESC)");
        assertThat(db.queryString("SELECT format_type(seqtypid, NULL) FROM pg_sequence WHERE seqrelid = 'ledger_counter_seq'::regclass"))
                .isEqualTo("bigint");
        assertThat(db.queryString("SELECT pg_get_serial_sequence('ledger', 'counter')")).isEqualTo("public.ledger_counter_seq");
        db.execute("INSERT INTO ledger (amount) VALUES (7)");
        assertThat(db.queryLong("SELECT count(*) FROM ledger WHERE counter IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'ledger'::regclass AND attname LIKE '%zdm%' "
                + "AND NOT attisdropped")).isZero();
    }

    @Test
    void centsToDollarsWithAnInverseSyncsBothWays(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public",
                "CREATE TABLE prices (id int PRIMARY KEY, amount int NOT NULL)",
                "INSERT INTO prices SELECT g, g * 100 + 5 FROM generate_series(1, 1000) g");
        try (Connection connection = db.connect("zdm-change-type")) {
            OperationRunner runner = OperationRunner.on(new DdlSession(connection, db::connect, fast(), new RecordingReporter()));
            Operation op = runner.operations().changeType(QualifiedName.of("prices"), "amount", "numeric(12,2)",
                    "amount::numeric / 100", "(amount * 100)::int");
            runner.expand(op);
            assertThat(db.queryString("SELECT amount_zdm_new::text FROM prices WHERE id = 3")).isEqualTo("3.05");
            // the old version writes cents, the new one dollars; each reaches the other column
            db.execute("UPDATE prices SET amount = 250 WHERE id = 1", "UPDATE prices SET amount_zdm_new = 3.75 WHERE id = 2",
                    "INSERT INTO prices (id, amount) VALUES (5001, 999)", "INSERT INTO prices (id, amount_zdm_new) VALUES (5002, 1.25)",
                    "UPDATE prices SET amount = 1, amount_zdm_new = 8.00 WHERE id = 4");
            assertThat(db.queryString("SELECT string_agg(id || '=' || amount || '/' || amount_zdm_new, ' ' ORDER BY id) FROM prices "
                    + "WHERE id IN (1, 2, 4, 5001, 5002)")).isEqualTo("1=250/2.50 2=375/3.75 4=800/8.00 5001=999/9.99 5002=125/1.25");
            runner.contract(op);
        }
        assertThat(db.queryString("SELECT string_agg(id || '=' || amount, ' ' ORDER BY id) FROM prices WHERE id IN (1, 2, 3, 5002)"))
                .isEqualTo("1=2.50 2=3.75 3=3.05 5002=1.25");
        assertThat(db.queryString("SELECT format_type(atttypid, atttypmod) || ' ' || attnotnull FROM pg_attribute "
                + "WHERE attrelid = 'prices'::regclass AND attname = 'amount'")).isEqualTo("numeric(12,2) true");
    }
}
