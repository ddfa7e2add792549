package db.migration;

import dev.zdm.flyway.ZdmJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Contract step: now that every row has a value (V6 checked that none is left), make the column NOT NULL
 * without scanning the table under an ACCESS EXCLUSIVE lock: a CHECK (email_verified IS NOT NULL) NOT VALID,
 * VALIDATE (which blocks no writes), then SET NOT NULL (instant, PostgreSQL uses the validated check) and the
 * check is dropped; on PostgreSQL 18 the native NOT NULL ... NOT VALID form. Safe to run again after a crash.
 */
public class V7__Email_verified_not_null extends ZdmJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        zdm(context).setNotNull("users", "email_verified");
    }
}
