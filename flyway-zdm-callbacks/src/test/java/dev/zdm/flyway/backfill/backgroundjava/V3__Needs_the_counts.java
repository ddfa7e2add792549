package dev.zdm.flyway.backfill.backgroundjava;

import dev.zdm.flyway.ZdmBackfills;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A contract step that needs the backfill: refused until the job is done. */
public class V3__Needs_the_counts extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        ZdmBackfills.requireDone(context, V2__Count_every_row.class.getName(), getClass().getSimpleName());
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("CREATE TABLE counted (id bigint PRIMARY KEY)");
        }
    }
}
