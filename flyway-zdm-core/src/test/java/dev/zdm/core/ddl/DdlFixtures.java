package dev.zdm.core.ddl;

import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Shared set-up for the ddl tests: quick options, slow builds on demand, catalog questions, background runs. */
final class DdlFixtures {
    private DdlFixtures() {
    }

    /** Patient enough for a loaded 2-core machine, quick enough for tests. */
    static DdlOptions fast() {
        return DdlOptions.defaults().withWaitTimeout(Duration.ofSeconds(20)).withLockTimeout(Duration.ofMillis(200)).withLockRetries(20)
                .withRetryDelays(Duration.ofMillis(20), Duration.ofMillis(300)).withProgressInterval(Duration.ofMillis(300));
    }

    static SafeDdl ddl(TestDatabase db, Connection connection, DdlOptions options, RecordingReporter reporter) throws SQLException {
        return SafeDdl.on(connection, db::connect, options, reporter);
    }

    /**
     * An IMMUTABLE-declared function that sleeps a little per call: an index on {@code zdm_slow(col)} takes about
     * {@code rows} milliseconds to build, long enough to cancel, kill or watch it half-way on a tiny table.
     */
    static void createSlowFunction(TestDatabase db) throws SQLException {
        db.execute("CREATE OR REPLACE FUNCTION zdm_slow(v int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS "
                + "$$ BEGIN PERFORM pg_sleep(0.001); RETURN v; END $$");
    }

    /** Indexes named {@code name} in schema public: {@code [valid, invalid]} counts. */
    static long[] indexCounts(TestDatabase db, String namePattern) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE i.indisvalid), count(*) FILTER (WHERE NOT i.indisvalid) FROM pg_index i "
                        + "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname LIKE ?")) {
            ps.setString(1, namePattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    static long invalidIndexes(TestDatabase db) throws SQLException {
        return db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid");
    }

    static long oid(TestDatabase db, String relation) throws SQLException {
        return db.queryLong("SELECT coalesce(to_regclass('" + relation + "')::oid::bigint, 0)");
    }

    /** Runs {@code work} on another thread. */
    static <T> CompletableFuture<T> background(Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The exception {@code future} failed with (unwrapped), or an AssertionError when it succeeded. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    /** Waits until the backend's pg_stat_progress_create_index phase starts with {@code phasePrefix}. */
    static void awaitPhase(Connection observer, int pid, String phasePrefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement ps = observer.prepareStatement("SELECT phase FROM pg_stat_progress_create_index WHERE pid = ?")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1).startsWith(phasePrefix)) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("backend " + pid + " did not reach phase '" + phasePrefix + "' within " + timeout);
    }

    /** Waits until the backend waits for a heavyweight lock (a CIC waiting for older transactions). */
    static void awaitLockWait(Connection observer, int pid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement ps = observer.prepareStatement(
                "SELECT 1 FROM pg_stat_activity WHERE pid = ? AND state = 'active' AND wait_event_type = 'Lock'")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("backend " + pid + " did not wait for a lock within " + timeout);
    }

    static boolean cancel(Connection observer, int pid) throws SQLException {
        return signal(observer, "pg_cancel_backend", pid);
    }

    static boolean terminate(Connection observer, int pid) throws SQLException {
        return signal(observer, "pg_terminate_backend", pid);
    }

    private static boolean signal(Connection observer, String function, int pid) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement("SELECT " + function + "(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static List<String> strings(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
