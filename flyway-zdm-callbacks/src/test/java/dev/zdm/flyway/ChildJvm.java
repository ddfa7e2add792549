package dev.zdm.flyway;

import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tests that run Flyway in a JVM of its own (to kill it with SIGKILL, or to have two processes race): the child is
 * started with the test's class path, the database's URL with an {@code ApplicationName}, its user and password, then
 * the test's own arguments; its {@code main} reads the first three back with {@link #flywayConnection(String[])}.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code main} in a new JVM, its output (both streams) in {@code log}. */
    public static Process start(TestDatabase db, String applicationName, Path log, Class<?> main, String... arguments) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
        // quick start-up flags: the children are short-lived
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName(), url, db.user(), db.password() == null ? "-" : db.password()));
        command.addAll(List.of(arguments));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /** In the child: {@code flyway.url}, {@code flyway.user} and {@code flyway.password} from the first three arguments. */
    public static Map<String, String> flywayConnection(String[] args) {
        Map<String, String> config = new HashMap<>();
        config.put("flyway.url", args[0]);
        config.put("flyway.user", args[1]);
        if (!args[2].equals("-")) {
            config.put("flyway.password", args[2]);
        }
        return config;
    }
}
