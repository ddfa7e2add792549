package dev.zdm.flyway;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Base class for a Java migration that uses {@link Zdm}: it runs outside a transaction (the safe operations commit
 * step by step, and CONCURRENTLY is refused in a transaction), and {@link #zdm(Context)} names the migration in
 * every message.
 * <pre>
 * public class V7__Email_index extends ZdmJavaMigration {
 *     public void migrate(Context context) throws Exception {
 *         zdm(context).createIndexConcurrently("users", "email");
 *     }
 * }
 * </pre>
 * If a non-transactional migration fails half-way, Flyway leaves a failed row in its history; after fixing the cause
 * run {@code flyway repair} and {@code migrate} again: every {@link Zdm} operation picks up where it stopped.
 */
public abstract class ZdmJavaMigration extends BaseJavaMigration {

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    /** The safe operations for this migration. */
    protected Zdm zdm(Context context) {
        return Zdm.forMigration(context, getClass().getSimpleName());
    }
}
