package db.zdm.renamebg;

import dev.zdm.flyway.ZdmOperationsMigration;

/** {@code ops.renameColumn(..., true)}: the Java form of {@code -- zdm:rename-column ... background}. */
public class V2__Rename_name_in_background extends ZdmOperationsMigration {
    @Override
    protected void define(Ops ops) {
        ops.renameColumn("users", "name", "full_name", true);
    }
}
