package dev.zdm.core.backfill;

import java.sql.SQLException;

/** The SQLSTATEs a batch reacts to. */
final class SqlErrors {
    /** lock_timeout expired: nothing was changed, retrying is safe. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    static final String DEADLOCK_DETECTED = "40P01";
    static final String SERIALIZATION_FAILURE = "40001";
    /** statement_timeout expired, or a cancel request. */
    static final String QUERY_CANCELED = "57014";

    private SqlErrors() {
    }

    /** Lock timeout, deadlock or serialization failure: PostgreSQL rolled the batch back and it can simply be run again. */
    static boolean isContention(SQLException e) {
        String state = e.getSQLState();
        return LOCK_NOT_AVAILABLE.equals(state) || DEADLOCK_DETECTED.equals(state) || SERIALIZATION_FAILURE.equals(state);
    }

    static boolean isCanceled(SQLException e) {
        return QUERY_CANCELED.equals(e.getSQLState());
    }

    /** {@code ERROR: division by zero (SQLSTATE 22012)}. */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return message + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }

    static String kind(SQLException e) {
        return switch (e.getSQLState() == null ? "" : e.getSQLState()) {
            case LOCK_NOT_AVAILABLE -> "waited longer than lock_timeout for a lock";
            case DEADLOCK_DETECTED -> "was chosen as a deadlock victim";
            case SERIALIZATION_FAILURE -> "hit a serialization failure";
            case QUERY_CANCELED -> "ran longer than statement_timeout";
            default -> "failed";
        };
    }
}
