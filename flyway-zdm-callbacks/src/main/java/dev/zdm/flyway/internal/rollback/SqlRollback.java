package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.phase.rollback.RollbackProgress;
import dev.zdm.core.phase.rollback.RollbackRunner;
import dev.zdm.core.phase.rollback.RollbackScript;
import java.sql.SQLException;
import java.util.List;

/** A rollback written as SQL: a {@code -- zdm:rollback} section or an undo file. */
record SqlRollback(RollbackScript script, List<String> problems) implements MigrationRollback {

    @Override
    public String source() {
        return script.source();
    }

    @Override
    public List<String> steps() {
        return RollbackRunner.describe(script);
    }

    @Override
    public int run(Candidate migration, RollbackRunner runner, RollbackProgress progress, RollbackRunner.Finish finish) throws SQLException {
        return runner.run(migration.describe(), script, progress, finish);
    }
}
