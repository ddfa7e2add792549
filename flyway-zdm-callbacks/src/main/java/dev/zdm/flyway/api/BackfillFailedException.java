package dev.zdm.flyway.api;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import java.sql.SQLException;

/**
 * A backfill run inside a Flyway migration failed. An {@link SQLException} on purpose: Flyway 13 wraps any other
 * exception of a Java migration in a bare "Migration failed !", but puts an SQLException's message into its own
 * error ("Message : Backfill ... failed in the batch after key ..."). Its SQLSTATE is {@value #SQL_STATE}, not the
 * database error's (which the message names): a retry wrapper keyed on lock-timeout states must not re-run it.
 * Its {@link #code()} is the code of the engine's failure it wraps ({@code BACKFILL_DEFINITION_INVALID} for a wrong
 * definition), else {@code BACKFILL_FAILED}.
 */
public class BackfillFailedException extends SQLException implements ZdmError {
    /** Implementation-defined class "ZD" (flyway-zdm), subclass 001: a batched backfill failed. */
    public static final String SQL_STATE = "ZD001";

    public BackfillFailedException(String message, Throwable cause) {
        super(message, SQL_STATE, cause);
    }

    @Override
    public ZdmErrorCode code() {
        return getCause() instanceof ZdmError error ? error.code() : ZdmErrorCode.BACKFILL_FAILED;
    }
}
