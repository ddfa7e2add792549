package db.demo.zdm.step2;

import dev.zdm.flyway.ZdmOperationsMigration;

/**
 * Rename users.name to full_name while shop-v1 (writes name) and shop-v2 (writes full_name) both run. Expand (at
 * migrate): add full_name, a trigger keeping both columns equal, a batched copy. Contract (zdm:contract, once shop-v1
 * is gone): drop name and the trigger.
 */
public class V5__Rename_name_to_full_name extends ZdmOperationsMigration {
    @Override
    protected void define(Ops ops) {
        ops.renameColumn("users", "name", "full_name");
    }
}
