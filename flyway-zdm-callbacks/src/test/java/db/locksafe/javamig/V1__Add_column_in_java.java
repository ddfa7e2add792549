package db.locksafe.javamig;

import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A transactional Java migration: the lock-safe runner retries it as a whole, like a SQL one. */
public class V1__Add_column_in_java extends BaseJavaMigration {
    public static final AtomicInteger ATTEMPTS = new AtomicInteger();

    @Override
    public void migrate(Context context) throws Exception {
        ATTEMPTS.incrementAndGet();
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("INSERT INTO public.ledger (note) VALUES ('written by the java migration')");
            s.execute("ALTER TABLE public.accounts ADD COLUMN from_java text");
        }
    }
}
