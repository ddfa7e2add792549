package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.phase.rollback.RollbackProgress;
import dev.zdm.core.phase.rollback.RollbackRunner;
import dev.zdm.core.phase.rollback.RollbackScript;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.operations.WaitingOperations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The rollback of an operation migration ({@code ZdmOperationsMigration}): the undo steps of its operations' expand
 * steps, last operation first ({@link WaitingOperations#undo}), refused once its contract steps ran. Each undo skips what
 * is already gone, so a rollback killed half-way finishes on the next run; the history row goes in a transaction of its
 * own afterwards.
 */
final class OperationUndoSource implements RollbackSource {
    private final Configuration configuration;
    private final Connection connection;

    OperationUndoSource(Configuration configuration, Connection connection) {
        this.configuration = configuration;
        this.connection = connection;
    }

    /** A SQL migration that is a column change ({@code -- zdm:rename-column}, {@code -- zdm:change-type}) recorded with its spec. */
    private boolean columnChange(Candidate migration) {
        try {
            return WaitingOperations.isColumnChangeMigration(configuration, connection, migration.script());
        } catch (SQLException e) {
            throw new ZdmMigrationException("zdm:rollback could not read zdm_phase_state for " + migration.describe()
                    + " (" + e.getMessage() + "); nothing was undone.", e);
        }
    }

    @Override
    public Optional<MigrationRollback> find(Candidate migration) {
        if (migration.isSql() ? !columnChange(migration) : !WaitingOperations.isOperationMigration(configuration, migration.script())) {
            return Optional.empty();
        }
        return Optional.of(new MigrationRollback() {
            @Override
            public String source() {
                return migration.script() + (migration.isSql() ? " (the undo steps of its column change)" : " (the undo steps of its operations)");
            }

            @Override
            public List<String> steps() {
                return List.of("undo the expand steps of " + migration.script() + "'s operations, last first");
            }

            @Override
            public int run(Candidate candidate, RollbackRunner runner, RollbackProgress progress, RollbackRunner.Finish finish)
                    throws SQLException {
                int undone = WaitingOperations.undo(configuration, connection, candidate.script()).size();
                runner.run(candidate.describe(), new RollbackScript(source(), List.of()), progress, finish);
                return undone;
            }
        });
    }
}
