package db.migration;
import dev.zdm.flyway.BatchedBackfillMigration;
import dev.zdm.core.backfill.Backfill;
public class V3__Backfill_email_verified extends BatchedBackfillMigration {
    @Override
    protected Backfill backfill() {
        return Backfill.table("users")
                .set("email_verified = false")
                .where("email_verified IS NULL");
    }
}
