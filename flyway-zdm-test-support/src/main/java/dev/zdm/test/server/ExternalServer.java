package dev.zdm.test.server;

import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * A server named by {@code ZDM_TEST_JDBC_URL}, for example
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. The database in the URL is only used
 * for CREATE/DROP DATABASE; credentials come from the URL or from {@code ZDM_TEST_JDBC_USER} /
 * {@code ZDM_TEST_JDBC_PASSWORD}.
 */
final class ExternalServer implements PostgresServer {
    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;

    private ExternalServer(String host, int port, String adminDatabase, String user, String password) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
    }

    static ExternalServer fromUrl(String url, String userOverride, String passwordOverride) {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            // Never echo the URL: it may carry a password.
            throw new IllegalArgumentException(
                    "ZDM_TEST_JDBC_URL is not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database)");
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String database = parsed.getProperty("PGDBNAME", "postgres");
        if (database.isEmpty()) {
            database = "postgres";
        }
        String user = firstNonBlank(userOverride, parsed.getProperty("user"), System.getProperty("user.name"));
        String password = firstNonBlank(passwordOverride, parsed.getProperty("password"), null);
        return new ExternalServer(host, port, database, user, password);
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        if (b != null && !b.isBlank()) {
            return b;
        }
        return fallback;
    }

    void checkReachable() {
        try (var ignored = connectAdmin()) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException("ZDM_TEST_JDBC_URL points at " + host + ":" + port
                    + " but no connection could be made as user " + user + ": " + e.getMessage()
                    + ". Start that server or unset ZDM_TEST_JDBC_URL to use embedded PostgreSQL.", e);
        }
    }

    @Override public String kind() { return "external"; }
    @Override public String host() { return host; }
    @Override public int port() { return port; }
    @Override public String user() { return user; }
    @Override public String password() { return password; }
    @Override public String adminDatabase() { return adminDatabase; }
    @Override public void stop() { }
}
