package dev.zdm.core.ddl;

import dev.zdm.core.lock.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** How the operations read a PostgreSQL error: worth retrying, or final. */
final class Failures {
    static final String UNIQUE_VIOLATION = "23505";
    /** Contention that a later attempt can win: deadlock, serialization failure, lock timeout, cancelled by someone. */
    private static final Set<String> TRANSIENT = Set.of(SqlStates.DEADLOCK_DETECTED, SqlStates.SERIALIZATION_FAILURE,
            SqlStates.LOCK_NOT_AVAILABLE, SqlStates.QUERY_CANCELED);

    private Failures() {
    }

    /** True when a clean retry may succeed. Our own verdicts ({@link DdlException}) are final. */
    static boolean retryable(SQLException e) {
        return !(e instanceof DdlException) && TRANSIENT.contains(e.getSQLState());
    }

    /** The connection is gone (terminated backend, network): nothing more can be done on it. */
    static boolean connectionLost(Connection connection, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
            return true;
        }
        try {
            return connection.isClosed() || !connection.isValid(2);
        } catch (SQLException ignored) {
            return true;
        }
    }
}
