package dev.zdm.core.backfill;

/**
 * A backfill could not start, stopped, or left rows behind. The message names the table, the statement,
 * what PostgreSQL said, and what to do next; the checkpoint keeps the progress made so far.
 */
public class BackfillException extends RuntimeException {
    public BackfillException(String message) {
        super(message);
    }

    public BackfillException(String message, Throwable cause) {
        super(message, cause);
    }
}
