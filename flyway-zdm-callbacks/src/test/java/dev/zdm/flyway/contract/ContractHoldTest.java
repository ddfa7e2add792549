package dev.zdm.flyway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.migrations;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code migrate} with the extension on a database that serves an application: a pending contract migration is
 * held back (migrate returns, having applied the expand part), recorded, and runs once drain evidence holds; a fresh
 * database and {@code flyway.zdm.contract=allow} run everything.
 */
@PostgresTest
class ContractHoldTest {
    private static final String EXPAND = "-- zdm:phase=expand\nALTER TABLE data.users ADD COLUMN full_name text;\n";
    private static final String CONTRACT = "-- zdm:phase=contract\nALTER TABLE data.users DROP COLUMN legacy;\n";

    @BeforeAll
    static void tables(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA data", "CREATE TABLE data.users (id bigint PRIMARY KEY, legacy text)",
                "INSERT INTO data.users SELECT g, 'x' FROM generate_series(1, 100) g");
    }

    @Test
    void aContractMigrationWaitsForDrainEvidenceAndMigrateReturnsHavingAppliedTheExpand(TestDatabase db, @TempDir Path dir) throws Exception {
        Map<String, String> config = config(db, migrations(dir, "V1__users.sql", "ALTER TABLE data.users ADD COLUMN note text;\n"), "h1");
        Flyway.configure().configuration(config).load().migrate(); // the application's first release: history not empty
        migrations(dir, "V2__full_name.sql", EXPAND, "V3__drop_legacy.sql", CONTRACT, "V4__later.sql", "CREATE TABLE data.later (id int);\n");
        db.execute("ALTER TABLE data.users ADD COLUMN IF NOT EXISTS legacy text");

        Flyway flyway = Flyway.configure().configuration(config).load();
        MigrateResult result;
        try (CapturedLog log = new CapturedLog("dev.zdm.flyway.internal.contract")) {
            result = flyway.migrate();
            assertThat(String.join("\n", log.messages())).contains("holding back V3__drop_legacy.sql (contract) and 1 later migration(s) (V4__later.sql)")
                    .contains("the expand migration(s) before it are applied in this run")
                    .contains("migrate applies up to V2");
        }
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(column(db, "full_name")).isTrue();
        assertThat(column(db, "legacy")).as("the contract was held").isTrue();
        assertThat(flyway.getConfiguration().getTarget()).as("the user's target is back").isEqualTo(MigrationVersion.LATEST);
        assertThat(flyway.info().pending()).extracting(i -> i.getVersion().getVersion()).containsExactly("3", "4");
        assertThat(db.queryString("SELECT state || ' ' || version FROM h1.zdm_phase_state WHERE migration = 'V3__drop_legacy.sql'"))
                .isEqualTo("held 3");
        assertThat(db.queryString("SELECT state FROM h1.zdm_phase_state WHERE migration = 'V2__full_name.sql' AND phase = 'expand'"))
                .isEqualTo("done");

        MigrateResult again = Flyway.configure().configuration(config).load().migrate();
        assertThat(again.migrationsExecuted).as("no evidence yet: still held").isZero();
        assertThat(column(db, "legacy")).isTrue();

        Map<String, String> confirmed = new HashMap<>(config);
        confirmed.put("flyway.zdm.confirmDrained", "2");
        MigrateResult contracted = Flyway.configure().configuration(confirmed).load().migrate();
        assertThat(contracted.migrationsExecuted).isEqualTo(2);
        assertThat(column(db, "legacy")).isFalse();
        assertThat(db.queryString("SELECT state || ' ' || (SELECT i ->> 'status' FROM jsonb_array_elements(evidence -> 'items') i"
                + " WHERE i ->> 'source' = 'confirmation') FROM h1.zdm_phase_state"
                + " WHERE migration = 'V3__drop_legacy.sql'")).isEqualTo("done holds");
    }

    @Test
    void aFreshDatabaseRunsEverything(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE data.fresh (id int, legacy text)");
        Map<String, String> config = config(db, migrations(dir, "V1__add.sql", "-- zdm:phase=expand\nALTER TABLE data.fresh ADD COLUMN b int;\n",
                "V2__drop.sql", "-- zdm:phase=contract\nALTER TABLE data.fresh DROP COLUMN legacy;\n"), "h2");
        assertThat(Flyway.configure().configuration(config).load().migrate().migrationsExecuted).isEqualTo(2);
    }

    @Test
    void contractAllowRunsContractMigrationsWithTheOthers(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE data.allowed (id int, legacy text)");
        Map<String, String> config = config(db, migrations(dir, "V1__first.sql", "SELECT 1;\n"), "h3");
        Flyway.configure().configuration(config).load().migrate();
        migrations(dir, "V2__drop.sql", "-- zdm:phase=contract\nALTER TABLE data.allowed DROP COLUMN legacy;\n");
        config.put("flyway.zdm.contract", "allow");
        assertThat(Flyway.configure().configuration(config).load().migrate().migrationsExecuted).isEqualTo(1);
    }

    @Test
    void aUserTargetBelowTheHoldIsKept(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE data.targeted (id int, legacy text)");
        Map<String, String> config = config(db, migrations(dir, "V1__first.sql", "SELECT 1;\n"), "h4");
        Flyway.configure().configuration(config).load().migrate();
        migrations(dir, "V2__a.sql", "ALTER TABLE data.targeted ADD COLUMN a int;\n", "V3__b.sql", "ALTER TABLE data.targeted ADD COLUMN b int;\n",
                "V4__drop.sql", "-- zdm:phase=contract\nALTER TABLE data.targeted DROP COLUMN legacy;\n");
        config.put("flyway.target", "2");
        Flyway flyway = Flyway.configure().configuration(config).load();
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
        assertThat(flyway.getConfiguration().getTarget().getVersion()).isEqualTo("2");
    }

    @Test
    void aMigrateThatFailsValidationAfterTheHoldLeavesTheTargetAsTheUserSetIt(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE data.failing (id int, legacy text)");
        Map<String, String> config = config(db, migrations(dir, "V1__first.sql", "SELECT 1;\n"), "h5");
        Flyway.configure().configuration(config).load().migrate();
        migrations(dir, "V2__add.sql", "-- zdm:phase=expand\nALTER TABLE data.failing ADD COLUMN b int;\n",
                "V3__drop.sql", "-- zdm:phase=contract\nALTER TABLE data.failing DROP COLUMN legacy;\n");
        Path first = dir.resolve("V1__first.sql");
        String firstText = java.nio.file.Files.readString(first);
        java.nio.file.Files.delete(first); // validation fails after the hold decided: V1 applied but not resolved
        Flyway flyway = Flyway.configure().configuration(config).load();
        org.assertj.core.api.Assertions.assertThatThrownBy(flyway::migrate).hasMessageContaining("not resolved locally");
        assertThat(flyway.getConfiguration().getTarget()).as("restored by the failed migrate").isEqualTo(MigrationVersion.LATEST);

        java.nio.file.Files.writeString(first, firstText);
        MigrateResult result = flyway.migrate(); // the same Flyway, as an application retrying would
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).as("V2 applied, V3 held").isEqualTo(1);
        assertThat(flyway.getConfiguration().getTarget()).isEqualTo(MigrationVersion.LATEST);
        assertThat(flyway.info().pending()).extracting(i -> i.getVersion().getVersion()).containsExactly("3");
    }

    private static boolean column(TestDatabase db, String name) throws Exception {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'data' AND table_name = 'users'"
                + " AND column_name = '" + name + "'") == 1;
    }
}
