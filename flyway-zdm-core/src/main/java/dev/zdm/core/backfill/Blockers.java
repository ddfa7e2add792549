package dev.zdm.core.backfill;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sessions that can be in a batch's way on its table: those holding a lock stronger than ACCESS SHARE (row
 * lockers hold ROW SHARE or ROW EXCLUSIVE; DDL holds more), and those queued for a lock that would block writes.
 */
final class Blockers {
    private static final String QUERY = "SELECT DISTINCT l.pid FROM pg_locks l WHERE l.locktype = 'relation' AND l.relation = ?::oid "
            + "AND l.pid <> pg_backend_pid() AND ((l.granted AND l.mode <> 'AccessShareLock') "
            + "OR (NOT l.granted AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')))";

    private Blockers() {
    }

    /** The sessions, described, oldest transaction first; "none found" when nobody holds anything. */
    static String describe(Connection connection, long tableOid) {
        try {
            List<SessionInfo> sessions = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
                ps.setLong(1, tableOid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SessionInfo s = Sessions.of(connection, rs.getInt(1));
                        if (s != null) {
                            sessions.add(s);
                        }
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            sessions.sort((a, b) -> compareAge(b, a));
            return sessions.isEmpty() ? " none found (the lock was released in the meantime)" : Sessions.describe(sessions);
        } catch (SQLException e) {
            return " (could not read pg_locks: " + e.getMessage() + ")";
        }
    }

    private static int compareAge(SessionInfo a, SessionInfo b) {
        long ageA = a.transactionAge() == null ? -1 : a.transactionAge().toMillis();
        long ageB = b.transactionAge() == null ? -1 : b.transactionAge().toMillis();
        return Long.compare(ageA, ageB);
    }
}
