package dev.zdm.samples.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The Flyway of a demo run at a given step: the base schema ({@code db/demo/base}) plus the migration sets of steps
 * 1..n of the mode, in the run's schema. flyway-zdm mode: the extension active, found on the classpath as in any
 * project, with the old application's name as drain evidence and backfill batches of about 100 ms (the default is
 * 200 ms): an application write to a row a batch has just updated waits for that batch to commit, so the batch
 * duration, not the lock timeout, bounds that wait, and a loaded machine stretches a batch to twice its target. Naive mode: the same jar present but
 * {@code flyway.zdm.enabled=false}, so Flyway runs as if it were absent.
 */
final class ShopMigrations {
    static final String BACKFILL_BATCH = "100ms";

    private final ShopDatabase database;
    private final Mode mode;

    ShopMigrations(ShopDatabase database, Mode mode) {
        this.database = database;
        this.mode = mode;
    }

    /** Flyway with the base schema and the migration sets of the first {@code steps} steps. */
    Flyway flyway(int steps) {
        List<String> locations = new ArrayList<>();
        locations.add("classpath:db/demo/base");
        for (int i = 1; i <= steps; i++) {
            locations.add("classpath:" + mode.migrations() + "/step" + i);
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("flyway.url", database.url());
        if (database.user() != null) {
            config.put("flyway.user", database.user());
        }
        if (database.password() != null) {
            config.put("flyway.password", database.password());
        }
        config.put("flyway.schemas", database.schema());
        config.put("flyway.locations", String.join(",", locations));
        if (mode == Mode.ZDM) {
            config.put("flyway.zdm.drain.oldApplicationName", ShopVersion.V1.applicationName());
            config.put("flyway.zdm.backfill.targetBatchDuration", BACKFILL_BATCH);
        } else {
            config.put("flyway.zdm.enabled", "false");
        }
        return Flyway.configure(ShopMigrations.class.getClassLoader()).configuration(config).load();
    }
}
