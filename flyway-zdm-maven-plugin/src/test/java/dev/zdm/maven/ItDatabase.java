package dev.zdm.maven;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.test.server.PostgresServer;
import dev.zdm.test.server.PostgresServers;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The database of an invoker IT that talks to PostgreSQL (status, verify, watch), created by its {@code setup.groovy}
 * (the plugin's test classpath is on the scripts' classpath): on the test server ({@code ZDM_TEST_JDBC_URL} when set,
 * else an embedded PostgreSQL that lives as long as the Maven JVM), new for each run, with its connection written to
 * {@code target/database.conf}, the file the IT project names in {@code configFiles}.
 */
public final class ItDatabase {
    private ItDatabase() {
    }

    /** The server the ITs use. */
    public static PostgresServer server() {
        return PostgresServers.shared();
    }

    /**
     * Drops and creates {@code database}, writes {@code basedir/target/database.conf}, and returns the Flyway
     * configuration of the IT project ({@code db/migration} under {@code basedir}) for the script's own migrate.
     */
    public static Map<String, String> create(File basedir, String database) throws SQLException, IOException {
        PostgresServer server = server();
        try (Connection admin = server.connectAdmin()) {
            try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
                ps.setString(1, database);
                ps.execute();
            }
            try (Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database));
                s.execute("CREATE DATABASE " + Identifiers.quote(database));
            }
        }
        Properties conf = new Properties();
        conf.setProperty("flyway.url", server.jdbcUrl(database));
        conf.setProperty("flyway.user", server.user());
        if (server.password() != null) {
            conf.setProperty("flyway.password", server.password());
        }
        File target = new File(basedir, "target");
        Files.createDirectories(target.toPath());
        try (Writer w = Files.newBufferedWriter(new File(target, "database.conf").toPath(), StandardCharsets.UTF_8)) {
            for (String key : conf.stringPropertyNames()) {
                w.write(key + "=" + conf.getProperty(key) + "\n");
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        conf.stringPropertyNames().forEach(k -> config.put(k, conf.getProperty(k)));
        config.put("flyway.locations", "filesystem:" + new File(basedir, "db/migration").getAbsolutePath());
        return config;
    }
}
