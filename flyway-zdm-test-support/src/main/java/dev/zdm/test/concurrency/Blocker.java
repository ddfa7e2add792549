package dev.zdm.test.concurrency;

import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second session that gets in the way of the code under test: it holds a table lock, keeps a
 * transaction open, or runs a long statement, on its own connection, until {@link #close()}.
 * <pre>
 * try (Blocker reader = Blocker.holdLock(db, "users", LockMode.ACCESS_SHARE)) {
 *     // an ALTER TABLE users ... now waits in the lock queue
 * }
 * </pre>
 */
public final class Blocker implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestDatabase db;
    private final Connection connection;
    private final int pid;
    private final String applicationName;
    private final CompletableFuture<Void> background;

    private Blocker(TestDatabase db, Connection connection, int pid, String applicationName, CompletableFuture<Void> background) {
        this.db = db;
        this.connection = connection;
        this.pid = pid;
        this.applicationName = applicationName;
        this.background = background;
    }

    /** Opens a transaction and takes {@code mode} on {@code table} (a plain or schema-qualified name, quoted here). */
    public static Blocker holdLock(TestDatabase db, String table, LockMode mode) throws SQLException {
        return openTransaction(db, "LOCK TABLE " + quoteQualified(table) + " IN " + mode.sql() + " MODE");
    }

    /**
     * Opens a transaction, runs the statements and leaves the session idle in transaction, holding
     * whatever they locked and its snapshot (which is what makes CREATE INDEX CONCURRENTLY wait).
     */
    public static Blocker openTransaction(TestDatabase db, String... statements) throws SQLException {
        String name = nextName();
        Connection c = db.connect(name);
        try {
            c.setAutoCommit(false);
            int pid = backendPid(c);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return new Blocker(db, c, pid, name, null);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Starts {@code sql} (for example {@code SELECT pg_sleep(5) FROM users LIMIT 1}) in the background in
     * autocommit mode and returns once the server is running it.
     */
    public static Blocker runInBackground(TestDatabase db, String sql) throws SQLException {
        String name = nextName();
        Connection c = db.connect(name);
        int pid = backendPid(c);
        CompletableFuture<Void> future = CompletableFuture.runAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Blocker blocker = new Blocker(db, c, pid, name, future);
        blocker.awaitActive();
        return blocker;
    }

    public int pid() {
        return pid;
    }

    public String applicationName() {
        return applicationName;
    }

    /** The background statement finished (only meaningful for {@link #runInBackground}). */
    public boolean finished() {
        return background != null && background.isDone();
    }

    /** Waits for the background statement to end; rethrows its failure. */
    public void awaitFinished(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException, ExecutionException {
        if (background != null) {
            background.get(timeout, unit);
        }
    }

    /** Rolls back whatever the session holds, cancels a running statement, and closes the connection; idempotent. */
    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try {
            if (background != null && !background.isDone()) {
                try (Connection other = db.connect(); Statement s = other.createStatement()) {
                    s.execute("SELECT pg_cancel_backend(" + pid + ")");
                }
                background.handle((v, t) -> null).join();
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    private void awaitActive() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = db.connect(); var ps = c.prepareStatement(
                "SELECT state FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && "active".equals(rs.getString(1))) {
                        return;
                    }
                }
                if (background.isDone()) {
                    return;
                }
                sleep(5);
            }
        }
        throw new IllegalStateException("background statement of " + applicationName + " did not start within 10 s");
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String nextName() {
        return "zdm-test-blocker-" + COUNTER.incrementAndGet();
    }

    static String quoteQualified(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return out.toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
