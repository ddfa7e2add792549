package dev.zdm.core.ddl;

import dev.zdm.core.lock.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link Operation}s on one autocommit connection: every step ({@link #run}, what {@link SafeDdl} does), one phase
 * ({@link #expand}, {@link #contract}), or the undo of the expand steps ({@link #rollback}). Each step first reads the
 * catalog and is skipped (with a word in the log) when its effect is there, so every method can be called again after a
 * crash. For the phases engine.
 */
public final class OperationRunner {
    private final DdlSession session;

    private OperationRunner(DdlSession session) {
        this.session = session;
    }

    /** A runner on {@code connection}, reporting through SLF4J (logger {@code dev.zdm.core.ddl}). */
    public static OperationRunner on(Connection connection, ConnectionSource observers, DdlOptions options) throws SQLException {
        return new OperationRunner(new DdlSession(connection, observers, options, DdlReporter.SLF4J));
    }

    static OperationRunner on(DdlSession session) {
        return new OperationRunner(session);
    }

    /** The operations as this server runs them (SET NOT NULL depends on the version). */
    public Operations operations() throws SQLException {
        return Operations.forServer(session.serverVersion());
    }

    /** Every step, expand then contract. */
    public void run(Operation operation) throws SQLException {
        requireAutocommit(operation);
        runAll(session, operation);
    }

    /** The expand steps: afterwards both the old and the new application version work. */
    public void expand(Operation operation) throws SQLException {
        requireAutocommit(operation);
        if (!operation.prepare(session)) {
            for (Step step : operation.steps(Phase.EXPAND)) {
                step.apply(session);
            }
        }
    }

    /** The contract steps; refused while an expand step is not done (a contract alone could scan under a strong lock). */
    public void contract(Operation operation) throws SQLException {
        requireAutocommit(operation);
        if (operation.prepare(session)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (Step step : operation.steps(Phase.EXPAND)) {
            if (!step.isDone(session.catalog)) {
                missing.add(step.action());
            }
        }
        if (!missing.isEmpty()) {
            throw new DdlException(operation.name() + ": cannot contract before the expand is done (not done: " + String.join(", ", missing)
                    + "). Run the expand phase first.");
        }
        for (Step step : operation.steps(Phase.CONTRACT)) {
            step.apply(session);
        }
    }

    /**
     * Undoes the expand steps, last first: each undo removes what its step added (the object the operation names) and
     * is skipped when it is gone already. Contract steps are not undone.
     */
    public void rollback(Operation operation) throws SQLException {
        requireAutocommit(operation);
        List<Step> expand = new ArrayList<>(operation.steps(Phase.EXPAND));
        java.util.Collections.reverse(expand);
        for (Step step : expand) {
            if (step.undo().isPresent()) {
                step.undo().get().apply(session);
            }
        }
    }

    /** Per step, in order: whether the catalog shows it done. */
    public List<Boolean> done(Operation operation) throws SQLException {
        List<Boolean> out = new ArrayList<>();
        for (Step step : operation.steps()) {
            out.add(step.isDone(session.catalog));
        }
        return out;
    }

    /** Runs the first {@code count} steps only (what a crash after step {@code count} leaves), for tests. */
    void runFirst(Operation operation, int count) throws SQLException {
        if (!operation.prepare(session)) {
            for (Step step : operation.steps().subList(0, count)) {
                step.apply(session);
            }
        }
    }

    static void runAll(DdlSession session, Operation operation) throws SQLException {
        if (operation.prepare(session)) {
            return;
        }
        for (Step step : operation.steps()) {
            step.apply(session);
        }
    }

    private void requireAutocommit(Operation operation) throws SQLException {
        requireAutocommit(session, operation.name());
    }

    /** The steps commit one by one: refused on a connection inside a transaction, naming {@code operation}. */
    static void requireAutocommit(DdlSession session, String operation) throws SQLException {
        if (!session.connection.getAutoCommit()) {
            throw new DdlException(operation + " cannot run inside a transaction: it commits its steps one by one so that no strong "
                    + "lock is held while it builds or scans (PostgreSQL also refuses CONCURRENTLY in a transaction block). "
                    + "Run it on a connection in autocommit mode (in Flyway: a migration that does not run in a transaction).");
        }
    }
}
