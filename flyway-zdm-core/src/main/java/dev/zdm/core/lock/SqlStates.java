package dev.zdm.core.lock;

import java.sql.SQLException;
import java.util.Optional;

/** The PostgreSQL SQLSTATEs the lock-safe runner reacts to, and how to find one in an exception chain. */
public final class SqlStates {
    /** lock_not_available: lock_timeout expired (or NOWAIT). Nothing was changed; retrying is safe. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** deadlock_detected: PostgreSQL aborted us to break a cycle. Retrying is safe. */
    public static final String DEADLOCK_DETECTED = "40P01";
    /** serialization_failure. Retrying is safe. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** query_canceled: statement_timeout expired (or a cancel request). Retrying would take as long again. */
    public static final String QUERY_CANCELED = "57014";

    private SqlStates() {
    }

    /** The SQLSTATE of the first SQLException in the cause chain (also through getNextException). */
    public static Optional<String> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e.getSQLState() != null) {
                        return Optional.of(e.getSQLState());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Lock timeout, deadlock or serialization failure: the work was rolled back by PostgreSQL and can be redone. */
    public static boolean isRetryableContention(Throwable failure) {
        return of(failure).map(s -> s.equals(LOCK_NOT_AVAILABLE) || s.equals(DEADLOCK_DETECTED) || s.equals(SERIALIZATION_FAILURE))
                .orElse(false);
    }

    public static boolean is(Throwable failure, String sqlState) {
        return of(failure).map(sqlState::equals).orElse(false);
    }

    /**
     * PostgreSQL's message (with its detail and hint lines) on one line, then its SQLSTATE, for error messages:
     * {@code ERROR: division by zero (SQLSTATE 22012)}.
     */
    public static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\n\\s*", " ").strip();
        return message + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }
}
