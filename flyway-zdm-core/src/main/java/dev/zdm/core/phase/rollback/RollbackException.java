package dev.zdm.core.phase.rollback;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import java.sql.SQLException;

/**
 * {@code zdm:rollback} cannot undo a migration: no rollback is written for it, its rollback is malformed, or a rollback
 * statement failed. The message names the migration, the statement and PostgreSQL's error, and says what was undone
 * and what to do next. SQLSTATE {@code ZD005}.
 */
public final class RollbackException extends SQLException implements ZdmError {
    /** The SQLSTATE of every rollback failure (class {@code ZD}: flyway-zdm). */
    public static final String SQL_STATE = "ZD005";

    public RollbackException(String message) {
        super(message, SQL_STATE);
    }

    public RollbackException(String message, Throwable cause) {
        super(message, SQL_STATE, cause);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.ROLLBACK_FAILED;
    }
}
