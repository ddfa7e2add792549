package dev.zdm.test.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A running PostgreSQL server the harness may create and drop databases on.
 * Implementations never expose the password in {@link #describe()}.
 */
public interface PostgresServer {

    /** How the server was obtained: {@code external}, {@code container} or {@code embedded}. */
    String kind();

    String host();

    int port();

    String user();

    /** May be null (trust authentication). */
    String password();

    /** The database used for administrative commands (CREATE/DROP DATABASE). */
    String adminDatabase();

    /** A JDBC URL for a database on this server, without credentials. */
    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Kind, address and version: safe to log, holds no credentials. */
    default String describe() {
        return kind() + " PostgreSQL at " + host() + ":" + port();
    }

    default Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        if (password() != null) {
            props.setProperty("password", password());
        }
        props.setProperty("ApplicationName", "zdm-test-harness");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    default Connection connectAdmin() throws SQLException {
        return connect(adminDatabase());
    }

    /** Stops the server if the harness started it; a no-op for an external server. */
    void stop();
}
