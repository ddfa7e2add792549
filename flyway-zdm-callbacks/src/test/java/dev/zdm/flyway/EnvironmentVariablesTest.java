package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** FLYWAY_ZDM_* variables, read by Flyway's {@code envVars()} through our mapping, in a child JVM with its own environment. */
@PostgresTest
class EnvironmentVariablesTest {

    private record Run(int exitCode, String output) {
    }

    private static Run probe(TestDatabase db, Map<String, String> zdmVariables) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EnvironmentProbe.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("FLYWAY_"));
        pb.environment().put("FLYWAY_URL", db.jdbcUrl());
        pb.environment().put("FLYWAY_USER", db.user());
        if (db.password() != null) {
            pb.environment().put("FLYWAY_PASSWORD", db.password());
        }
        pb.environment().putAll(zdmVariables);
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void aKnownVariableSetsItsKey(TestDatabase db) throws Exception {
        Run run = probe(db, Map.of("FLYWAY_ZDM_ENABLED", "false"));
        assertThat(run.output()).contains("SETTINGS enabled=false");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void withoutVariablesTheDefaultsApply(TestDatabase db) throws Exception {
        Run run = probe(db, Map.of());
        assertThat(run.output()).contains("SETTINGS enabled=true");
    }

    @Test
    void anUnknownZdmVariableIsReportedNotIgnored(TestDatabase db) throws Exception {
        Run run = probe(db, Map.of("FLYWAY_ZDM_ENABELD", "false"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).contains("Unknown flyway-zdm setting: flyway.zdm.enabeld").contains("Did you mean flyway.zdm.enabled?");
    }
}
