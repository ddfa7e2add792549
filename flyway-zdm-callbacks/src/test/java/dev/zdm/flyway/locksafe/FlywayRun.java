package dev.zdm.flyway.locksafe;

import dev.zdm.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * A Flyway run for these tests. The tables under test live in {@code public} and are created by the
 * test itself; Flyway keeps its history in a schema of its own per run, so each run starts clean.
 */
final class FlywayRun {
    private final Map<String, String> config = new HashMap<>();

    private FlywayRun(TestDatabase db, String location, String historySchema) {
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/locksafe/" + location);
        config.put("flyway.schemas", historySchema);
    }

    static FlywayRun of(TestDatabase db, String location, String historySchema) {
        return new FlywayRun(db, location, historySchema);
    }

    FlywayRun set(String key, String value) {
        config.put(key, value);
        return this;
    }

    Flyway flyway() {
        return Flyway.configure().configuration(config).load();
    }

    MigrateResult migrate() {
        return flyway().migrate();
    }
}
