package dev.zdm.flyway.resume;

import dev.zdm.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migration files written by the test into a folder of their own (so that a test can edit them between runs, as a
 * user would), and the Flyway configuration that applies them with flyway-zdm: a history schema of its own per test,
 * Flyway's session-level advisory lock (flyway-zdm's default, set explicitly) under which a failed non-transactional
 * migration leaves its failed row.
 */
final class Migrations {
    private final TestDatabase db;
    private final Path dir;
    private final String historySchema;
    private final Map<String, String> settings = new HashMap<>();

    Migrations(TestDatabase db, Path dir, String historySchema) {
        this.db = db;
        this.dir = dir;
        this.historySchema = historySchema;
    }

    Migrations write(String file, String sql) throws IOException {
        Files.writeString(dir.resolve(file), sql, StandardCharsets.UTF_8);
        return this;
    }

    Migrations set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + dir.toAbsolutePath());
        config.put("flyway.schemas", historySchema);
        config.put("flyway.postgresql.transactional.lock", "false");
        config.putAll(settings);
        return config;
    }

    MigrateResult migrate() {
        return Flyway.configure().configuration(config()).load().migrate();
    }

    String history() {
        return historySchema + ".flyway_schema_history";
    }

    String progress() {
        return historySchema + ".zdm_statement_progress";
    }
}
