package dev.zdm.flyway.internal.operations;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.ddl.ColumnChangeDirective;
import dev.zdm.core.ddl.Operation;
import dev.zdm.core.ddl.Operations;
import dev.zdm.core.ddl.OperationRunner;
import dev.zdm.core.ddl.Phase;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.flyway.api.OperationMigrationException;
import dev.zdm.flyway.internal.HistorySchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an operation migration when Flyway runs it. On a history that was empty when {@code migrate} started (nobody
 * uses the database yet) every step runs at once. Otherwise only the expand steps run, so that the application version
 * still deployed keeps working; the migration counts as applied and {@code zdm_phase_state} records its expand as
 * {@code done} and, when it has contract steps, its contract as {@code waiting} for {@code zdm:contract}
 * ({@link WaitingOperations}). Every step reads the catalog first, so running it again after a crash finishes it.
 */
public final class AppliedOperations {
    private static final Logger LOG = LoggerFactory.getLogger(AppliedOperations.class.getPackageName());

    private AppliedOperations() {
    }

    /**
     * Runs {@code migration} on Flyway's migration connection (autocommit: the steps commit one by one).
     *
     * @param className the migration's class name, as Flyway's history names a Java migration
     * @param version   its Flyway version, null for a repeatable migration
     */
    public static void apply(Configuration configuration, Connection connection, OperationsDeclaration migration, String className,
                             String version) throws SQLException {
        requireAutocommit(connection, className);
        OperationRunner runner = OperationSessions.runner(configuration, connection);
        boolean fresh = FreshHistory.atMigrateStart(configuration, connection);
        List<Operation> operations = OperationMigrationClass.operations(migration, factory(runner, fresh), className);
        Map<String, Object> detail = OperationMigrationClass.detail(className, operations, SearchPath.current(connection));
        apply(configuration, connection, runner, fresh, operations, className, version, detail);
    }

    /**
     * Runs the column change a SQL migration declares ({@code -- zdm:rename-column}, {@code -- zdm:change-type}) as
     * {@link #apply(Configuration, Connection, OperationsDeclaration, String, String)} runs a Java one; its spec goes into the
     * recorded detail, from which {@link WaitingOperations} rebuilds the operation for the contract and the undo.
     *
     * @param script the migration's script, as Flyway's history names it
     */
    public static void applyColumnChange(Configuration configuration, Connection connection, ColumnChangeDirective change, String script,
                                         String version) throws SQLException {
        requireAutocommit(connection, script);
        OperationRunner runner = OperationSessions.runner(configuration, connection);
        boolean fresh = FreshHistory.atMigrateStart(configuration, connection);
        List<Operation> operations = List.of(change.operation(factory(runner, fresh)));
        Map<String, Object> detail = OperationMigrationClass.detail(script, operations, SearchPath.current(connection));
        detail.put(OperationMigrationClass.DETAIL_COLUMN_CHANGE, change.toMap());
        apply(configuration, connection, runner, fresh, operations, script, version, detail);
    }

    /** On a fresh history every step runs at once: a background backfill would wait for a runner nobody started. */
    private static Operations factory(OperationRunner runner, boolean fresh) throws SQLException {
        return fresh ? runner.operations().withoutBackgroundBackfills() : runner.operations();
    }

    /** Refuses a migration connection inside a transaction (the steps commit one by one), naming {@code migration}. */
    public static void requireAutocommit(Connection connection, String migration) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Migration " + migration + " runs in a transaction, "
                    + "but its operations commit step by step (PostgreSQL refuses CONCURRENTLY in a transaction block, and a "
                    + "transaction would hold every lock to the end). Run it without flyway.group=true. Nothing was changed.", null);
        }
    }

    private static void apply(Configuration configuration, Connection connection, OperationRunner runner, boolean fresh,
                              List<Operation> operations, String className, String version, Map<String, Object> detail) throws SQLException {
        PhaseStates phases = PhaseStates.in(connection, HistorySchema.of(configuration, connection));
        for (Operation operation : operations) {
            try {
                if (fresh) {
                    runner.run(operation);
                } else {
                    runner.expand(operation);
                }
            } catch (SQLException e) {
                throw failed(className, operation, e, connection);
            }
        }
        phases.record(className, version, MigrationPhase.EXPAND.value(), PhaseStatus.DONE, Map.of(), detail);
        if (!OperationMigrationClass.hasContractSteps(operations)) {
            LOG.info("{}: {} operation(s) applied; none has contract steps", className, operations.size());
        } else if (fresh) {
            Map<String, Object> freshDetail = new LinkedHashMap<>(detail);
            freshDetail.put("freshHistory", true);
            phases.record(className, version, MigrationPhase.CONTRACT.value(), PhaseStatus.DONE, Map.of(), freshDetail);
            LOG.info("{}: Flyway's history was empty when migrate started (a new database): every step of its {} operation(s) ran, "
                    + "contract steps included", className, operations.size());
        } else {
            phases.record(className, version, MigrationPhase.CONTRACT.value(), PhaseStatus.WAITING, Map.of(), detail);
            LOG.info("{}: expand steps applied; the contract steps of {} wait until the application version before this deploy "
                    + "is gone: run zdm:contract then", className, String.join(", ", operations.stream()
                    .filter(op -> !op.steps(Phase.CONTRACT).isEmpty()).map(Operation::name).toList()));
        }
    }

    private static OperationMigrationException failed(String className, Operation operation, SQLException e, Connection connection) {
        String message = "Migration " + className + ": " + operation.name() + ": " + e.getMessage()
                + " Every step is safe to run again: after fixing the cause run flyway repair (if Flyway recorded the migration "
                + "as failed) and migrate again; it continues from what the catalog shows.";
        if (connectionLost(connection)) {
            // Flyway replaces our exception with its own "Unable to restore connection" when the connection is dead
            LOG.error(message);
        }
        return new OperationMigrationException(e instanceof ZdmError z ? z.code() : ZdmErrorCode.DDL_FAILED, message, e);
    }

    static boolean connectionLost(Connection connection) {
        try {
            return connection.isClosed() || !connection.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }
}
