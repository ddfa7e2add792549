package dev.zdm.flyway.internal.gate;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * A data source that hands out the connection the gate's callback already has, so that the Flyway instance it
 * asks for the pending migrations opens no connection of its own (with a pool sized for plain Flyway, another
 * one may not be available). The borrowed connection belongs to the running migrate: closing it, ending or
 * changing its transaction, or switching it to autocommit or read-only is ignored.
 */
public final class BorrowedConnection implements DataSource {
    private static final Set<String> IGNORED = Set.of("close", "abort", "commit", "rollback", "setAutoCommit", "setReadOnly",
            "setTransactionIsolation", "setCatalog", "setSchema", "setHoldability", "releaseSavepoint", "setSavepoint");

    private final Connection connection;

    BorrowedConnection(Connection connection) {
        this.connection = connection;
    }

    /** Whether {@code configuration} is that of a Flyway call nested in a running migrate, on its borrowed connection. */
    public static boolean lentTo(Configuration configuration) {
        return configuration.getDataSource() instanceof BorrowedConnection;
    }

    @Override
    public Connection getConnection() {
        return (Connection) Proxy.newProxyInstance(BorrowedConnection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (IGNORED.contains(method.getName())) {
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return connection.isClosed();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no logging of our own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the connection is already open
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
