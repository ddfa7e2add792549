package db.demo.zdm.step1;

import dev.zdm.flyway.ZdmJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * NOT NULL without a scan under ACCESS EXCLUSIVE: CHECK (email_verified IS NOT NULL) NOT VALID, VALIDATE (blocks no
 * writes), SET NOT NULL (instant: the validated CHECK proves it), drop the CHECK.
 */
public class V4__Email_verified_not_null extends ZdmJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        zdm(context).setNotNull("users", "email_verified");
    }
}
