package db.zdm.operations;

import dev.zdm.flyway.ZdmOperationsMigration;

/** Operations with contract steps (SET NOT NULL on PostgreSQL 12-17, DROP INDEX) and without (CREATE INDEX). */
public class V2__Require_email_verified extends ZdmOperationsMigration {
    @Override
    protected void define(Ops ops) {
        ops.setNotNull("users", "email_verified")
                .createIndex("users", "email")
                .setNotNull("public.orders", "user_id")
                .dropIndex("orders_legacy_idx");
    }
}
