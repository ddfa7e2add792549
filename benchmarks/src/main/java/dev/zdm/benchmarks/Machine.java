package dev.zdm.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Where and when the numbers were measured, written at the top of both results files.
 *
 * @param loadAverage the one-minute load average when the run started (another build on the machine shows here),
 *                    negative where the platform does not report it
 */
public record Machine(Instant date, int cores, String cpu, long memoryBytes, String os, String java, String postgres,
                      String server, double loadAverage) {

    static Machine describe(BenchmarkContext context) throws SQLException {
        String postgres;
        try (Connection c = context.server().connectAdmin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            postgres = rs.getString(1);
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        return new Machine(Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), cpuModel(),
                memory, System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + Runtime.version(), postgres, context.server().kind(), os.getSystemLoadAverage());
    }

    /** {@code 2 cores (Intel Xeon ...), 23.4 GiB memory, Linux ..., Java ..., PostgreSQL 15.8 (external server)}. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(cores).append(cores == 1 ? " core" : " cores");
        if (cpu != null) {
            s.append(" (").append(cpu).append(')');
        }
        if (memoryBytes > 0) {
            s.append(String.format(Locale.ROOT, ", %.1f GiB memory", memoryBytes / (1024.0 * 1024 * 1024)));
        }
        s.append(", ").append(os).append(", Java ").append(java).append(", PostgreSQL ").append(postgres)
                .append(" (").append(server).append(" server)");
        if (loadAverage >= 0) {
            s.append(String.format(Locale.ROOT, ", load average %.2f at the start", loadAverage));
        }
        return s.toString();
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(cpuinfo);
            return lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
