package dev.zdm.flyway.contract;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract migration after a background backfill waits for the job, whatever the drain evidence: migrate holds it
 * (and zdm:contract refuses) while the job is queued, and applies it once a runner finished the job.
 */
@PostgresTest
class ContractWaitsForBackgroundBackfillTest {

    @Test
    void theContractRunsOnlyOnceTheBackgroundJobIsDone(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS bg", "CREATE TABLE bg.users (id bigint PRIMARY KEY, email text, legacy text, domain text)",
                "INSERT INTO bg.users SELECT g, 'u' || g || '@example.org', 'x', NULL FROM generate_series(1, 20000) g", "ANALYZE bg.users");
        Map<String, String> config = config(db, migrations(dir, "V1__start.sql", "SELECT 1;\n"), "bg_history");
        Flyway.configure().configuration(config).load().migrate();
        migrations(dir, "V2__backfill_domain.sql", "-- zdm:phase=migrate\n-- zdm:batched key=id size=5000 background\n"
                        + "UPDATE bg.users SET domain = split_part(email, '@', 2) WHERE domain IS NULL;\n",
                "V3__drop_legacy.sql", "-- zdm:phase=contract\nALTER TABLE bg.users DROP COLUMN legacy;\n");
        Flyway.configure().configuration(config).load().migrate(); // V2 records the job; V3 waits (its expand just ran)
        assertThat(db.queryLong("SELECT count(*) FROM bg.users WHERE domain IS NULL")).as("the job is only queued").isEqualTo(20000);

        Map<String, String> confirmed = new HashMap<>(config);
        confirmed.put("flyway.zdm.confirmDrained", "2");
        Flyway drained = Flyway.configure().configuration(confirmed).load();
        try (CapturedLog log = new CapturedLog("dev.zdm.flyway.internal.contract")) {
            assertThat(drained.migrate().migrationsExecuted).as("drained, but the job is not done").isZero();
            assertThat(String.join("\n", log.messages())).contains("holding back V3__drop_legacy.sql (contract)")
                    .contains("background backfill(s) not done yet: V2__backfill_domain.sql#");
        }
        assertThatThrownBy(() -> ZdmCommands.of(drained).contract()).isInstanceOf(ZdmContractHeldException.class)
                .hasMessageContaining("background backfill(s) not done yet").hasMessageContaining("mvn zdm:backfill");

        assertThat(ZdmCommands.of(drained).backfill().succeeded()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM bg.users WHERE domain IS NULL")).isZero();
        assertThat(drained.migrate().migrationsExecuted).as("applied once the job is done").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'bg' AND column_name = 'legacy'"))
                .isZero();
    }
}
