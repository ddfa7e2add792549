package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.phase.rollback.RollbackProgress;
import dev.zdm.core.phase.rollback.RollbackRunner;
import java.sql.SQLException;
import java.util.List;

/** How one migration is undone, found by a {@link RollbackSource}. */
public interface MigrationRollback {

    /** Where the rollback is written, for the report: {@code V3__x.sql (-- zdm:rollback at line 7)}. */
    String source();

    /** What it will run, one line each, for the report and the log. */
    List<String> steps();

    /**
     * Undoes the migration on {@code runner}'s connection; {@code finish} (the history row's deletion and the phase
     * record) must run in the last transaction, so the migration is either still applied or rolled back whole.
     *
     * @return the statements run by this call (fewer than {@link #steps()} when an earlier, interrupted run did some)
     */
    int run(Candidate migration, RollbackRunner runner, RollbackProgress progress, RollbackRunner.Finish finish) throws SQLException;

    /** What is wrong with the rollback as written; a rollback with problems is refused before anything runs. */
    default List<String> problems() {
        return List.of();
    }
}
