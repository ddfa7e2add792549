package db.rollbackjava;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java expand migration for {@code JavaMigrationRollbackTest}: undone only through an undo file. */
public class V2__Add_email extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN email text");
        }
    }
}
