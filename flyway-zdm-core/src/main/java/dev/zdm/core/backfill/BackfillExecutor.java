package dev.zdm.core.backfill;

import java.sql.Connection;
import java.util.Objects;

/**
 * Runs backfills on a JDBC connection: keyset batches, each one short transaction with its own lock_timeout and
 * statement_timeout, retried on lock timeout, deadlock and serialization failure, adapted to a target duration,
 * throttled, checkpointed in {@code zdm_backfill_progress} in the same transaction, verified at the end.
 * <pre>
 * BackfillResult r = new BackfillExecutor(connection, "public")
 *         .run("V3__Backfill_email_verified", Backfill.table("users").set("email_verified = false").where("email_verified IS NULL"));
 * </pre>
 * The connection must be in autocommit mode (the engine commits per batch); it is switched off during the run
 * and restored afterwards. Session settings are only changed with {@code SET LOCAL}.
 *
 * <p>Running the same id again continues it: after a kill or an error it resumes after the checkpoint's last key;
 * after a finished walk that left rows matching it starts a new pass; when done it only re-counts.
 */
public final class BackfillExecutor {
    private final Connection connection;
    private final String checkpointSchema;
    private final BackfillDefaults defaults;

    /** With the built-in {@link BackfillDefaults#standard() defaults}. */
    public BackfillExecutor(Connection connection, String checkpointSchema) {
        this(connection, checkpointSchema, BackfillDefaults.standard());
    }

    /**
     * @param connection       the connection to run on, in autocommit mode
     * @param checkpointSchema the schema of {@code zdm_backfill_progress} (for Flyway: the schema of flyway_schema_history);
     *                         the table is created there when missing
     * @param defaults         the options a {@link Backfill} does not set itself
     */
    public BackfillExecutor(Connection connection, String checkpointSchema, BackfillDefaults defaults) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.checkpointSchema = Objects.requireNonNull(checkpointSchema, "checkpointSchema");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    /**
     * Runs (or continues) the backfill {@code backfillId}.
     *
     * @throws BackfillException when it cannot start, a batch fails for good, or rows still match at the end;
     *                           the checkpoint keeps what was done
     */
    public BackfillResult run(String backfillId, Backfill backfill) {
        Objects.requireNonNull(backfillId, "backfillId");
        Objects.requireNonNull(backfill, "backfill");
        return new BackfillRun(connection, checkpointSchema, backfillId, backfill, defaults).execute();
    }

    /**
     * Records {@code backfill} as the background job {@code backfillId} instead of running it (see {@link BackfillJobRunner}):
     * checked against the live table as a run would check it, then stored in state queued with its specification, so that
     * any runner can run it from the database alone.
     *
     * @return true when recorded now; false when the job was recorded earlier (left as it is)
     * @throws BackfillException when the table, the key or the definition is wrong (nothing recorded but the failure)
     */
    public boolean enqueue(String backfillId, Backfill backfill) {
        Objects.requireNonNull(backfillId, "backfillId");
        Objects.requireNonNull(backfill, "backfill");
        return new BackfillRun(connection, checkpointSchema, backfillId, backfill, defaults).enqueue();
    }

    /**
     * Marks {@code backfillId} failed with {@code error} although it never started (for example its definition could not
     * be built), keeping any progress of earlier runs: resume logic then treats it like any other failed run.
     */
    public void recordFailure(String backfillId, String description, String error) {
        try {
            new CheckpointStore(connection, checkpointSchema, backfillId).recordFailure("(unknown)", description, error);
        } catch (java.sql.SQLException e) {
            throw new BackfillException("Backfill " + backfillId + ": could not record its failure in " + checkpointSchema + "."
                    + BackfillCheckpoints.TABLE + ": " + e.getMessage(), e);
        }
    }
}
