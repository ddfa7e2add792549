package dev.zdm.flyway.contract;

import dev.zdm.flyway.ChildJvm;
import dev.zdm.flyway.ZdmCommands;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Run by {@link TwoDeployersTest} in a JVM of its own: one deployer running {@code zdm:expand}. */
public final class PhaseCommandInChildJvm {
    private PhaseCommandInChildJvm() {
    }

    /** Arguments: JDBC URL (with ApplicationName), user, password or "-", location, schema, deployerWait. */
    public static void main(String[] args) {
        Map<String, String> config = ChildJvm.flywayConnection(args);
        config.put("flyway.locations", args[3]);
        config.put("flyway.schemas", args[4]);
        config.put("flyway.zdm.drain.deployerWait", args[5]);
        try {
            System.out.println("APPLIED " + ZdmCommands.of(Flyway.configure().configuration(config).load()).expand().applied());
        } catch (FlywayException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
