package dev.zdm.flyway.gate;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.loaded;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.api.ZdmLintGateException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phase a migration declares ({@code -- zdm:phase=}) as the migrate-time gate judges it on a database already serving
 * an application: a breaking statement in an expand is refused before anything is applied; in a contract it is expected.
 */
@PostgresTest
class GatePhaseTest {

    @BeforeAll
    static void tables(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA data",
                "CREATE TABLE data.users (id bigint PRIMARY KEY, email text, legacy text, old_note text, spare text)",
                "INSERT INTO data.users (id, email) SELECT g, 'u' || g || '@x' FROM generate_series(1, 100) g", "ANALYZE data.users");
    }

    private static long columns(TestDatabase db, String column) throws Exception {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'data' AND table_name = 'users'"
                + " AND column_name = '" + column + "'");
    }

    @Test
    void aPendingExpandThatDropsAColumnIsRefusedBeforeAnythingIsApplied(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir.resolve("m"),
                "V1__nickname.sql", "ALTER TABLE data.users ADD COLUMN nickname text;\n",
                "V2__expand.sql", "-- zdm:phase=expand\n\nALTER TABLE data.users ADD COLUMN display text;\nALTER TABLE data.users DROP COLUMN legacy;\n");
        Map<String, String> config = config(db, m, "ph1");
        assertThatThrownBy(() -> loaded(db, config).migrate()).rootCause().isInstanceOf(ZdmLintGateException.class)
                .hasMessageContaining("V2__expand.sql:4:1: error ZDM151")
                .hasMessageContaining("ALTER TABLE data.users DROP COLUMN legacy")
                .hasMessageContaining("-- zdm:phase=expand");
        assertThat(columns(db, "legacy")).as("the drop was not applied").isEqualTo(1);
        assertThat(columns(db, "nickname")).as("nor the migration before it").isZero();
        assertThat(columns(db, "display")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM ph1.flyway_schema_history WHERE version IN ('1', '2')")).isZero();
    }

    @Test
    void aContractMigrationMayDropAColumn(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir.resolve("m"), "V1__contract.sql", "-- zdm:phase=contract\n\nALTER TABLE data.users DROP COLUMN old_note;\n");
        Map<String, String> config = config(db, m, "ph2");
        config.put("flyway.zdm.contract", "allow"); // the hold of contract migrations is ContractHoldTest's
        assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(1);
        assertThat(columns(db, "old_note")).isZero();
    }

    @Test
    void strictTreatsAnUndeclaredDropAsAContractStep(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir.resolve("m"), "V1__drop.sql", "ALTER TABLE data.users DROP COLUMN spare;\n");
        Map<String, String> config = config(db, m, "ph3");
        assertThatThrownBy(() -> loaded(db, config).migrate()).rootCause().isInstanceOf(ZdmLintGateException.class)
                .hasMessageContaining("V1__drop.sql:1:1: error ZDM122");
        assertThat(columns(db, "spare")).isEqualTo(1);
        config.put("flyway.zdm.phases", "strict");
        config.put("flyway.zdm.contract", "allow");
        assertThat(loaded(db, config).migrate().migrationsExecuted).isEqualTo(1);
        assertThat(columns(db, "spare")).isZero();
    }
}
