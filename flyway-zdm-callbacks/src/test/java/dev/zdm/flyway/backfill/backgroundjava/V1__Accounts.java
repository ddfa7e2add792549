package dev.zdm.flyway.backfill.backgroundjava;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V1__Accounts extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0)");
            s.execute("INSERT INTO accounts (id) SELECT generate_series(1, 20000)");
        }
    }
}
