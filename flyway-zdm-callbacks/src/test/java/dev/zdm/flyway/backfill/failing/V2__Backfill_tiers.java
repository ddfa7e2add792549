package dev.zdm.flyway.backfill.failing;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.flyway.BatchedBackfillMigration;

/** Fails in the batch holding member 3210 while {@code switch.fail} is true. */
public class V2__Backfill_tiers extends BatchedBackfillMigration {
    @Override
    protected Backfill backfill() {
        return Backfill.table("members")
                .set("tier = 'basic', n = n + 1, check_value = CASE WHEN (SELECT fail FROM switch) THEN 1 / (id - 3210) ELSE 0 END")
                .where("tier IS NULL")
                .batchSize(500);
    }
}
