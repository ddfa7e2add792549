package db.zdm.slow;

import dev.zdm.core.ddl.IndexDefinition;
import dev.zdm.flyway.ZdmJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V2__Slow_index extends ZdmJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        zdm(context).createIndexConcurrently(IndexDefinition.on("big").expressions("zdm_slow(n)").name("big_slow_idx"));
    }
}
