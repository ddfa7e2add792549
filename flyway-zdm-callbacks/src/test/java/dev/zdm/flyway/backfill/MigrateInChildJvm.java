package dev.zdm.flyway.backfill;

import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Run by {@link BackfillKillTest} in a JVM of its own, to be killed with SIGKILL while it migrates. */
public final class MigrateInChildJvm {
    private MigrateInChildJvm() {
    }

    /** Arguments: JDBC URL (with ApplicationName), user, password or "-", location. */
    public static void main(String[] args) {
        Map<String, String> config = new HashMap<>();
        config.put("flyway.url", args[0]);
        config.put("flyway.user", args[1]);
        if (!args[2].equals("-")) {
            config.put("flyway.password", args[2]);
        }
        config.put("flyway.locations", args[3]);
        config.put("flyway.postgresql.transactional.lock", "false");
        Flyway.configure().configuration(config).load().migrate();
        System.out.println("MIGRATED");
    }
}
