package dev.zdm.flyway.internal.rollback;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@code zdm:rollback} undoes and how long it waits for the locks it needs.
 *
 * @param rollbackTo   undo only migrations with a version above this one; null for every migration after the newest
 *                     contract migration
 * @param lockPatience how long to wait for another deployer ({@code zdm:expand}, {@code zdm:contract}) or a Flyway
 *                     command on the same history to finish, before refusing
 */
public record RollbackOptions(String rollbackTo, Duration lockPatience) {
    public static final Duration DEFAULT_LOCK_PATIENCE = Duration.ofSeconds(30);

    public RollbackOptions {
        Objects.requireNonNull(lockPatience, "lockPatience");
        rollbackTo = rollbackTo == null || rollbackTo.isBlank() ? null : rollbackTo.strip();
    }

    /** Everything after the newest contract migration, waiting up to 30s for the locks. */
    public static RollbackOptions defaults() {
        return new RollbackOptions(null, DEFAULT_LOCK_PATIENCE);
    }

    public RollbackOptions withRollbackTo(String version) {
        return new RollbackOptions(version, lockPatience);
    }

    public RollbackOptions withLockPatience(Duration value) {
        return new RollbackOptions(rollbackTo, value);
    }
}
