package dev.zdm.flyway.resume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;

/**
 * {@code flyway migrate} in a JVM of its own, to be killed with SIGKILL at a chosen moment. The child's connections
 * carry an application_name so that the test can watch them and wait until the server has ended them.
 */
final class ChildMigration {
    private final Process process;
    private final Path log;

    private ChildMigration(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Arguments: key=value Flyway settings. */
    public static void main(String[] args) {
        Map<String, String> config = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            config.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Flyway.configure().configuration(config).load().migrate();
        System.out.println("MIGRATED");
    }

    /** Starts the child with {@code config}; its JDBC URL gets {@code ApplicationName=applicationName}. */
    static ChildMigration start(Map<String, String> config, String applicationName, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), ChildMigration.class.getName()));
        config.forEach((k, v) -> {
            String value = k.equals("flyway.url") ? v + (v.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName : v;
            command.add(k + "=" + value);
        });
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return new ChildMigration(pb.start(), log);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM did not die");
        }
    }

    /** Waits for the child to end by itself; returns its exit code. */
    int await() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish");
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
