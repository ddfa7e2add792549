package dev.zdm.flyway.internal.checklist;

import java.time.Duration;

/**
 * A table lock a rehearsal saw a migration hold that the analyzer did not predict (a stronger mode, or a table it did
 * not expect the migration to lock).
 *
 * @param script    the migration, {@code V3__x.sql}
 * @param relation  the table, schema-qualified
 * @param mode      the mode seen, in SQL words ({@code ACCESS EXCLUSIVE})
 * @param predicted the strongest mode the analyzer predicted on it for the migration, or null for none
 * @param statement the statement running when it was first seen, on one line
 * @param heldFor   from the first to the last sample that saw it
 */
public record UnpredictedLock(String script, String relation, String mode, String predicted, String statement, Duration heldFor) {
}
