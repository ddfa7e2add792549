package db.zdm.rename;

import dev.zdm.flyway.ZdmOperationsMigration;

/** The seed's rename and a type change, listed once: expand at migrate, contract at zdm:contract. */
public class V2__Rename_name_widen_amount extends ZdmOperationsMigration {
    @Override
    protected void define(Ops ops) {
        ops.renameColumn("users", "name", "full_name")
                .changeType("users", "amount", "bigint", null, null);
    }
}
