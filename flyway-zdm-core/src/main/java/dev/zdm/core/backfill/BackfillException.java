package dev.zdm.core.backfill;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;

/**
 * A backfill could not start, stopped, or left rows behind. The message names the table, the statement,
 * what PostgreSQL said, and what to do next; the checkpoint keeps the progress made so far.
 */
public class BackfillException extends RuntimeException implements ZdmError {
    public BackfillException(String message) {
        super(message);
    }

    public BackfillException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.BACKFILL_FAILED;
    }
}
