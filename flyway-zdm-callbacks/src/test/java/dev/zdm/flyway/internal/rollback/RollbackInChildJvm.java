package dev.zdm.flyway.internal.rollback;

import dev.zdm.flyway.ZdmCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/** {@code ZdmCommands.rollback()} in a JVM of its own, to be killed with SIGKILL mid-way by {@link KilledRollbackTest}. */
public final class RollbackInChildJvm {
    private final Process process;

    private RollbackInChildJvm(Process process) {
        this.process = process;
    }

    /** Arguments: key=value Flyway settings, and {@code zdm.rollbackTo=<version>}. */
    public static void main(String[] args) {
        Map<String, String> config = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            config.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String rollbackTo = config.remove("zdm.rollbackTo");
        System.out.println(ZdmCommands.of(Flyway.configure().configuration(config).load())
                .rollback(RollbackOptions.defaults().withRollbackTo(rollbackTo)).toText());
    }

    /** Starts the child with {@code config}; its connections carry {@code ApplicationName=applicationName}. */
    static RollbackInChildJvm start(Map<String, String> config, String applicationName, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), RollbackInChildJvm.class.getName()));
        config.forEach((k, v) -> command.add(k + "=" + (k.equals("flyway.url") ? v + (v.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName : v)));
        return new RollbackInChildJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    boolean alive() {
        return process.isAlive();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM did not die");
        }
    }
}
