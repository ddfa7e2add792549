package db.zdm.fluent;

import dev.zdm.core.ddl.IndexDefinition;
import dev.zdm.flyway.ZdmJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Every operation of the fluent API in one non-transactional migration. */
public class V2__Indexes_and_constraints extends ZdmJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        zdm(context)
                .addPrimaryKey("users", "id")
                .createIndexConcurrently("users", "email")
                .createIndexConcurrently(IndexDefinition.on("public", "users").columns("tenant").expressions("lower(email)")
                        .where("email_verified").name("users_tenant_lower_email_idx"))
                .addUniqueConstraint("users", "email")
                .addForeignKey("orders", "user_id", "users", "id")
                .addCheckConstraint("orders", "orders_amount_positive", "amount > 0")
                .setNotNull("users", "email_verified");
    }
}
