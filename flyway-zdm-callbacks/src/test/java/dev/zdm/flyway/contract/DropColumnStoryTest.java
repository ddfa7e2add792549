package dev.zdm.flyway.contract;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's drop-column story: the contract that drops {@code users.legacy_name} is refused while a session of the
 * old application is connected, refused again once it left (no soak configured, no confirmation: absence of sessions
 * alone is not proof), and accepted with the operator's confirmation; {@code zdm:status} shows each state.
 */
@PostgresTest
class DropColumnStoryTest {

    @Test
    void contractWaitsForTheOldApplicationThenForEvidence(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS shop", "CREATE TABLE shop.users (id bigint PRIMARY KEY, legacy_name text, name text)");
        Map<String, String> config = config(db, migrations(dir, "V1__start.sql", "SELECT 1;\n"), "drop_story");
        config.put("flyway.zdm.drain.oldApplicationName", "orders-v1*");
        Flyway.configure().configuration(config).load().migrate();
        migrations(dir, "V2__stop_writing_legacy_name.sql", "-- zdm:phase=expand\nALTER TABLE shop.users ALTER COLUMN legacy_name DROP DEFAULT;\n",
                "V3__drop_legacy_name.sql", "-- zdm:phase=contract\nALTER TABLE shop.users DROP COLUMN legacy_name;\n");
        Flyway flyway = Flyway.configure().configuration(config).load();
        ZdmCommands commands = ZdmCommands.of(flyway);
        assertThat(commands.expand().held()).containsExactly("V3__drop_legacy_name.sql (contract)");

        try (Connection old = db.connect("orders-v1.4")) {
            assertThat(old.isValid(1)).isTrue();
            assertThatThrownBy(() -> commands.contract("2")).isInstanceOf(ZdmContractHeldException.class)
                    .hasMessageContaining("sessions").hasMessageContaining("orders-v1.4");
            assertThat(commands.status().toText()).contains("V3__drop_legacy_name.sql contract: held")
                    .contains("sessions: against").contains("orders-v1.4");
        }
        assertThatThrownBy(commands::contract).isInstanceOf(ZdmContractHeldException.class)
                .hasMessageContaining("confirmation").hasMessageContaining("-Dzdm.confirmDrained=2");
        assertThat(commands.status().toText()).contains("sessions: holds").contains("confirmation: missing");
        assertThat(column(db)).isTrue();

        assertThat(commands.contract("2").applied()).containsExactly("V3__drop_legacy_name.sql");
        assertThat(column(db)).isFalse();
        assertThat(commands.status().toText()).contains("V3__drop_legacy_name.sql contract: done");
        assertThat(db.queryString("SELECT (SELECT i ->> 'status' FROM jsonb_array_elements(evidence -> 'items') i"
                + " WHERE i ->> 'source' = 'sessions') FROM drop_story.zdm_phase_state WHERE migration = 'V3__drop_legacy_name.sql'"))
                .isEqualTo("holds");
    }

    private static boolean column(TestDatabase db) throws Exception {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'shop' AND table_name = 'users'"
                + " AND column_name = 'legacy_name'") == 1;
    }
}
