package dev.zdm.flyway.backfill;

import dev.zdm.flyway.ChildJvm;
import dev.zdm.core.backfill.BackfillReport;
import dev.zdm.flyway.ZdmCommands;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Run by {@link BackfillRunnersKillTest} in a JVM of its own: {@code ZdmCommands.backfill()}, killed with SIGKILL or not. */
public final class BackfillRunnerInChildJvm {
    private BackfillRunnerInChildJvm() {
    }

    /** Arguments: JDBC URL (with ApplicationName), user, password or "-", location. */
    public static void main(String[] args) {
        Map<String, String> config = ChildJvm.flywayConnection(args);
        config.put("flyway.locations", args[3]);
        BackfillReport report = ZdmCommands.of(Flyway.configure().configuration(config).load()).backfill();
        System.out.println(report.toText());
        System.out.println(report.succeeded() ? "RUNNER DONE" : "RUNNER FAILED");
    }
}
