package dev.zdm.core.ddl;

import dev.zdm.core.lock.Backoff;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/** How the operations read a PostgreSQL error: worth retrying, or final. */
final class Failures {
    static final String UNIQUE_VIOLATION = "23505";
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Contention that a later attempt can win: deadlock, serialization failure, lock timeout, cancelled by someone. */
    private static final Set<String> TRANSIENT = Set.of("40P01", "40001", LOCK_NOT_AVAILABLE, "57014");

    private Failures() {
    }

    /** Waits {@code delay} before a retry; an interrupt ends the operation. */
    static void pauseBeforeRetry(Duration delay) throws DdlException {
        try {
            Backoff.sleep(delay);
        } catch (InterruptedException e) {
            throw new DdlException("interrupted while waiting to retry");
        }
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

    /** PostgreSQL's message (with its detail and hint lines) on one line, with the SQLSTATE. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\n\\s*", " ").trim();
        return message + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]");
    }
}
