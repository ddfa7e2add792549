package db.zdm.fluent;

import dev.zdm.flyway.Zdm;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** The route without the base class: a plain Java migration that opts out of the transaction itself. */
public class V3__Reindex_and_drop extends BaseJavaMigration {

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Zdm.on(context)
                .reindexConcurrently("users_email_idx")
                .reindexTableConcurrently("orders")
                .dropIndexConcurrently("public.users_email_idx")
                .execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_amount_idx ON orders (amount)");
    }
}
