package dev.zdm.flyway.contract;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.flyway.internal.contract.PhaseReport;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdm:expand} and {@code zdm:contract} through the command facade, on a real database. */
@PostgresTest
class PhaseCommandsTest {

    @Test
    void expandStopsBeforeTheContractEvenOnAFreshHistoryAndContractNeedsEvidence(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS data", "CREATE TABLE data.accounts (id int PRIMARY KEY, name text)");
        Map<String, String> config = config(db, migrations(dir,
                "V1__display_name.sql", "-- zdm:phase=expand\nALTER TABLE data.accounts ADD COLUMN display_name text;\n",
                "V2__drop_name.sql", "-- zdm:phase=contract\nALTER TABLE data.accounts DROP COLUMN name;\n"), "pc1");
        Flyway flyway = Flyway.configure().configuration(config).load();

        PhaseReport expand = ZdmCommands.of(flyway).expand();
        assertThat(expand.applied()).containsExactly("V1__display_name.sql");
        assertThat(expand.held()).containsExactly("V2__drop_name.sql (contract)");
        assertThat(expand.toText()).contains("held back: V2__drop_name.sql (contract)").contains("-Dzdm.confirmDrained=1");
        assertThat(hasColumn(db, "name")).isTrue();
        String status = ZdmCommands.of(flyway).status().toText();
        assertThat(status).contains("held back: V2__drop_name.sql (contract) (drain evidence does not hold)")
                .contains("confirmation: missing").contains("V2__drop_name.sql contract: held")
                .containsPattern("2 +Pending +contract +drop name");

        assertThatThrownBy(() -> ZdmCommands.of(flyway).contract()).isInstanceOf(ZdmContractHeldException.class)
                .satisfies(e -> assertThat(((ZdmError) e).code()).isEqualTo(ZdmErrorCode.CONTRACT_HELD))
                .hasMessageContaining("zdm:contract refused: V2__drop_name.sql (contract) waits: drain evidence does not hold")
                .hasMessageContaining("-Dzdm.confirmDrained=1").hasMessageContaining("Nothing was applied");
        assertThat(hasColumn(db, "name")).isTrue();
        assertThat(db.queryString("SELECT state FROM pc1.zdm_phase_state WHERE migration = 'V2__drop_name.sql'")).isEqualTo("held");

        PhaseReport contract = ZdmCommands.of(flyway).contract("1");
        assertThat(contract.applied()).containsExactly("V2__drop_name.sql");
        assertThat(contract.evidence()).anyMatch(l -> l.startsWith("confirmation: holds"));
        assertThat(hasColumn(db, "name")).isFalse();
        assertThat(db.queryString("SELECT state || ' ' || (who ->> 'databaseUser') FROM pc1.zdm_phase_state WHERE migration = 'V2__drop_name.sql'"))
                .isEqualTo("done postgres");

        assertThat(ZdmCommands.of(flyway).contract().applied()).as("nothing left").isEmpty();
        assertThat(ZdmCommands.of(flyway).status().toText()).contains("V2__drop_name.sql contract: done")
                .containsPattern("2 +Success +contract +drop name");
    }

    @Test
    void aSecondDeployerWaitsThenRefusesNamingTheFirst(TestDatabase db, @TempDir Path dir) throws Exception {
        Map<String, String> config = config(db, migrations(dir, "V1__t.sql", "CREATE TABLE data.deployers (id int);\n"), "pc2");
        config.put("flyway.zdm.drain.deployerWait", "300ms");
        db.execute("CREATE SCHEMA IF NOT EXISTS data", "CREATE SCHEMA IF NOT EXISTS pc2");
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        props.setProperty("ApplicationName", "deployer-one");
        try (Connection other = DriverManager.getConnection(db.jdbcUrl(), props)) {
            other.createStatement().execute("SELECT pg_advisory_lock(" + dev.zdm.core.state.StateLocks.DEPLOY + ", hashtext('pc2'))");
            Flyway flyway = Flyway.configure().configuration(config).load();
            assertThatThrownBy(() -> ZdmCommands.of(flyway).expand()).isInstanceOf(FlywayException.class)
                    .hasMessageContaining("another deployer is running a phase command on the history in schema pc2")
                    .hasMessageContaining("application deployer-one").hasMessageContaining("Nothing was applied");
        }
        assertThat(ZdmCommands.of(Flyway.configure().configuration(config).load()).expand().applied()).containsExactly("V1__t.sql");
    }

    private static boolean hasColumn(TestDatabase db, String name) throws Exception {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'data' AND table_name = 'accounts'"
                + " AND column_name = '" + name + "'") == 1;
    }
}
