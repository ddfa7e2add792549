package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flyway.zdm.postgresVersion=19} through the real Flyway API: the gate lints for PostgreSQL 19, whose fix for
 * VACUUM FULL is {@code REPACK (CONCURRENTLY)}, while the live server's own major keeps the fix of its time.
 */
@PostgresTest
class PostgresVersion19GateTest {

    @BeforeAll
    static void table(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA data",
                "CREATE TABLE data.big AS SELECT g AS id FROM generate_series(1, 20000) g", "ANALYZE data.big");
    }

    private static Map<String, String> config(TestDatabase db, Path dir, String schema) throws Exception {
        Files.writeString(dir.resolve("V1__compact.sql"), "VACUUM FULL data.big;");
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + dir);
        config.put("flyway.schemas", schema);
        config.put("flyway.baselineVersion", "0"); // a database in use: a fresh one is not gated
        return config;
    }

    @Test
    void postgresVersion19IsAcceptedAndItsFixIsRepackConcurrently(TestDatabase db, @TempDir Path dir) throws Exception {
        Map<String, String> config = config(db, dir, "v19");
        config.put("flyway.zdm.postgresVersion", "19");
        assertThatThrownBy(() -> GateLiveSchemaTest.inUse(Flyway.configure().configuration(config).load()).migrate()).rootCause()
                .hasMessageContaining("on this PostgreSQL 19 database")
                .hasMessageContaining("ZDM130")
                .hasMessageContaining("REPACK (CONCURRENTLY) data.big;");
    }

    @Test
    void theLiveServersMajorKeepsThePlainVacuumFix(TestDatabase db, @TempDir Path dir) throws Exception {
        Map<String, String> config = config(db, dir, "live");
        assertThatThrownBy(() -> GateLiveSchemaTest.inUse(Flyway.configure().configuration(config).load()).migrate()).rootCause()
                .hasMessageContaining("ZDM130")
                .hasMessageContaining("VACUUM data.big;")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("REPACK (CONCURRENTLY)"));
    }
}
