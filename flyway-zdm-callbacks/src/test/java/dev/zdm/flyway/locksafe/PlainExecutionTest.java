package dev.zdm.flyway.locksafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration that controls transactions itself (BEGIN / COMMIT / ...) or carries {@code -- zdm:plain} runs as
 * plain Flyway runs it: no savepoint retry wrapper (a COMMIT would destroy the savepoint, and a retry would repeat
 * what was committed), the runner's lock_timeout still set for every statement and nothing left on the session.
 */
@PostgresTest
class PlainExecutionTest {

    private static Flyway flyway(TestDatabase db, Object dataSource, Path migrations, String schema, String... extra) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + migrations);
        config.put("flyway.schemas", schema);
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        var configure = Flyway.configure().configuration(config);
        if (dataSource instanceof RecordingPool pool) {
            configure.dataSource(pool);
        }
        return configure.load();
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
        return dir;
    }

    @Test
    void theMinimalBeginCommitHistoryMigratesOnceAsWithPlainFlyway(TestDatabase db, @TempDir Path dir) throws Exception {
        write(dir, "V1__a.sql", "create table a (id int);");
        write(dir, "V2__b.sql", "BEGIN; insert into a values (1); COMMIT; insert into a values (2);");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(flyway(db, null, dir, "tc1").migrate().migrationsExecuted).isEqualTo(2);
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("V2__b.sql runs as plain Flyway runs it")
                    .contains("it controls transactions itself: BEGIN at line 1").contains("lock_timeout 200ms still applies"));
        }
        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM tc1.a")).isEqualTo("1,2");
        assertThat(db.queryLong("SELECT count(*) FROM tc1.flyway_schema_history WHERE version = '2' AND success")).isEqualTo(1);
        assertThat(flyway(db, null, dir, "tc1").migrate().migrationsExecuted).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM tc1.a")).isEqualTo(2);
    }

    @Test
    void onADatabaseInUseEveryStatementGetsTheLockTimeoutAndNothingLeaksIntoThePool(TestDatabase db, @TempDir Path dir) throws Exception {
        write(dir, "V1__a.sql", "create table seen (step text, lock_timeout text, statement_timeout text);");
        try (RecordingPool pool = new RecordingPool(db)) {
            flyway(db, pool, dir, "tc2").migrate();
            write(dir, "V2__b.sql", "insert into seen select 'first', current_setting('lock_timeout'), current_setting('statement_timeout');\n"
                    + "COMMIT;\n"
                    + "insert into seen select 'after commit', current_setting('lock_timeout'), current_setting('statement_timeout');\n"
                    + "START TRANSACTION;\n"
                    + "insert into seen select 'in block', current_setting('lock_timeout'), current_setting('statement_timeout');\n"
                    + "END;\n");
            // The gate refuses transaction control on a database in use (ZDM141); the user switched the rule off.
            assertThat(flyway(db, pool, dir, "tc2", "flyway.zdm.lint.rules", "ZDM141:off", "flyway.zdm.lockTimeout", "321ms")
                    .migrate().migrationsExecuted).isEqualTo(1);
            assertThat(db.queryString("SELECT string_agg(step || '=' || lock_timeout || '/' || statement_timeout, ', ' ORDER BY ctid) FROM tc2.seen"))
                    .isEqualTo("first=321ms/10min, after commit=321ms/10min, in block=321ms/10min");
            assertThat(db.queryLong("SELECT count(*) FROM tc2.flyway_schema_history WHERE version = '2' AND success")).isEqualTo(1);
            for (Connection c : pool.physicalConnections()) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
                    rs.next();
                    assertThat(rs.getString(1) + "/" + rs.getString(2)).isEqualTo("0/0");
                }
            }
        }
    }

    @Test
    void aZdmPlainMigrationIsNotRetriedButKeepsTheLockTimeout(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE public.plain_t (id int)");
        write(dir, "V1__legacy.sql", "-- zdm:plain legacy data fix\n\nALTER TABLE public.plain_t ADD COLUMN note text;\n");
        try (Blocker reader = Blocker.holdLock(db, "public.plain_t", LockMode.ACCESS_SHARE);
             CapturedLog log = new CapturedLog("dev.zdm")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> flyway(db, null, dir, "tc3", "flyway.zdm.lockTimeout", "100ms").migrate())
                    .hasMessageContaining("lock timeout");
            assertThat((System.nanoTime() - start) / 1_000_000).as("one attempt, no retries with backoff").isLessThan(3000);
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("V1__legacy.sql runs as plain Flyway runs it")
                    .contains("-- zdm:plain at line 1 (legacy data fix)"));
            assertThat(log.messages()).noneSatisfy(l -> assertThat(l).contains("rolled back"));
        }
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'plain_t' AND column_name = 'note'")).isZero();
        assertThat(flyway(db, null, dir, "tc3").migrate().migrationsExecuted).isEqualTo(1);
    }
}
