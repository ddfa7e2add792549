package dev.zdm.flyway.backfill.backgroundjava;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.flyway.BatchedBackfillMigration;

/** The one-line choice: {@code background()} returns true, so migrate records the job and returns. */
public class V2__Count_every_row extends BatchedBackfillMigration {
    @Override
    protected Backfill backfill() {
        return Backfill.table("accounts").set("n = n + 1").batchSize(1000);
    }

    @Override
    protected boolean background() {
        return true;
    }
}
