package dev.zdm.flyway.backfill;

import dev.zdm.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Shared set-up of the Flyway backfill tests. */
final class FlywayBackfillTests {
    private FlywayBackfillTests() {
    }

    /**
     * Connection settings, one location, and Flyway's session-level advisory lock (the flyway-zdm default, set here
     * explicitly): with it a failed non-transactional migration leaves its failed row in the history.
     */
    static Map<String, String> config(TestDatabase db, String location) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", location);
        config.put("flyway.postgresql.transactional.lock", "false");
        return config;
    }

    static Flyway flyway(Map<String, String> config) {
        return Flyway.configure().configuration(config).load();
    }

    static void emptySchema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
    }
}
