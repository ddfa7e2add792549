package db.migration;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.flyway.BatchedBackfillMigration;

/**
 * Backfill step of the expand-contract change started in V4: fill the new column in short, resumable batches
 * (keyset walk on the primary key, one short transaction and a checkpoint per batch) instead of one UPDATE
 * that would hold row locks on every user for its whole duration. Kill the process half-way and the next
 * migrate continues where it stopped.
 */
public class V6__Backfill_email_verified extends BatchedBackfillMigration {
    @Override
    protected Backfill backfill() {
        return Backfill.table("users")
                .set("email_verified = false")
                .where("email_verified IS NULL");
    }
}
