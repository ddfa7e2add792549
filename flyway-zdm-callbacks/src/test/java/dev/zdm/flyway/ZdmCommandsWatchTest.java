package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillCheckpoints;
import dev.zdm.core.backfill.BackfillExecutor;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.flyway.internal.watch.TextWatch;
import dev.zdm.flyway.internal.watch.Watch;
import dev.zdm.flyway.internal.watch.WatchOptions;
import dev.zdm.flyway.internal.watch.WatchSnapshot;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BackfillProgress;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BlockedSession;
import dev.zdm.flyway.internal.watch.WatchSnapshot.IndexBuild;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ZdmCommands.watch()} on a real server while other sessions wait for locks, backfill and build indexes. The
 * pending migration {@code db/watch/V1__orders_note.sql} touches {@code orders}; {@code items} is touched by none.
 */
@PostgresTest
class ZdmCommandsWatchTest {
    private static final WatchOptions FAST = WatchOptions.defaults().withInterval(Duration.ofMillis(200));
    private static Map<String, String> config;

    @BeforeAll
    static void tables(TestDatabase database) throws Exception {
        db = database;
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, email text)",
                "INSERT INTO orders SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 1000) g",
                "CREATE TABLE items (id int PRIMARY KEY, v int)",
                "INSERT INTO items SELECT g, NULL FROM generate_series(1, 300) g");
        config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/watch");
    }

    private static Watch watch() {
        return ZdmCommands.of(Flyway.configure().configuration(config).load()).watch(FAST);
    }

    /** Snapshots every interval until one matches (5 s at most); the last one otherwise, for the assertion's message. */
    private static WatchSnapshot until(Watch watch, Predicate<WatchSnapshot> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        WatchSnapshot s = watch.next();
        while (!wanted.test(s) && System.nanoTime() < deadline) {
            s = watch.next();
        }
        return s;
    }

    @Test
    void aQuietDatabaseSaysNothingBlockedOnce() throws Exception {
        try (Watch watch = watch()) {
            TextWatch text = new TextWatch();
            WatchSnapshot first = watch.next();
            assertThat(first.nothingBlocked()).isTrue();
            assertThat(first.touched()).containsExactly("public.orders");
            assertThat(first.indexBuilds()).isEmpty();
            assertThat(first.holders()).isEmpty();
            assertThat(text.changed(first)).contains("tick 1: nothing blocked");
            assertThat(text.changed(watch.next())).as("a quiet tick after a quiet tick prints nothing").isEmpty();
        }
    }

    @Test
    void showsTheBlockedSessionItsBlockerAndTheTable() throws Exception {
        try (Blocker holder = Blocker.holdLock(db(), "orders", LockMode.ACCESS_EXCLUSIVE);
             Blocker waiter = Blocker.runInBackground(db(), "SELECT count(*) FROM orders");
             Watch watch = watch()) {
            WatchSnapshot s = until(watch, x -> x.blocked().stream().anyMatch(b -> b.session().pid() == waiter.pid()));
            BlockedSession blocked = s.blocked().stream().filter(b -> b.session().pid() == waiter.pid()).findFirst().orElseThrow();
            assertThat(blocked.relation()).isEqualTo("public.orders");
            assertThat(blocked.lockMode()).isEqualTo("AccessShareLock");
            assertThat(blocked.touched()).isTrue();
            assertThat(blocked.session().applicationName()).isEqualTo(waiter.applicationName());
            assertThat(blocked.session().query()).contains("SELECT count(*) FROM orders");
            assertThat(blocked.blockers()).extracting(SessionInfo::pid).containsExactly(holder.pid());
            assertThat(blocked.blockers().get(0).state()).isEqualTo("idle in transaction");
            assertThat(s.holders()).as("the blocker is shown under what it blocks, not again as a holder").isEmpty();
            String text = new TextWatch().render(s);
            assertThat(text).contains("1 session blocked")
                    .contains("blocked: pid " + waiter.pid())
                    .contains("for AccessShareLock on public.orders (a table the pending migrations touch)")
                    .contains("blocked by pid " + holder.pid());
        }
    }

    @Test
    void showsAnIdleTransactionHoldingALockOnATouchedTableBeforeItBlocksAnyone() throws Exception {
        try (Blocker idle = Blocker.openTransaction(db(), "SELECT * FROM orders LIMIT 1");
             Blocker untouched = Blocker.openTransaction(db(), "SELECT * FROM items LIMIT 1");
             Watch watch = watch()) {
            WatchSnapshot s = watch.next();
            assertThat(s.nothingBlocked()).isTrue();
            assertThat(s.holders()).singleElement().satisfies(h -> {
                assertThat(h.session().pid()).isEqualTo(idle.pid());
                assertThat(h.session().state()).isEqualTo("idle in transaction");
                assertThat(h.relations()).containsExactly("public.orders");
            });
            assertThat(new TextWatch().render(s)).contains("tick 1: nothing blocked")
                    .contains("holds a lock on public.orders: pid " + idle.pid());
        }
    }

    @Test
    void aSessionBlockedOnAnUntouchedTableIsShownToo() throws Exception {
        try (Blocker holder = Blocker.holdLock(db(), "items", LockMode.ACCESS_EXCLUSIVE);
             Blocker waiter = Blocker.runInBackground(db(), "SELECT count(*) FROM items");
             Watch watch = watch()) {
            WatchSnapshot s = until(watch, x -> !x.blocked().isEmpty());
            assertThat(s.blocked()).singleElement().satisfies(b -> {
                assertThat(b.session().pid()).isEqualTo(waiter.pid());
                assertThat(b.relation()).isEqualTo("public.items");
                assertThat(b.touched()).isFalse();
                assertThat(b.blockers()).extracting(SessionInfo::pid).containsExactly(holder.pid());
            });
            assertThat(s.holders()).as("items is not touched by the pending migrations").isEmpty();
        }
    }

    @Test
    void showsARunningBackfillsProgressAndRate() throws Exception {
        db().execute("UPDATE items SET v = NULL");
        try (Connection runner = db().connect(); Watch watch = watch()) {
            CompletableFuture<?> backfill = CompletableFuture.runAsync(() -> new BackfillExecutor(runner, "public").run("watched-backfill",
                    Backfill.table("items").set("v = id").where("v IS NULL").key("id").batchSizeBounds(10, 10).batchSize(10)
                            .pauseBetweenBatches(Duration.ofMillis(100))));
            try {
                WatchSnapshot s = until(watch, x -> x.backfills().stream()
                        .anyMatch(b -> b.state().equals("running") && b.rowsDone() > 0 && b.rowsPerSecond() != null && b.rowsPerSecond() > 0));
                BackfillProgress progress = s.backfills().stream().filter(b -> b.id().equals("watched-backfill")).findFirst().orElseThrow();
                assertThat(progress.state()).isEqualTo("running");
                assertThat(progress.table()).isEqualTo("public.items");
                assertThat(progress.rowsDone()).isBetween(1L, 299L);
                assertThat(progress.rowsPerSecond()).isPositive();
                assertThat(new TextWatch().render(s)).contains("backfill watched-backfill on public.items: running, ")
                        .contains(" rows/s since the last tick");
                backfill.get();
                WatchSnapshot done = until(watch, x -> x.backfills().stream().anyMatch(b -> b.state().equals("done")));
                assertThat(done.backfills()).as("the tick it finished shows it once").singleElement()
                        .satisfies(b -> assertThat(b.rowsDone()).isEqualTo(300));
                assertThat(watch.next().backfills()).as("a finished backfill is not shown again").isEmpty();
            } finally {
                backfill.handle((v, t) -> null).join();
            }
        }
    }

    @Test
    void showsAConcurrentIndexBuildWaitingForAnOldTransaction() throws Exception {
        try (Blocker writer = Blocker.holdLock(db(), "orders", LockMode.ROW_EXCLUSIVE);
             Blocker build = Blocker.runInBackground(db(), "CREATE INDEX CONCURRENTLY orders_email_idx ON orders (email)");
             Watch watch = watch()) {
            WatchSnapshot s = until(watch, x -> x.indexBuilds().stream().anyMatch(b -> !b.waitingFor().isEmpty()));
            IndexBuild index = s.indexBuilds().stream().filter(b -> b.pid() == build.pid()).findFirst().orElseThrow();
            assertThat(index.command()).isEqualTo("CREATE INDEX CONCURRENTLY");
            assertThat(index.table()).isEqualTo("public.orders");
            assertThat(index.phase()).startsWith("waiting for");
            assertThat(index.waitingFor()).extracting(SessionInfo::pid).containsExactly(writer.pid());
            assertThat(new TextWatch().render(s)).contains("index build: pid " + build.pid() + " CREATE INDEX CONCURRENTLY")
                    .contains("on public.orders: waiting for")
                    .contains("waiting for pid " + writer.pid());
        } finally {
            db().execute("DROP INDEX IF EXISTS orders_email_idx");
        }
    }

    @Test
    void stopsAfterItsTicksOrItsDuration() throws Exception {
        try (Watch watch = ZdmCommands.of(Flyway.configure().configuration(config).load()).watch(FAST.withTicks(3))) {
            int ticks = 0;
            while (!watch.finished()) {
                watch.next();
                ticks++;
            }
            assertThat(ticks).isEqualTo(3);
        }
        long started = System.nanoTime();
        try (Watch watch = ZdmCommands.of(Flyway.configure().configuration(config).load())
                .watch(FAST.withDuration(Duration.ofMillis(700)))) {
            while (!watch.finished()) {
                watch.next();
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(650), Duration.ofSeconds(5));
    }

    @Test
    void itsSessionIsReadOnlyWithShortTimeoutsRestoredOnClose() throws Exception {
        try (Connection c = db().connect()) {
            try (Watch watch = Watch.on(c, "public", List.of(), FAST)) {
                watch.snapshot();
                assertThat(setting(c, "default_transaction_read_only")).isEqualTo("on");
                assertThat(setting(c, "lock_timeout")).isEqualTo("100ms");
                assertThat(setting(c, "statement_timeout")).isEqualTo("2s");
            }
            assertThat(setting(c, "default_transaction_read_only")).isEqualTo("off");
            assertThat(setting(c, "lock_timeout")).isEqualTo("0");
            assertThat(setting(c, "statement_timeout")).isEqualTo("0");
        }
    }

    @Test
    void neverWaitsForALockOnTheCheckpointTable() throws Exception {
        try (Connection c = db().connect()) {
            BackfillCheckpoints.ensureTable(c, "public");
        }
        try (Blocker ddl = Blocker.holdLock(db(), "public." + BackfillCheckpoints.TABLE, LockMode.ACCESS_EXCLUSIVE);
             Watch watch = watch()) {
            long started = System.nanoTime();
            WatchSnapshot s = watch.snapshot();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(s.unreadable()).singleElement().asString().startsWith("backfills: ").contains("55P03");
            assertThat(s.blocked()).as("the watch itself is never among the waiting").isEmpty();
            assertThat(new TextWatch().render(s)).contains("not read this tick: backfills: ");
        }
    }

    private static String setting(Connection c, String name) throws Exception {
        try (var rs = c.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static TestDatabase db;

    private static TestDatabase db() {
        return db;
    }
}
