package dev.zdm.flyway;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillResult;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A Flyway Java migration that changes many rows in short, resumable, throttled batches instead of one long
 * statement:
 * <pre>
 * package db.migration;
 *
 * public class V3__Backfill_email_verified extends BatchedBackfillMigration {
 *     &#64;Override
 *     protected Backfill backfill() {
 *         return Backfill.table("users")
 *                 .set("email_verified = false")
 *                 .where("email_verified IS NULL");
 *     }
 * }
 * </pre>
 * It runs outside a transaction: every batch is its own short transaction with lock_timeout and statement_timeout,
 * and moves a checkpoint (in {@code zdm_backfill_progress}, in Flyway's schema) in the same transaction. If the
 * process is killed, the next {@code migrate} runs the migration again and it continues after the last committed
 * batch; if it fails with an error, the next {@code migrate} does the same without {@code flyway repair}. At the end
 * it fails if rows still match the {@code where} predicate. Defaults come from the {@code flyway.zdm.backfill.*}
 * settings; options set on the {@link Backfill} win. See {@link Backfill} for keys, batch sizes and throttling.
 */
public abstract class BatchedBackfillMigration extends BaseJavaMigration {

    /** What to change: the table, the SET (or a delete), the predicate, and any options. */
    protected abstract Backfill backfill();

    /** Never in a transaction: the engine commits after every batch. */
    @Override
    public final boolean canExecuteInTransaction() {
        return false;
    }

    /**
     * Runs the backfill. A failure is thrown as an {@link java.sql.SQLException} whose message says what happened, where
     * the checkpoint stands and what to do (Flyway shows an SQLException's message; other exceptions of a Java migration
     * become a bare "Migration failed !").
     */
    @Override
    public void migrate(Context context) throws SQLException {
        String id = getClass().getName();
        Backfill backfill;
        try {
            backfill = backfill();
        } catch (RuntimeException e) {
            throw FlywayBackfills.definitionFailed(context.getConfiguration(), context.getConnection(), id,
                    "Migration " + id + ": backfill() failed: " + e.getMessage(), e);
        }
        if (backfill == null) {
            throw FlywayBackfills.definitionFailed(context.getConfiguration(), context.getConnection(), id,
                    "Migration " + id + ": backfill() returned null; return a Backfill such as "
                            + "Backfill.table(\"users\").set(\"email_verified = false\").where(\"email_verified IS NULL\")", null);
        }
        if (background()) {
            FlywayBackfills.enqueue(context.getConfiguration(), context.getConnection(), id, backfill);
            return;
        }
        BackfillResult result = FlywayBackfills.run(context.getConfiguration(), context.getConnection(), id, backfill);
        afterBackfill(result);
    }

    /**
     * Override to return true to run the backfill in the background: {@code migrate} then records it as a job (id: this
     * class's name) with its specification and returns at once, the migration counting as applied; a runner
     * ({@code mvn zdm:backfill}, a {@link ZdmBackfillWorker} in the application) runs it. A later migration that needs
     * the data refuses until the job is done ({@code -- zdm:require-backfill <id>}, {@link ZdmBackfills#requireDone}).
     * {@link #afterBackfill} is not called for a background job. To let several runners walk a plain table at once, split
     * the job into key ranges on the backfill: {@code Backfill.table("users")...ranges(4)} ({@link Backfill#ranges(int)}).
     */
    protected boolean background() {
        return false;
    }

    /** Called after a successful run, with what it did (for example to log or check it); does nothing by default. */
    protected void afterBackfill(BackfillResult result) {
    }
}
