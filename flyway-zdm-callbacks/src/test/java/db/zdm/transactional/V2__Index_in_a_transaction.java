package db.zdm.transactional;

import dev.zdm.flyway.Zdm;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Forgets to opt out of the transaction: flyway-zdm must say so. */
public class V2__Index_in_a_transaction extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Zdm.on(context).createIndexConcurrently("users", "email");
    }
}
