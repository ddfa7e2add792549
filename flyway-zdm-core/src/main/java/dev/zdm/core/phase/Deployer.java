package dev.zdm.core.phase;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who ran a phase, as recorded with it: the session's {@code application_name}, database user and client address, and
 * the operating-system user and host of the JVM. Never a password or a URL.
 */
public record Deployer(String applicationName, String databaseUser, String clientAddress, String osUser, String host) {

    /** The deployer behind {@code connection} and this JVM. */
    public static Deployer of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('application_name'), session_user, host(inet_client_addr())")) {
            rs.next();
            return new Deployer(rs.getString(1), rs.getString(2), rs.getString(3), System.getProperty("user.name"), localHost());
        }
    }

    /** The fields for JSON, nulls left out. */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "applicationName", applicationName);
        put(out, "databaseUser", databaseUser);
        put(out, "clientAddress", clientAddress);
        put(out, "osUser", osUser);
        put(out, "host", host);
        return out;
    }

    /** {@code alice@build-7 (db user deploy, application flyway)}. */
    public String describe() {
        return (osUser == null ? "?" : osUser) + "@" + (host == null ? "?" : host) + " (db user " + databaseUser
                + (applicationName == null || applicationName.isEmpty() ? "" : ", application " + applicationName) + ")";
    }

    static Deployer from(Map<String, Object> fields) {
        return new Deployer(string(fields, "applicationName"), string(fields, "databaseUser"), string(fields, "clientAddress"),
                string(fields, "osUser"), string(fields, "host"));
    }

    private static String string(Map<String, Object> fields, String key) {
        Object v = fields.get(key);
        return v == null ? null : v.toString();
    }

    private static void put(Map<String, Object> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
