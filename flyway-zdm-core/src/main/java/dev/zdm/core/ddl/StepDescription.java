package dev.zdm.core.ddl;

import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationLock;
import java.util.List;

/**
 * What a step of an {@link Operation} runs and what it locks, readable without a connection (for the phases engine,
 * plans and lint fixes).
 *
 * @param phase   expand or contract
 * @param action  the step in a few words, e.g. {@code add CHECK NOT VALID}
 * @param sql     the statement, with the names as the operation was given them
 * @param locks   the locks it takes, one per relation
 * @param instant true when the lock is held for an instant only (no scan; short lock_timeout with retries), false when
 *                it is held for the whole step (a build or a scan)
 */
public record StepDescription(Phase phase, String action, String sql, List<RelationLock> locks, boolean instant) {
    public StepDescription {
        locks = List.copyOf(locks);
    }

    /** True when plain SELECTs on one of its relations wait while the step holds its lock. */
    public boolean blocksReads() {
        return locks.stream().anyMatch(l -> l.level().blocksReads());
    }

    /** True when INSERT, UPDATE and DELETE on one of its relations wait while the step holds its lock. */
    public boolean blocksWrites() {
        return locks.stream().anyMatch(l -> l.level().blocksWrites());
    }

    /** The strongest lock it takes. */
    public LockLevel strongestLock() {
        return locks.stream().map(RelationLock::level).reduce(null, LockLevel::max);
    }
}
