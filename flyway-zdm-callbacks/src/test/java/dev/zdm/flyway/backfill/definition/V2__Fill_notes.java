package dev.zdm.flyway.backfill.definition;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.flyway.BatchedBackfillMigration;

/** A definition the test breaks and then fixes, as a developer would between two deploys. */
public class V2__Fill_notes extends BatchedBackfillMigration {
    public static volatile boolean broken = true;
    /** A definition that builds but cannot work: it moves the key the walk goes by. */
    public static volatile boolean movesItsKey = false;

    @Override
    protected Backfill backfill() {
        if (movesItsKey) {
            return Backfill.table("notes").set("id = id + 1000, body = ''").where("body IS NULL");
        }
        return Backfill.table("notes").set(broken ? "body = ''; DROP TABLE notes" : "body = ''").where("body IS NULL");
    }
}
