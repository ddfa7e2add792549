package dev.zdm.flyway;

import dev.zdm.flyway.internal.ZdmSettings;
import org.flywaydb.core.Flyway;

/** Run in a child JVM by {@link EnvironmentVariablesTest}: configures Flyway from the environment only. */
public final class EnvironmentProbe {
    private EnvironmentProbe() {
    }

    public static void main(String[] args) {
        try {
            Flyway flyway = Flyway.configure().envVars().load();
            flyway.info();
            System.out.println("SETTINGS " + ZdmSettings.of(flyway.getConfiguration()).summary());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("FAILED " + root.getClass().getSimpleName() + ": " + root.getMessage());
            System.exit(3);
        }
    }
}
