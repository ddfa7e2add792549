package dev.zdm.core.backfill;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.state.StateLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One run per backfill id at a time: a session-level advisory lock on (class {@value #CLASS}, {@code hashtext(id)}).
 * Taking it waits a while, because the backend of a killed client keeps its locks until it has finished the
 * statement it was running.
 */
final class RunLock {
    /** See {@link StateLocks#BACKFILL_RUN}. */
    static final int CLASS = StateLocks.BACKFILL_RUN;
    private static final Duration POLL = Duration.ofMillis(200);

    private RunLock() {
    }

    /** Takes the lock or, after {@code wait}, returns a description of the session holding it. */
    static String acquire(Connection connection, String id, Duration wait) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, CLASS);
            ps.setString(2, id);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return null;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    return holder(connection, id);
                }
                Throttle.sleep(POLL);
            }
        }
    }

    static void release(Connection connection, String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, CLASS);
            ps.setString(2, id);
            ps.executeQuery().close();
        }
    }

    private static String holder(Connection connection, String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.classid = ?::bigint::oid AND l.objid = (hashtext(?)::bigint & 4294967295)::oid AND l.objsubid = 2")) {
            ps.setInt(1, CLASS);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    SessionInfo session = Sessions.of(connection, rs.getInt(1));
                    return session == null ? "pid " + rs.getInt(1) : session.describe();
                }
            }
        }
        return "a session that has just ended";
    }
}
