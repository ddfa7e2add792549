package dev.zdm.flyway.internal.operations;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.ddl.ColumnChangeDirective;
import dev.zdm.core.ddl.Operation;
import dev.zdm.core.ddl.OperationRunner;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.core.state.StateTables;
import dev.zdm.flyway.api.OperationMigrationException;
import dev.zdm.flyway.internal.HistorySchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contract steps of operation migrations that wait in {@code zdm_phase_state} (phase {@code contract}, state
 * {@code waiting}), recorded when Flyway applied their expand steps ({@link AppliedOperations}):
 * <ul>
 *   <li>{@link #waiting}: what waits, for {@code zdm:status};</li>
 *   <li>{@link #contractWaiting}: runs them, oldest first, for {@code zdm:contract} (which checks drain evidence first);</li>
 *   <li>{@link #undo}: undoes one migration's expand steps, for {@code zdm:rollback}.</li>
 * </ul>
 * Each migration's class is loaded with Flyway's class loader and instantiated as Flyway does; its operations are built
 * for the server and run under the search_path recorded when it was applied. Every step reads the catalog first, so a
 * run that stopped half-way (a crash, a killed session, a failed step) is finished by the next call. The connection must
 * be in autocommit mode; the caller holds the deploy lock ({@code dev.zdm.core.phase.DeployLock}).
 */
public final class WaitingOperations {
    private static final Logger LOG = LoggerFactory.getLogger(WaitingOperations.class.getPackageName());
    private static final String CONTRACT = MigrationPhase.CONTRACT.value();
    private static final String EXPAND = MigrationPhase.EXPAND.value();
    /** Detail key of a waiting contract whose steps began: when zdm:contract started it. */
    static final String CONTRACT_STARTED = "contractStartedAt";

    /**
     * One migration whose contract steps ran.
     *
     * @param migration  its class name (as Flyway's history names it)
     * @param version    its Flyway version, null for a repeatable migration
     * @param operations what its operations did, e.g. {@code SET NOT NULL users.email_verified through a validated CHECK}
     */
    public record Contracted(String migration, String version, List<String> operations) {
    }

    private WaitingOperations() {
    }

    /** The operation migrations whose contract steps wait, oldest first. */
    public static List<PhaseEntry> waiting(Configuration configuration, Connection connection) throws SQLException {
        return waiting(phases(configuration, connection));
    }

    /** Runs every waiting contract, oldest first; see {@link #contractWaiting(Configuration, Connection, Map)}. */
    public static List<Contracted> contractWaiting(Configuration configuration, Connection connection) throws SQLException {
        return contractWaiting(configuration, connection, Map.of());
    }

    /**
     * Runs the contract steps of every waiting operation migration, oldest first, and records each as {@code done} with
     * {@code evidence} (the drain evidence the caller checked). Stops at the first failure: that migration stays
     * {@code waiting}, those before it are {@code done}, and calling again continues where the catalog stands.
     *
     * @return the migrations contracted by this call, in order
     * @throws OperationMigrationException a class cannot be loaded, or a step failed (the message names both)
     */
    public static List<Contracted> contractWaiting(Configuration configuration, Connection connection, Map<String, Object> evidence)
            throws SQLException {
        requireAutocommit(connection, "zdm:contract");
        PhaseStates phases = phases(configuration, connection);
        List<PhaseEntry> waiting = waiting(phases);
        List<Contracted> out = new ArrayList<>();
        if (waiting.isEmpty()) {
            return out;
        }
        OperationRunner runner = OperationSessions.runner(configuration, connection);
        String where = StateTables.qualified(HistorySchema.of(configuration, connection), StateTables.PHASE_STATE);
        for (PhaseEntry entry : waiting) {
            String className = entry.migration();
            List<Operation> operations = operations(configuration, runner, className, entry.detail(),
                    "waits for its contract steps (" + where + ")");
            warnIfEdited(className, entry.detail(), operations);
            // from here on an undo would leave a half-contracted change: zdm:rollback refuses, zdm:contract finishes it
            Map<String, Object> started = new LinkedHashMap<>(entry.detail());
            started.put(CONTRACT_STARTED, Instant.now().toString());
            phases.record(className, entry.version(), CONTRACT, PhaseStatus.WAITING, evidence, started);
            try (SearchPath.Restore ignored = SearchPath.use(connection, entry.detail().get(OperationMigrationClass.DETAIL_SEARCH_PATH))) {
                for (Operation operation : operations) {
                    try {
                        runner.contract(operation);
                    } catch (SQLException e) {
                        throw new OperationMigrationException(code(e, ZdmErrorCode.DDL_FAILED), "Contract of migration " + className + ": "
                                + operation.name() + ": " + e.getMessage() + " Its contract stays waiting in " + where + "; every step "
                                + "is safe to run again: fix the cause and run zdm:contract again, it continues from what the catalog "
                                + "shows." + contractedBefore(out), e);
                    }
                }
            }
            phases.record(className, entry.version(), CONTRACT, PhaseStatus.DONE, evidence, started);
            List<String> names = operations.stream().map(Operation::name).toList();
            LOG.info("{}: contract steps done: {}", className, String.join(", ", names));
            out.add(new Contracted(className, entry.version(), names));
        }
        return out;
    }

    /**
     * Undoes the expand steps of {@code className}'s operations, last operation first (each undo is skipped when what it
     * removes is gone), and records its phases as {@code rolled_back}. Refused once its contract steps ran: those are not
     * undone. Flyway's history is the caller's to change.
     *
     * @return the operations undone, in the order they were undone
     */
    public static List<String> undo(Configuration configuration, Connection connection, String className) throws SQLException {
        requireAutocommit(connection, "zdm:rollback");
        PhaseStates phases = phases(configuration, connection);
        Optional<PhaseEntry> contract = phases.find(className, CONTRACT);
        Optional<PhaseEntry> expand = phases.find(className, EXPAND);
        if (contract.isPresent() && contract.get().status() == PhaseStatus.DONE) {
            throw new OperationMigrationException(ZdmErrorCode.ROLLBACK_FAILED, "Migration " + className + " cannot be rolled back: its "
                    + "contract steps ran (" + contract.get().finishedAt() + "), and contract steps are not undone. Write a new "
                    + "migration that reverts what you need. Nothing was changed.", null);
        }
        if (contract.isPresent() && contract.get().detail().containsKey(CONTRACT_STARTED)) {
            throw new OperationMigrationException(ZdmErrorCode.ROLLBACK_FAILED, "Migration " + className + " cannot be rolled back: "
                    + "zdm:contract started its contract steps (" + contract.get().detail().get(CONTRACT_STARTED) + ") and stopped "
                    + "half-way, and contract steps are not undone. Run zdm:contract again to finish it. Nothing was changed.", null);
        }
        // the contract row keeps the detail the expand recorded (the phase callback may have replaced the expand row's)
        Optional<PhaseEntry> recorded = contract.filter(c -> c.detail().containsKey(OperationMigrationClass.DETAIL_COLUMN_CHANGE))
                .or(() -> expand.isPresent() ? expand : contract);
        OperationRunner runner = OperationSessions.runner(configuration, connection);
        List<Operation> operations = new ArrayList<>(operations(configuration, runner, className,
                recorded.map(PhaseEntry::detail).orElse(Map.of()), "is to be rolled back"));
        Collections.reverse(operations);
        Object searchPath = recorded.map(e -> e.detail().get(OperationMigrationClass.DETAIL_SEARCH_PATH)).orElse(null);
        List<String> undone = new ArrayList<>();
        try (SearchPath.Restore ignored = SearchPath.use(connection, searchPath)) {
            for (Operation operation : operations) {
                try {
                    runner.rollback(operation);
                } catch (SQLException e) {
                    throw new OperationMigrationException(ZdmErrorCode.ROLLBACK_FAILED, "Rollback of migration " + className + ": "
                            + operation.name() + ": " + e.getMessage() + " Every undo is safe to run again: fix the cause and run "
                            + "zdm:rollback again." + (undone.isEmpty() ? "" : " Undone before the failure: " + String.join(", ", undone)), e);
                }
                undone.add(operation.name());
            }
        }
        String version = recorded.map(PhaseEntry::version).orElse(null);
        Map<String, Object> detail = recorded.map(PhaseEntry::detail).orElse(Map.of());
        phases.record(className, version, EXPAND, PhaseStatus.ROLLED_BACK, Map.of(), detail);
        if (contract.isPresent()) {
            phases.record(className, version, CONTRACT, PhaseStatus.ROLLED_BACK, Map.of(), detail);
        }
        LOG.info("{}: expand steps undone: {}", className, String.join(", ", undone));
        return undone;
    }

    /**
     * The operations of {@code migration}: rebuilt from the column change a SQL migration recorded in {@code detail}, else
     * declared by its Java class (loaded with Flyway's class loader).
     */
    private static List<Operation> operations(Configuration configuration, OperationRunner runner, String migration,
                                              Map<String, Object> detail, String why) throws SQLException {
        Object change = detail.get(OperationMigrationClass.DETAIL_COLUMN_CHANGE);
        if (change instanceof Map<?, ?> spec) {
            try {
                return List.of(ColumnChangeDirective.fromMap(spec).operation(runner.operations()));
            } catch (IllegalArgumentException e) {
                throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, "Migration " + migration + " " + why + ", but the column"
                        + " change recorded for it cannot be read back (" + e.getMessage() + "): " + spec + ". Nothing was changed.", e);
            }
        }
        OperationsDeclaration declared = OperationMigrationClass.load(configuration.getClassLoader(), migration, why);
        return OperationMigrationClass.operations(declared, runner.operations(), migration);
    }

    /**
     * Whether the SQL migration {@code script} is a column change whose expand ran and whose contract did not: its
     * recorded phases carry the spec ({@code -- zdm:rename-column}, {@code -- zdm:change-type}), for the rollback planner.
     */
    public static boolean isColumnChangeMigration(Configuration configuration, Connection connection, String script) throws SQLException {
        PhaseStates phases = phases(configuration, connection);
        for (String phase : List.of(CONTRACT, EXPAND)) {
            Optional<PhaseEntry> entry = phases.find(script, phase);
            if (entry.isPresent() && entry.get().detail().containsKey(OperationMigrationClass.DETAIL_COLUMN_CHANGE)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code className} is an operation migration (loadable with Flyway's class loader), for the rollback planner. */
    public static boolean isOperationMigration(Configuration configuration, String className) {
        try {
            return OperationsDeclaration.class.isAssignableFrom(Class.forName(className, false, configuration.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Java migrations have no checksum: an edit after the expand shows only as other operations than those recorded. */
    private static void warnIfEdited(String className, Map<String, Object> detail, List<Operation> operations) {
        Object recorded = detail.get(OperationMigrationClass.DETAIL_OPERATIONS);
        List<String> now = operations.stream().map(Operation::name).toList();
        if (recorded instanceof List<?> list && !list.equals(now)) {
            LOG.warn("{}: its operations changed since its expand steps ran (then: {}; now: {}); contracting what it declares now. "
                    + "An operation added since is refused until its expand steps ran.", className, list, now);
        }
    }

    private static List<PhaseEntry> waiting(PhaseStates phases) throws SQLException {
        return phases.withStatus(PhaseStatus.WAITING).stream().filter(e -> CONTRACT.equals(e.phase())).toList();
    }

    private static PhaseStates phases(Configuration configuration, Connection connection) throws SQLException {
        return PhaseStates.in(connection, HistorySchema.of(configuration, connection));
    }

    private static String contractedBefore(List<Contracted> done) {
        return done.isEmpty() ? "" : " Contracted before it: " + String.join(", ", done.stream().map(Contracted::migration).toList()) + ".";
    }

    private static ZdmErrorCode code(SQLException e, ZdmErrorCode otherwise) {
        return e instanceof ZdmError z ? z.code() : otherwise;
    }

    private static void requireAutocommit(Connection connection, String command) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new OperationMigrationException(ZdmErrorCode.MIGRATION_FAILED, command + " runs operation steps that commit one by "
                    + "one: give it a connection in autocommit mode. Nothing was changed.", null);
        }
    }
}
