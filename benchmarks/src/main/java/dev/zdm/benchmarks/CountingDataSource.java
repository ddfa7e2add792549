package dev.zdm.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that opens a new physical connection per request (as Flyway's own does) and counts what a command
 * costs in database work: connections opened, and statements and transaction commands sent.
 */
final class CountingDataSource implements DataSource {
    private final String url;
    private final Properties properties;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger statements = new AtomicInteger();

    CountingDataSource(String url, String user, String password) {
        this.url = url;
        this.properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
    }

    void reset() {
        connections.set(0);
        statements.set(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection physical = DriverManager.getConnection(url, properties);
        connections.incrementAndGet();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback") || name.equals("setSavepoint") || name.equals("releaseSavepoint")) {
                statements.incrementAndGet();
            }
            Object result;
            try {
                result = method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof java.sql.Statement statement) {
                return counting(statement);
            }
            return result;
        });
    }

    private Object counting(java.sql.Statement statement) {
        Class<?>[] types = statement instanceof java.sql.CallableStatement ? new Class<?>[] {java.sql.CallableStatement.class}
                : statement instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
                : new Class<?>[] {java.sql.Statement.class};
        return Proxy.newProxyInstance(getClass().getClassLoader(), types, (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
            }
            try {
                return method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() { return Logger.getGlobal(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}
