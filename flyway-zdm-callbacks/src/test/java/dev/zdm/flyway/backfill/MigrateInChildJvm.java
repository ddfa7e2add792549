package dev.zdm.flyway.backfill;

import dev.zdm.flyway.ChildJvm;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Run by {@link BackfillKillTest} in a JVM of its own, to be killed with SIGKILL while it migrates. */
public final class MigrateInChildJvm {
    private MigrateInChildJvm() {
    }

    /** Arguments: JDBC URL (with ApplicationName), user, password or "-", location. */
    public static void main(String[] args) {
        Map<String, String> config = ChildJvm.flywayConnection(args);
        config.put("flyway.locations", args[3]);
        config.put("flyway.postgresql.transactional.lock", "false");
        Flyway.configure().configuration(config).load().migrate();
        System.out.println("MIGRATED");
    }
}
