package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The backfill next to live traffic: writers inserting and updating, rows locked by others. */
@PostgresTest
class BackfillConcurrencyTest {

    private static BackfillResult run(TestDatabase db, String id, Backfill backfill) throws Exception {
        try (Connection c = db.connect()) {
            return new BackfillExecutor(c, "public").run(id, backfill);
        }
    }

    private static CompletableFuture<BackfillResult> runInBackground(TestDatabase db, String id, Backfill backfill) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(db, id, backfill);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Polls the checkpoint until the walk has passed {@code keys} keys. */
    private static void awaitProgress(TestDatabase db, String id, long keys) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Long scanned = null;
            String value = db.queryString("SELECT rows_scanned FROM zdm_backfill_progress WHERE backfill_id = '" + id + "'");
            if (value != null) {
                scanned = Long.parseLong(value);
            }
            if (scanned != null && scanned >= keys) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("backfill " + id + " did not reach " + keys + " keys within 30 s");
    }

    @Test
    void rowsInsertedAndUpdatedByTheApplicationDuringTheBackfillAreAllHandledOnce(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE accounts (id bigserial PRIMARY KEY, plan text, n int NOT NULL DEFAULT 0, touched int NOT NULL DEFAULT 0)",
                "INSERT INTO accounts (plan) SELECT NULL FROM generate_series(1, 20000)");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong inserted = new AtomicLong();
        AtomicLong touches = new AtomicLong();
        AtomicLong upgrades = new AtomicLong();
        CompletableFuture<Void> application = CompletableFuture.runAsync(() -> {
            try (Connection c = db.connect("application");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO accounts (plan) VALUES (NULL)");
                 PreparedStatement touch = c.prepareStatement("UPDATE accounts SET touched = touched + 1 WHERE id = ?");
                 PreparedStatement upgrade = c.prepareStatement("UPDATE accounts SET plan = 'pro' WHERE id = ? AND plan IS NULL")) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (writing.get()) {
                    inserted.addAndGet(insert.executeUpdate());
                    touch.setLong(1, 1 + random.nextLong(20000));
                    touches.addAndGet(touch.executeUpdate());
                    // the new application version already writes the column, ahead of the walk and behind it
                    upgrade.setLong(1, 1 + random.nextLong(20000));
                    upgrades.addAndGet(upgrade.executeUpdate());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        CompletableFuture<BackfillResult> backfill = runInBackground(db, "plans", Backfill.table("accounts")
                .set("plan = 'free', n = n + 1").where("plan IS NULL").batchSize(400).pauseBetweenBatches(Duration.ofMillis(15)));
        awaitProgress(db, "plans", 10000);
        writing.set(false);
        application.get(30, TimeUnit.SECONDS);
        BackfillResult result = backfill.get(60, TimeUnit.SECONDS);

        assertThat(inserted.get()).as("the application kept inserting during the walk").isGreaterThan(10);
        assertThat(db.queryLong("SELECT count(*) FROM accounts")).isEqualTo(20000 + inserted.get());
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE plan IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE plan = 'free' AND n <> 1")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE plan = 'pro' AND n <> 0"))
                .as("a row the application had already written is not overwritten: the predicate is re-checked in the batch").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM accounts WHERE plan = 'pro'")).isEqualTo(upgrades.get());
        assertThat(db.queryLong("SELECT sum(touched) FROM accounts")).as("no update of the application is lost").isEqualTo(touches.get());
        assertThat(result.rowsChanged()).isEqualTo(20000 + inserted.get() - upgrades.get());
    }

    @Test
    void rowsThatMatchAgainBehindTheWalkFailTheRunAndTheNextRunTakesANewPass(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE profiles (id int PRIMARY KEY, locale text, n int NOT NULL DEFAULT 0)",
                "INSERT INTO profiles (id) SELECT g FROM generate_series(1, 6000) g");
        Backfill backfill = Backfill.table("profiles").set("locale = 'en', n = n + 1").where("locale IS NULL").batchSize(200)
                .pauseBetweenBatches(Duration.ofMillis(10));

        CompletableFuture<BackfillResult> first = runInBackground(db, "locales", backfill);
        awaitProgress(db, "locales", 3000);
        // the old application version still writes NULL, into rows the walk has passed
        db.execute("UPDATE profiles SET locale = NULL WHERE id <= 25");

        assertThatThrownBy(() -> first.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .rootCause().isInstanceOf(BackfillException.class)
                .hasMessageContaining("25 row(s) still match the predicate `locale IS NULL`")
                .hasMessageContaining("for example keys [")
                .hasMessageContaining("application code still writes the old shape")
                .hasMessageContaining("run the migration again");
        assertThat(db.queryString("SELECT state FROM zdm_backfill_progress WHERE backfill_id = 'locales'")).isEqualTo("incomplete");

        BackfillResult second = run(db, "locales", backfill);

        assertThat(second.rowsChanged()).isEqualTo(25);
        assertThat(db.queryLong("SELECT count(*) FROM profiles WHERE locale IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM profiles WHERE n = 2")).isEqualTo(25);
        assertThat(db.queryLong("SELECT count(*) FROM profiles WHERE n = 1")).isEqualTo(5975);
        assertThat(db.queryString("SELECT state || ' pass ' || pass FROM zdm_backfill_progress WHERE backfill_id = 'locales'"))
                .isEqualTo("done pass 2");
    }

    @Test
    void aBatchBlockedByARowLockTimesOutRetriesAndTheRunCompletes(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE invoices (id int PRIMARY KEY, total numeric, n int NOT NULL DEFAULT 0)",
                "INSERT INTO invoices (id) SELECT g FROM generate_series(1, 4000) g");
        BackfillResult result;
        try (Blocker rowLock = Blocker.openTransaction(db, "UPDATE invoices SET total = NULL WHERE id = 2500")) {
            CompletableFuture<BackfillResult> backfill = runInBackground(db, "totals", Backfill.table("invoices")
                    .set("total = 0, n = n + 1").where("total IS NULL").batchSize(500).lockTimeout(Duration.ofMillis(100)).maxRetries(30));
            awaitProgress(db, "totals", 2000);
            Thread.sleep(700);
            assertThat(backfill).as("held up by the row lock").isNotDone();
            assertThat(db.queryLong("SELECT rows_scanned FROM zdm_backfill_progress WHERE backfill_id = 'totals'")).isLessThan(2500);
            rowLock.close();
            result = backfill.get(30, TimeUnit.SECONDS);
        }
        assertThat(result.retries()).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM invoices WHERE n <> 1")).isZero();
    }

    @Test
    void aBatchBlockedByATableLockRetriesWithoutQueueingForLong(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE shipments (id int PRIMARY KEY, carrier text, n int NOT NULL DEFAULT 0)",
                "INSERT INTO shipments (id) SELECT g FROM generate_series(1, 2000) g");
        BackfillResult result;
        try (Blocker tableLock = Blocker.holdLock(db, "shipments", LockMode.SHARE)) {
            CompletableFuture<BackfillResult> backfill = runInBackground(db, "carriers", Backfill.table("shipments")
                    .set("carrier = 'post', n = n + 1").where("carrier IS NULL").batchSize(300).lockTimeout(Duration.ofMillis(50))
                    .maxRetries(30));
            Thread.sleep(600);
            assertThat(backfill).isNotDone();
            // a reader that arrives meanwhile is never stuck behind the waiting batch for more than its lock_timeout
            try (Connection reader = db.connect(); Statement s = reader.createStatement()) {
                long start = System.nanoTime();
                s.execute("SELECT count(*) FROM shipments");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            }
            tableLock.close();
            result = backfill.get(30, TimeUnit.SECONDS);
        }
        assertThat(result.retries()).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM shipments WHERE n <> 1")).isZero();
    }

    @Test
    void aBatchChosenAsADeadlockVictimIsRetried(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE ledger (id int PRIMARY KEY, booked boolean, n int NOT NULL DEFAULT 0)",
                "INSERT INTO ledger (id) SELECT g FROM generate_series(1, 1000) g");
        BackfillResult result;
        try (Connection other = db.connect("deadlocking-transaction")) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("UPDATE ledger SET booked = NULL WHERE id = 900");
            }
            // one batch over all rows: it locks rows 1..899, then waits for row 900
            CompletableFuture<BackfillResult> backfill = runInBackground(db, "booked", Backfill.table("ledger")
                    .set("booked = true, n = n + 1").where("booked IS NULL").batchSize(1000).lockTimeout(Duration.ofSeconds(20)));
            awaitWaitingFor(db, other);
            // now the other transaction wants row 100, which the batch holds: a deadlock, which PostgreSQL breaks by
            // aborting the session that waited first (the batch)
            try (Statement s = other.createStatement()) {
                s.execute("UPDATE ledger SET booked = NULL WHERE id = 100");
            }
            other.commit();
            result = backfill.get(30, TimeUnit.SECONDS);
        }
        assertThat(result.retries()).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM ledger WHERE n <> 1")).isZero();
    }

    /** Waits until a session waits for a lock held by {@code holder}'s backend. */
    private static void awaitWaitingFor(TestDatabase db, Connection holder) throws Exception {
        int pid;
        try (Statement s = holder.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE " + pid + " = ANY (pg_blocking_pids(pid))") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing waited for pid " + pid);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void whenRetriesRunOutTheErrorNamesTheBlockerAndTheNextRunContinues(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE parcels (id int PRIMARY KEY, weight int, n int NOT NULL DEFAULT 0)",
                "INSERT INTO parcels (id) SELECT g FROM generate_series(1, 1000) g");
        Backfill backfill = Backfill.table("parcels").set("weight = 0, n = n + 1").where("weight IS NULL").batchSize(100)
                .lockTimeout(Duration.ofMillis(50)).maxRetries(2);
        try (Blocker rowLock = Blocker.openTransaction(db, "SELECT * FROM parcels WHERE id = 650 FOR UPDATE")) {
            assertThatThrownBy(() -> run(db, "weights", backfill))
                    .isInstanceOf(BackfillException.class)
                    // each retry halves the batch, so the walk creeps up to the locked row before it gives up
                    .hasMessageContaining("the batch after key [649] of public.parcels waited longer than lock_timeout for a lock")
                    .hasMessageContaining("still did after 2 retries")
                    .hasMessageContaining("pid " + rowLock.pid())
                    .hasMessageContaining(rowLock.applicationName())
                    .hasMessageContaining("idle in transaction");
        }
        assertThat(db.queryString("SELECT state || ' ' || last_key::text FROM zdm_backfill_progress WHERE backfill_id = 'weights'"))
                .isEqualTo("failed {649}");

        BackfillResult resumed = run(db, "weights", backfill);

        assertThat(resumed.resumedFromKey()).isEqualTo("[649]");
        assertThat(resumed.rowsChanged()).isEqualTo(351);
        assertThat(db.queryLong("SELECT count(*) FROM parcels WHERE n <> 1")).isZero();
    }
}
