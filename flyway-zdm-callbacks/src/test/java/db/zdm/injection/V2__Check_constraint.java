package db.zdm.injection;

import dev.zdm.flyway.ZdmJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A CHECK expression chosen by the test: a hostile one must be refused before anything runs. */
public class V2__Check_constraint extends ZdmJavaMigration {
    public static volatile String expression = "balance >= 0";

    @Override
    public void migrate(Context context) throws Exception {
        zdm(context).addCheckConstraint("accounts", "accounts_check", expression);
    }
}
