package dev.zdm.test;

import dev.zdm.test.server.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A database of its own on a real PostgreSQL server, handed to one test class. */
public final class TestDatabase {
    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A JDBC URL without credentials; pass {@link #user()} and {@link #password()} separately. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    public String user() {
        return server.user();
    }

    /** May be null (trust authentication). */
    public String password() {
        return server.password();
    }

    public PostgresServer server() {
        return server;
    }

    public int serverMajorVersion() throws SQLException {
        return (int) (queryLong("SELECT current_setting('server_version_num')::int") / 10000);
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {server.host()});
        ds.setPortNumbers(new int[] {server.port()});
        ds.setDatabaseName(name);
        ds.setUser(server.user());
        if (server.password() != null) {
            ds.setPassword(server.password());
        }
        return ds;
    }

    /** A new connection in autocommit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** A new connection whose {@code application_name} is {@code applicationName}, handy to find it in pg_stat_activity. */
    public Connection connect(String applicationName) throws SQLException {
        Connection c = connect();
        c.setClientInfo("ApplicationName", applicationName);
        return c;
    }

    /** Flyway-style configuration map for this database (url, user, password when set). */
    public Properties flywayProperties() {
        Properties p = new Properties();
        p.setProperty("flyway.url", jdbcUrl());
        p.setProperty("flyway.user", user());
        if (password() != null) {
            p.setProperty("flyway.password", password());
        }
        return p;
    }

    /** Runs each statement in autocommit mode on a fresh connection. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** The first column of the first row as a long; fails when there is no row. */
    public long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row returned by: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of the first row as a string, or null when there is no row. */
    public String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public String toString() {
        return name + " on " + server.describe();
    }
}
