package dev.zdm.core.lint;

import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;

/**
 * A lock the reported statement holds on one relation while it runs, as data for reports.
 *
 * @param relation   the table, index or view locked
 * @param mode       the mode in force on it during the statement: the statement's own, or a stronger one the same
 *                   transaction already holds
 * @param heldSince  1-based line of the earlier statement of the same transaction that took the stronger
 *                   {@code mode}, or 0 when the statement's own lock is the one in force
 */
public record FindingLock(RelationName relation, LockLevel mode, int heldSince) {

    public boolean blocksReads() {
        return mode.blocksReads();
    }

    public boolean blocksWrites() {
        return mode.blocksWrites();
    }

    /** {@code reads and writes}, {@code writes} or {@code neither reads nor writes}. */
    public String blocks() {
        return blocksReads() ? "reads and writes" : blocksWrites() ? "writes" : "neither reads nor writes";
    }
}
