package dev.zdm.samples.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where one demo run lives: a server and a schema of its own (dropped and created again at the start of the run), so
 * the run never touches anything else in the database.
 */
record ShopDatabase(String url, String user, String password, String schema) {

    /** A session of the application {@code applicationName}, its search_path on the run's schema. */
    Connection connect(String applicationName) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", applicationName);
        Connection c = DriverManager.getConnection(url, props);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + quote(schema));
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
