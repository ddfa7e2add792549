package dev.zdm.flyway.internal.rollback;

import java.util.Optional;

/**
 * Where the rollback of a migration can be written. The SQL sources are the migration's own {@code -- zdm:rollback}
 * section ({@link SectionSource}) and a sibling undo file {@code U<version>__<anything>.sql} ({@link UndoFileSource});
 * a migration built from operations can provide its operations' undo steps by another implementation. The first
 * source that finds one wins.
 */
public interface RollbackSource {

    /** How {@code migration} is undone, or empty when this source has nothing for it. */
    Optional<MigrationRollback> find(Candidate migration);
}
