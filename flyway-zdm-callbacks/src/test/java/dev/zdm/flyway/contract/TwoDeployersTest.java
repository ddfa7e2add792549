package dev.zdm.flyway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.ChildJvm;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two deployers, each in a JVM of its own, run {@code zdm:expand} on the same history at the same moment: one applies
 * the expand, the other waits for it and then finds nothing left to do; the history holds each migration once. (A
 * deployer with no patience refusing, naming the holder, is {@code PhaseCommandsTest}'s.)
 */
@PostgresTest
class TwoDeployersTest {

    @Test
    void theSecondDeployerWaitsForTheFirstAndFindsTheWorkDone(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = dev.zdm.flyway.gate.GateFixture.migrations(dir.resolve("m"), "V1__slow_expand.sql",
                "-- zdm:phase=expand\nCREATE TABLE deploy_a (id int);\nSELECT pg_sleep(2);\n",
                "V2__contract.sql", "-- zdm:phase=contract\nDROP TABLE deploy_a;\n");
        List<String> outputs = run(db, dir, m, "two_deployers", "60s");
        assertThat(outputs).as("both finished: %s", outputs).allMatch(o -> o.startsWith("APPLIED"));
        assertThat(outputs).filteredOn(o -> o.contains("V1__slow_expand.sql")).hasSize(1);
        assertThat(db.queryLong("SELECT count(*) FROM two_deployers.flyway_schema_history WHERE version = '1' AND success")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM two_deployers.flyway_schema_history WHERE version = '2'")).isZero();
        assertThat(db.queryString("SELECT state FROM two_deployers.zdm_phase_state WHERE migration = 'V1__slow_expand.sql'"))
                .isEqualTo("done");
    }

    private static List<String> run(TestDatabase db, Path dir, Path migrations, String schema, String wait) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS " + schema); // both deployers find the history schema
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path log = dir.resolve("deployer-" + i + ".log");
            logs.add(log);
            children.add(ChildJvm.start(db, "deployer-" + i, log, PhaseCommandInChildJvm.class, "filesystem:" + migrations, schema, wait));
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            assertThat(children.get(i).waitFor(120, TimeUnit.SECONDS)).as("deployer %d ended", i).isTrue();
            String out = Files.readString(logs.get(i));
            outputs.add(out.lines().filter(l -> l.startsWith("APPLIED") || l.startsWith("REFUSED")).findFirst()
                    .orElse("NO RESULT: " + out));
        }
        return outputs;
    }
}
