package dev.zdm.test.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the one PostgreSQL server a test JVM uses, in this order:
 * <ol>
 *   <li>{@code ZDM_TEST_JDBC_URL} (environment, or system property {@code zdm.test.jdbcUrl}) when set;</li>
 *   <li>Testcontainers {@code postgres:<major>} when a Docker engine answers;</li>
 *   <li>zonky embedded PostgreSQL otherwise.</li>
 * </ol>
 * {@code -Dzdm.test.server=external|container|embedded} forces one. The major version for the
 * container and embedded cases is {@code -Dzdm.test.pgVersion} (default 18); the embedded binaries
 * come from the classpath, so the build's {@code pgNN} profile must match (the harness checks).
 */
public final class PostgresServers {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServers.class);
    public static final int DEFAULT_MAJOR_VERSION = 18;

    private static PostgresServer shared;

    private PostgresServers() {
    }

    /** The JVM-wide server, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = choose();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "zdm-test-postgres-stop"));
            LOG.info("zdm test harness: using {} (PostgreSQL {})", shared.describe(), serverVersion(shared));
            if (!"external".equals(shared.kind())) {
                checkMajorVersion(shared);
            }
        }
        return shared;
    }

    /** The major version the build asked for with {@code -Dzdm.test.pgVersion}. */
    public static int requestedMajorVersion() {
        String value = System.getProperty("zdm.test.pgVersion");
        if (value == null || value.isBlank()) {
            return DEFAULT_MAJOR_VERSION;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dzdm.test.pgVersion must be a PostgreSQL major version such as 15, got: " + value);
        }
    }

    /** Starts a new embedded server (whatever the selection says); the caller stops it. */
    public static PostgresServer startEmbedded() {
        return EmbeddedServer.start();
    }

    /**
     * Starts a new embedded server with extra postgresql.conf settings, such as
     * {@code shared_preload_libraries=pg_stat_statements} (the binaries ship the contrib modules); the caller stops it.
     */
    public static PostgresServer startEmbedded(Map<String, String> serverConfig) {
        return EmbeddedServer.start(serverConfig);
    }

    /** The server named by {@code ZDM_TEST_JDBC_URL}, if that is set. */
    public static Optional<PostgresServer> external() {
        String url = jdbcUrlSetting();
        if (url == null) {
            return Optional.empty();
        }
        ExternalServer server = ExternalServer.fromUrl(url, setting("ZDM_TEST_JDBC_USER", "zdm.test.jdbcUser"),
                setting("ZDM_TEST_JDBC_PASSWORD", "zdm.test.jdbcPassword"));
        server.checkReachable();
        return Optional.of(server);
    }

    static PostgresServer choose() {
        String forced = System.getProperty("zdm.test.server", "").trim();
        String url = jdbcUrlSetting();
        if (forced.equals("external") || (forced.isEmpty() && url != null)) {
            return external().orElseThrow(() ->
                    new IllegalStateException("-Dzdm.test.server=external needs ZDM_TEST_JDBC_URL to be set"));
        }
        if (forced.equals("container") || (forced.isEmpty() && dockerConfigured() && ContainerServer.dockerAvailable())) {
            return ContainerServer.start(requestedMajorVersion());
        }
        if (!forced.isEmpty() && !forced.equals("embedded")) {
            throw new IllegalArgumentException("-Dzdm.test.server must be external, container or embedded, got: " + forced);
        }
        return EmbeddedServer.start();
    }

    private static String jdbcUrlSetting() {
        return setting("ZDM_TEST_JDBC_URL", "zdm.test.jdbcUrl");
    }

    private static String setting(String envName, String propertyName) {
        String value = System.getProperty(propertyName);
        if (value == null || value.isBlank()) {
            value = System.getenv(envName);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Asking Testcontainers with no Docker in sight costs seconds of probing and noisy logs. */
    private static boolean dockerConfigured() {
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    }

    public static int serverMajorVersion(PostgresServer server) {
        return serverVersion(server) / 10000;
    }

    private static int serverVersion(PostgresServer server) {
        try (Connection c = server.connectAdmin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the version of " + server.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void checkMajorVersion(PostgresServer server) {
        int requested = requestedMajorVersion();
        int actual = serverMajorVersion(server);
        if (requested != actual) {
            throw new IllegalStateException("-Dzdm.test.pgVersion=" + requested + " but the " + server.kind()
                    + " server is PostgreSQL " + actual + ". For embedded PostgreSQL pass the property to Maven "
                    + "(mvn -Dzdm.test.pgVersion=" + requested + " ...) so that the matching binaries profile is active.");
        }
    }
}
