package dev.zdm.flyway.backfill.killed;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.flyway.BatchedBackfillMigration;
import java.time.Duration;

/** No predicate: every row is changed exactly once, which only the checkpoint can guarantee across kills. */
public class V2__Count_every_row extends BatchedBackfillMigration {
    @Override
    protected Backfill backfill() {
        return Backfill.table("accounts").set("n = n + 1").batchSize(1000).pauseBetweenBatches(Duration.ofMillis(20));
    }
}
