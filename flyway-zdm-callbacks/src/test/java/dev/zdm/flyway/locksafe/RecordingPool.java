package dev.zdm.flyway.locksafe;

import dev.zdm.test.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool, as HikariCP behaves for this purpose: close() hands the physical connection
 * back for reuse instead of closing it, so whatever a migration SET on it is still there for the next user.
 */
final class RecordingPool implements DataSource, AutoCloseable {
    private final TestDatabase db;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();

    RecordingPool(TestDatabase db) {
        this.db = db;
    }

    /** Every physical connection the pool ever handed out. */
    synchronized List<Connection> physicalConnections() {
        return List.copyOf(all);
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        Connection physical = idle.isEmpty() ? open() : idle.pop();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                release(physical);
                return null;
            }
            if (method.getName().equals("isClosed")) {
                return false;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private Connection open() throws SQLException {
        Connection c = db.connect();
        all.add(c);
        return c;
    }

    private synchronized void release(Connection physical) throws SQLException {
        if (!physical.getAutoCommit()) {
            physical.rollback();
            physical.setAutoCommit(true);
        }
        idle.push(physical);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection c : all) {
            c.close();
        }
    }

    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() { return Logger.getGlobal(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}
