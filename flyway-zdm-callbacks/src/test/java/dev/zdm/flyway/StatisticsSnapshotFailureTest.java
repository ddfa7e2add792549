package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The statistics snapshot at the start of a migrate never fails the migrate: here its INSERT breaks a NOT NULL. */
@PostgresTest
class StatisticsSnapshotFailureTest {

    private static Map<String, String> config(TestDatabase db, String migrations, String target) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/verify/" + migrations);
        config.put("flyway.schemas", "snapfail");
        config.put("flyway.postgresql.transactional.lock", "false");
        if (target != null) {
            config.put("flyway.target", target);
        }
        return config;
    }

    @Test
    void aFailedSnapshotIsLoggedAndTheMigrateGoesOn(TestDatabase db) throws Exception {
        Map<String, String> upToV1 = config(db, "scans", "1");
        Flyway.configure().configuration(upToV1).load().migrate();
        ZdmCommands.of(Flyway.configure().configuration(upToV1).load()).snapshotStatistics();
        db.execute("ALTER TABLE snapfail.zdm_stats_snapshot ADD COLUMN broken int NOT NULL DEFAULT 0",
                "ALTER TABLE snapfail.zdm_stats_snapshot ALTER COLUMN broken DROP DEFAULT");

        Flyway.configure().configuration(config(db, "scans", null)).load().migrate();

        assertThat(db.queryLong("SELECT count(*) FROM snapfail.flyway_schema_history WHERE version = '2' AND success")).isEqualTo(1);
        assertThat(db.queryString("SELECT DISTINCT taken_by FROM snapfail.zdm_stats_snapshot")).as("the previous snapshot is kept")
                .isEqualTo("snapshotStatistics");
    }
}
