package dev.zdm.flyway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.RenameWriters;
import dev.zdm.test.concurrency.SteadyWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's rename as a SQL directive, end to end through Flyway: an "old" application version writing and reading
 * {@code name} and a "new" one writing and reading {@code full_name} run through {@code migrate} (expand: column, trigger,
 * backfill, index copies) and {@code zdm:contract}; a sampler checks at every sample that the two columns agree on every
 * row (rows the backfill has not reached yet aside while it runs; every row once the expand is done). Rows:
 * {@code -Dzdm.test.directiveRenameRows} (default 20000; the numbers in docs/phases.md are from 1000000).
 */
@PostgresTest
class RenameDirectiveUnderTrafficTest {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway.operations.test");
    static final int ROWS = Integer.getInteger("zdm.test.directiveRenameRows", 20_000);
    /** Statements a second of each writer. */
    static final int RATE = Integer.getInteger("zdm.test.directiveRenameRate", 100);
    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);

    private static String writer(String column, String prefix) {
        return RenameWriters.writingAndReading(column, prefix, ROWS);
    }

    @Test
    void renameDirectiveUnderAnOldAndANewWriterThroughMigrateAndContract(TestDatabase db, @TempDir Path dir) throws Exception {
        OperationsFixture.emptySchema(db);
        Files.writeString(dir.resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL, email text);\n"
                + "INSERT INTO users (name, email) SELECT 'user ' || g, 'u' || g || '@example.com' FROM generate_series(1, " + ROWS + ") g;\n"
                + "CREATE INDEX users_name_idx ON users (name);\n");
        Files.writeString(dir.resolve("V2__Rename_name.sql"), "-- the new version reads full_name\n"
                + "-- zdm:rename-column table=users from=name to=full_name\n");
        String location = "filesystem:" + dir;
        RenameDirectiveTest.flyway(db, location, "flyway.target", "1").migrate();
        db.execute("VACUUM ANALYZE users");
        Flyway flyway = RenameDirectiveTest.flyway(db, location, "flyway.zdm.lockTimeout", LOCK_TIMEOUT.toMillis() + "ms");

        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicBoolean strict = new AtomicBoolean(false);
        AtomicLong samples = new AtomicLong();
        AtomicLong strictSamples = new AtomicLong();
        List<String> mismatches = new ArrayList<>();
        LatencyStats oldStats;
        LatencyStats newStats;
        long expandMillis;
        long contractMillis;
        try (SteadyWriter old = SteadyWriter.start(db, writer("name", "old "), RATE)) {
            long start = System.nanoTime();
            CompletableFuture<Integer> migrate = CompletableFuture.supplyAsync(() -> flyway.migrate().migrationsExecuted);
            while (db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname = 'users_name_zdm_sync'") == 0 && !migrate.isDone()) {
                Thread.sleep(10);
            }
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> sample(db, sampling, strict, samples, strictSamples, mismatches));
            try (SteadyWriter fresh = SteadyWriter.start(db, writer("full_name", "new "), RATE)) {
                assertThat(migrate.join()).isEqualTo(1);
                expandMillis = (System.nanoTime() - start) / 1_000_000;
                strict.set(true); // the backfill is done: from now on every row agrees
                while (strictSamples.get() < 5) {
                    Thread.sleep(50);
                }
                sampling.set(false);
                sampler.join();
                oldStats = old.stop(); // the old version is gone: drained
                long contractStart = System.nanoTime();
                ZdmCommands.of(flyway).contract("2");
                contractMillis = (System.nanoTime() - contractStart) / 1_000_000;
                Thread.sleep(300);
                newStats = fresh.stop();
            }
        }
        LOG.info("directive rename of {} rows: expand (migrate) {} ms, contract {} ms; old writer {}; new writer {}; {} samples ({} strict)",
                ROWS, expandMillis, contractMillis, oldStats, newStats, samples.get(), strictSamples.get());
        assertThat(mismatches).isEmpty();
        assertThat(strictSamples.get()).isGreaterThanOrEqualTo(5);
        for (LatencyStats stats : List.of(oldStats, newStats)) {
            assertThat(stats.errors()).as("writer errors: %s", stats.errorSamples()).isZero();
            assertThat(stats.count()).isPositive();
            assertThat(stats.longestLockWait()).as("longest lock wait").isLessThan(LOCK_TIMEOUT.multipliedBy(2));
        }
        assertThat(db.queryString("SELECT string_agg(attname, ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'users'::regclass"
                + " AND attnum > 0 AND NOT attisdropped")).isEqualTo("id, email, full_name");
        assertThat(db.queryString("SELECT pg_get_indexdef('users_name_idx'::regclass)")).contains("(full_name)");
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE full_name LIKE 'user %'")).isGreaterThan(ROWS / 2);
    }

    /**
     * Samples until {@code sampling} ends: while the backfill runs, rows it has not reached have {@code full_name} NULL and
     * every other row must agree; once {@code strict}, every row must ({@code name IS NOT DISTINCT FROM full_name}).
     */
    private static void sample(TestDatabase db, AtomicBoolean sampling, AtomicBoolean strict, AtomicLong samples, AtomicLong strictSamples,
                               List<String> mismatches) {
        try (Connection c = db.connect("zdm-sampler"); Statement s = c.createStatement()) {
            while (sampling.get()) {
                boolean all = strict.get();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM users WHERE " + (all ? "" : "full_name IS NOT NULL AND ")
                        + "name IS DISTINCT FROM full_name")) {
                    rs.next();
                    if (rs.getLong(1) != 0) {
                        synchronized (mismatches) {
                            mismatches.add(rs.getLong(1) + " rows differ at sample " + samples.get() + (all ? " (after the backfill)" : ""));
                        }
                    }
                }
                samples.incrementAndGet();
                if (all) {
                    strictSamples.incrementAndGet();
                }
                Thread.sleep(Math.max(50, ROWS / 1000)); // a full scan each time: gentler on large tables
            }
        } catch (Exception e) {
            synchronized (mismatches) {
                mismatches.add("sampler failed: " + e);
            }
        }
    }
}
