package dev.zdm.flyway.gate;

import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Migrations written into a temporary folder, and Flyway on a fresh or an already-serving database. */
public final class GateFixture {
    private GateFixture() {
    }

    public static Map<String, String> config(TestDatabase db, Path migrations, String schema) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + migrations);
        config.put("flyway.schemas", schema);
        return config;
    }

    public static Path migrations(Path dir, String... nameAndText) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < nameAndText.length; i += 2) {
            Files.writeString(dir.resolve(nameAndText[i]), nameAndText[i + 1]);
        }
        return dir;
    }

    static Flyway fresh(Map<String, String> config) {
        return Flyway.configure().configuration(config).load();
    }

    /** A database already serving an application: its history holds a baseline row (version 0). */
    static Flyway loaded(TestDatabase db, Map<String, String> config) throws Exception {
        Map<String, String> baselined = new HashMap<>(config);
        baselined.put("flyway.baselineVersion", "0");
        Flyway flyway = Flyway.configure().configuration(baselined).load();
        if (db.queryLong("SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + config.get("flyway.schemas") + ".flyway_schema_history')") == 0) {
            flyway.baseline();
        }
        return flyway;
    }
}
