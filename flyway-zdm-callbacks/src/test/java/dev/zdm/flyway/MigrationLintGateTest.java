package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.api.ZdmLintGateException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrate-time gate through the real Flyway API: pending migrations are linted against the live
 * database before anything is applied. Each test migrates its own schema; the tables the migrations meet
 * live in schema {@code data} (big: 20 000 rows, small: 100 rows).
 */
@PostgresTest
class MigrationLintGateTest {

    @BeforeAll
    static void tables(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA data",
                "CREATE TABLE data.big AS SELECT g AS id, g % 100 AS x FROM generate_series(1, 20000) g",
                "CREATE INDEX big_x_old ON data.big (x)",
                "CREATE TABLE data.small AS SELECT g AS id, g AS x FROM generate_series(1, 100) g",
                "CREATE TABLE data.fresh (id int, x int)",
                "ANALYZE data.big", "ANALYZE data.small");
    }

    private static Map<String, String> config(TestDatabase db, Path migrations, String schema) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + migrations);
        config.put("flyway.schemas", schema);
        return config;
    }

    private static Path migrations(Path dir, String... nameAndText) throws Exception {
        for (int i = 0; i < nameAndText.length; i += 2) {
            Files.writeString(dir.resolve(nameAndText[i]), nameAndText[i + 1]);
        }
        return dir;
    }

    /**
     * Flyway for a database that already serves an application: its history holds a baseline row (version 0), so the
     * gate guards it (a database with no applied migration is fresh and never refused).
     */
    private static Flyway loaded(TestDatabase db, Map<String, String> config) throws Exception {
        Map<String, String> baselined = new HashMap<>(config);
        baselined.put("flyway.baselineVersion", "0");
        Flyway flyway = Flyway.configure().configuration(baselined).load();
        String history = config.get("flyway.schemas") + ".flyway_schema_history";
        if (db.queryLong("SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + history + "')") == 0) {
            flyway.baseline();
        }
        return flyway;
    }

    private static long applied(TestDatabase db, String schema) throws Exception {
        return db.queryLong("SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL AND type <> 'BASELINE'");
    }

    @Test
    void tablesCreatedInThisRunMigrateWithTheFindingsPlayedDown(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir,
                "V1__create.sql", "CREATE TABLE g1_users (id bigint PRIMARY KEY, email text);",
                "V2__index.sql", "CREATE INDEX g1_users_email ON g1_users (email);\nALTER TABLE g1_users ALTER COLUMN email SET NOT NULL;",
                "V3__rename.sql", "ALTER TABLE g1_users RENAME COLUMN email TO mail;");
        MigrateResult result;
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            result = loaded(db, config(db, m, "g1")).migrate();
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("info ZDM101")
                    .contains("g1_users is created by V1__create.sql in this run"));
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("lint gate: 4 pending statement(s) in 3 migration(s)"));
        }
        assertThat(result.migrationsExecuted).isEqualTo(3);
    }

    @Test
    void aLockingMigrationOnABigTableIsRefusedBeforeAnythingIsApplied(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir,
                "V1__harmless.sql", "CREATE TABLE g2_t (id bigint PRIMARY KEY);",
                "V2__index.sql", "-- speeds up the report\nCREATE INDEX big_id ON data.big (id);");
        assertThatThrownBy(() -> loaded(db, config(db, m, "g2")).migrate())
                .hasRootCauseInstanceOf(ZdmLintGateException.class)
                .rootCause()
                .hasMessageContaining("refused to start migrate: 1 finding(s)")
                .hasMessageContaining("V2__index.sql:2:1: error ZDM101 CREATE INDEX on data.big takes a SHARE lock")
                .hasMessageContaining("[data.big has about 20,000 rows]")
                .hasMessageContaining("fix: CREATE INDEX CONCURRENTLY big_id ON data.big (id);")
                .hasMessageContaining("Nothing was applied");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'g2' AND tablename = 'g2_t'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'big_id'")).isZero();
    }

    /**
     * The gate runs at the first migration's BEFORE_EACH_MIGRATE (Flyway opens no connection for it); when that
     * migration does not run in a transaction, a refusal must still leave no failed history row: the next migrate,
     * with the finding fixed, runs without a repair.
     */
    @Test
    void aRefusalBeforeANonTransactionalMigrationLeavesNoFailedRow(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir,
                "V1__concurrent.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS big_x_conc ON data.big (x);",
                "V2__index.sql", "CREATE INDEX big_id_g8 ON data.big (id);");
        Flyway flyway = loaded(db, config(db, m, "g14"));
        assertThatThrownBy(flyway::migrate).hasRootCauseInstanceOf(ZdmLintGateException.class)
                .rootCause().hasMessageContaining("V2__index.sql:1:1: error ZDM101");
        assertThat(db.queryLong("SELECT count(*) FROM g14.flyway_schema_history WHERE NOT success OR version = '1'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname IN ('big_x_conc', 'big_id_g8')")).isZero();

        Files.writeString(m.resolve("V2__index.sql"), "CREATE INDEX CONCURRENTLY big_id_g8 ON data.big (id);");
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
        assertThat(applied(db, "g14")).isEqualTo(2);
    }

    @Test
    void theGateReadsSizesWithoutWaitingForATableSomeoneHoldsLocked(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir, "V1__index.sql", "CREATE INDEX big_id2 ON data.big (id);");
        try (Blocker holder = Blocker.holdLock(db, "data.big", LockMode.ACCESS_EXCLUSIVE)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> loaded(db, config(db, m, "g11")).migrate())
                    .rootCause().isInstanceOf(ZdmLintGateException.class).hasMessageContaining("[data.big has about 20,000 rows]");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(holder.finished()).isFalse();
        }
    }

    @Test
    void theLiveColumnTypeDecidesWhetherATypeChangeRewrites(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE data.names AS SELECT g AS id, ('n' || g)::varchar(20) AS name FROM generate_series(1, 20000) g",
                "ANALYZE data.names");
        // Static lint cannot tell (warning); the database says varchar(20) -> varchar(50) is binary compatible.
        Path widen = migrations(Files.createDirectories(dir.resolve("widen")), "V1__widen.sql",
                "ALTER TABLE data.names ALTER COLUMN name TYPE varchar(50);");
        Map<String, String> config = config(db, widen, "g12");
        config.put("flyway.zdm.lint.failOn", "warning");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(1);
            assertThat(log.messages()).noneSatisfy(l -> assertThat(l).contains("ZDM113"));
        }
        // varchar(50) -> varchar(10) shortens: a rewrite of a 20 000-row table.
        Path shorten = migrations(Files.createDirectories(dir.resolve("shorten")), "V1__shorten.sql",
                "ALTER TABLE data.names ALTER COLUMN name TYPE varchar(10);");
        assertThatThrownBy(() -> loaded(db, config(db, shorten, "g13")).migrate())
                .rootCause().isInstanceOf(ZdmLintGateException.class)
                .hasMessageContaining("error ZDM113 ALTER COLUMN name TYPE varchar(10) (from varchar(50)) shortens the column");
    }

    @Test
    void aSmallTableIsPlayedDownWithItsSizeInTheMessage(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir, "V1__index.sql", "CREATE INDEX small_x ON data.small (x);");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            loaded(db, config(db, m, "g3")).migrate();
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("info ZDM101")
                    .contains("[data.small has about 100 rows, below flyway.zdm.lint.smallTableRows=10000]"));
        }
        assertThat(applied(db, "g3")).isEqualTo(1);
    }

    @Test
    void smallTableRowsIsConfigurable(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir, "V1__index.sql", "CREATE INDEX small_x2 ON data.small (x);");
        Map<String, String> config = config(db, m, "g4");
        config.put("flyway.zdm.lint.smallTableRows", "50");
        assertThatThrownBy(() -> loaded(db, config).migrate())
                .hasRootCauseInstanceOf(ZdmLintGateException.class)
                .rootCause().hasMessageContaining("[data.small has about 100 rows]");
    }

    @Test
    void aNeverAnalyzedTableIsSizedFromTheStatistics(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE data.unanalyzed AS SELECT g AS id FROM generate_series(1, 30) g");
        Path m = migrations(dir, "V1__set_not_null.sql", "ALTER TABLE data.unanalyzed ALTER COLUMN id SET NOT NULL;",
                "V2__add.sql", "ALTER TABLE data.fresh ADD COLUMN y int NOT NULL;");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            loaded(db, config(db, m, "g5")).migrate();
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("info ZDM114").contains("data.unanalyzed has about 30 rows"));
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("info ZDM111").contains("data.fresh has about 0 rows, it is empty"));
        }
        assertThat(applied(db, "g5")).isEqualTo(2);
    }

    @Test
    void suppressionFailOnAndRuleSettingsAreHonoured(TestDatabase db, @TempDir Path dir) throws Exception {
        Path suppressed = migrations(dir.resolve("a").toFile().mkdirs() ? dir.resolve("a") : dir.resolve("a"),
                "V1__index.sql", "-- zdm:ignore ZDM101 built at night\nCREATE INDEX big_x1 ON data.big (x);");
        assertThat(loaded(db, config(db, suppressed, "g6")).migrate().migrationsExecuted).isEqualTo(1);

        Path dropIndex = migrations(dir.resolve("b").toFile().mkdirs() ? dir.resolve("b") : dir.resolve("b"),
                "V1__drop.sql", "DROP INDEX data.big_x_old;");
        Map<String, String> warning = config(db, dropIndex, "g7");
        warning.put("flyway.zdm.lint.failOn", "warning");
        assertThatThrownBy(() -> loaded(db, warning).migrate())
                .rootCause().hasMessageContaining("warning ZDM102").hasMessageContaining("failOn=warning");
        warning.put("flyway.zdm.lint.rules", "ZDM102:info");
        assertThat(loaded(db, warning).migrate().migrationsExecuted).isEqualTo(1);

        Path bigIndex = migrations(dir.resolve("c").toFile().mkdirs() ? dir.resolve("c") : dir.resolve("c"),
                "V1__index.sql", "CREATE INDEX big_x2 ON data.big (x);");
        Map<String, String> none = config(db, bigIndex, "g8");
        none.put("flyway.zdm.lint.failOn", "none");
        assertThat(loaded(db, none).migrate().migrationsExecuted).isEqualTo(1);
    }

    @Test
    void theGateCanBeSwitchedOffAndABadRuleSettingIsReported(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir, "V1__trunc.sql", "TRUNCATE data.small;");
        Map<String, String> config = config(db, m, "g9");
        config.put("flyway.zdm.lint.rules", "ZDM999:off");
        assertThatThrownBy(() -> Flyway.configure().configuration(config).load().migrate())
                .rootCause().hasMessageContaining("flyway.zdm.lint.rules").hasMessageContaining("unknown rule ZDM999");
        config.remove("flyway.zdm.lint.rules");
        config.put("flyway.zdm.lint.gate", "false");
        db.execute("CREATE TABLE data.scratch AS SELECT 1 AS id");
        Files.writeString(m.resolve("V1__trunc.sql"), "TRUNCATE data.scratch;");
        assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(1);
    }

    @Test
    void thePostgresVersionSettingSelectsVersionAwareRules(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE data.parted (k int) PARTITION BY RANGE (k)",
                "CREATE TABLE data.parted_0 PARTITION OF data.parted FOR VALUES FROM (0) TO (10)",
                "INSERT INTO data.parted SELECT g % 10 FROM generate_series(1, 20000) g", "ANALYZE data.parted_0");
        Path m = migrations(dir, "V1__detach.sql", "ALTER TABLE data.parted DETACH PARTITION data.parted_0;");
        Map<String, String> config = config(db, m, "g10");
        config.put("flyway.zdm.lint.smallTableRows", "0");
        config.put("flyway.zdm.postgresVersion", "13");
        // DETACH ... CONCURRENTLY does not exist before 14: nothing to report there.
        assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(1);
    }
}
