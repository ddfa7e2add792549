package dev.zdm.core.phase.rollback;

import dev.zdm.core.ddl.ConcurrentIndexStatement;
import dev.zdm.core.ddl.DdlOptions;
import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.core.lock.BlockerWatch;
import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.lock.ContentionExhaustedException;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.core.lock.LockRetry;
import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementFingerprint;
import dev.zdm.core.text.Durations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes one migration with its {@link RollbackScript}, lock-safe, on one autocommit connection:
 * <ul>
 *   <li>consecutive statements that can run in a transaction run together in one, with the lock policy's short
 *       {@code lock_timeout}; on a lock timeout, deadlock or serialization failure the whole transaction is rolled back
 *       (no lock kept while waiting) and tried again after a jittered pause ({@link LockRetry#inOwnTransaction});</li>
 *   <li>a statement PostgreSQL refuses in a transaction runs alone in autocommit: {@code CREATE/DROP INDEX
 *       CONCURRENTLY} and {@code REINDEX CONCURRENTLY} through {@link SafeDdl} (an invalid index left by a failed build
 *       is dropped and built again, a wait is bounded and reported), anything else with the lock policy's retries;</li>
 *   <li>the last transaction also runs the caller's {@link Finish} (the history row's deletion and the phase record),
 *       so the migration is either still applied or rolled back as a whole; after a last statement that runs outside a
 *       transaction, the finish runs in a transaction of its own.</li>
 * </ul>
 * Each committed step records its statements in {@link RollbackProgress} in the same transaction, so a run killed at
 * any point is continued by the next one after the last committed statement.
 */
public final class RollbackRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackRunner.class.getPackageName());

    /** Work done in the rollback's last transaction. */
    @FunctionalInterface
    public interface Finish {
        void run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ConnectionSource observers;
    private final LockPolicy policy;
    private final DdlOptions ddl;
    private final BlockerWatch watch;
    private String migration = "";
    private String current = "";

    public RollbackRunner(Connection connection, ConnectionSource observers, LockPolicy policy, DdlOptions ddl) {
        this.connection = connection;
        this.observers = observers;
        this.policy = policy;
        this.ddl = ddl;
        this.watch = new BlockerWatch(observers);
    }

    /**
     * Runs {@code script} to undo {@code migration}, continuing after the statements {@code progress} says an earlier run
     * committed, then {@code finish} in the last transaction.
     *
     * @return the statements run by this call
     * @throws RollbackException a statement failed, or the rollback was edited after an earlier run committed part of it
     */
    public int run(String migration, RollbackScript script, RollbackProgress progress, Finish finish) throws SQLException {
        this.migration = migration;
        List<SqlStatement> statements = script.statements();
        List<String> fingerprints = statements.stream().map(s -> StatementFingerprint.of(s.sql())).toList();
        int start = resumeAt(migration, script, fingerprints, progress.done());
        if (start > 0) {
            LOG.info("{}: continuing its rollback after the {} statement(s) an earlier zdm:rollback committed", migration, start);
        }
        int ran = 0;
        int i = start;
        boolean finished = false;
        while (i < statements.size()) {
            SqlStatement s = statements.get(i);
            if (s.model().mustRunOutsideTransaction()) {
                runAlone(script, s);
                List<String> done = fingerprints.subList(0, i + 1);
                progress.record(script.source(), done);
                i++;
                ran++;
                continue;
            }
            int end = i;
            while (end < statements.size() && !statements.get(end).model().mustRunOutsideTransaction()) {
                end++;
            }
            List<SqlStatement> group = statements.subList(i, end);
            List<String> done = fingerprints.subList(0, end);
            boolean last = end == statements.size();
            inTransaction(script, () -> {
                for (SqlStatement g : group) {
                    execute(g);
                }
                current = "";
                if (last) {
                    finish.run(connection);
                } else {
                    progress.record(script.source(), done);
                }
            });
            ran += group.size();
            finished = last;
            i = end;
        }
        if (!finished) {
            inTransaction(script, () -> finish.run(connection));
        }
        return ran;
    }

    /** Where to start: after the statements of an earlier run, which must be the script's first ones, unchanged. */
    private static int resumeAt(String migration, RollbackScript script, List<String> fingerprints, List<String> done) throws RollbackException {
        for (int i = 0; i < done.size(); i++) {
            if (i >= fingerprints.size() || !fingerprints.get(i).equals(done.get(i))) {
                String where = i < fingerprints.size() ? "statement " + (i + 1) + " (line " + script.statements().get(i).line() + ": "
                        + Sessions.shorten(script.statements().get(i).sql()) + ")" : "the statements after the first " + i;
                throw new RollbackException("zdm:rollback of " + migration + ": an earlier zdm:rollback committed the first " + done.size()
                        + " statement(s) of its rollback " + script.source() + ", but " + where + " was changed since. Nothing more was"
                        + " undone. Put the rollback back as it was when it ran, or check by hand that the schema holds what those "
                        + done.size() + " statements left, then clear the record: UPDATE zdm_phase_state SET detail = detail - 'rollback'"
                        + " WHERE migration = '" + migration.replace("'", "''") + "'; and run zdm:rollback again.");
            }
        }
        return done.size();
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(RollbackScript script, Work work) throws SQLException {
        try {
            retry().inOwnTransaction(connection, false, () -> {
                // SET LOCAL: a CONCURRENTLY build outside these transactions keeps SafeDdl's own timeouts
                SessionSetting.setLocal(connection, "statement_timeout", policy.statementTimeout());
                work.run();
                return null;
            });
        } catch (ContentionExhaustedException e) {
            throw failed(script, "could not get its locks: " + e.getMessage(), e);
        } catch (RollbackException e) {
            throw e;
        } catch (SQLException e) {
            throw failed(script, "failed: " + SqlStates.describe(e), e);
        } catch (Exception e) {
            throw failed(script, "failed: " + e, e);
        }
    }

    private void runAlone(RollbackScript script, SqlStatement s) throws SQLException {
        current = "line " + s.line() + ": " + Sessions.shorten(s.sql());
        Optional<ConcurrentIndexStatement> index = ConcurrentIndexStatement.parse(s.sql());
        try {
            if (index.isPresent()) {
                LOG.info("{}: rollback {}", migration, current);
                SafeDdl.on(connection, observers, ddl).execute(index.get());
            } else {
                retry().inAutocommit(connection, () -> {
                    execute(s);
                    return null;
                });
            }
        } catch (ContentionExhaustedException e) {
            throw failed(script, "could not get its locks: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw failed(script, "failed: " + SqlStates.describe(e), e);
        } catch (Exception e) {
            throw failed(script, "failed: " + e, e);
        }
        current = "";
    }

    private void execute(SqlStatement s) throws SQLException {
        current = "line " + s.line() + ": " + Sessions.shorten(s.sql());
        LOG.info("{}: rollback {}", migration, current);
        try (Statement st = connection.createStatement()) {
            st.execute(s.sql());
        }
    }

    private LockRetry retry() {
        return new LockRetry(policy, watch, (attempt, sqlState, blockers, pause, next) -> LOG.warn(
                "{}: rollback {}: attempt {} rolled back: {}; blocked by: {}; retrying in {} with lock_timeout {}", migration, current,
                attempt, ContentionExhaustedException.describe(sqlState), Sessions.describe(blockers), Durations.format(pause),
                Durations.format(next)));
    }

    private RollbackException failed(RollbackScript script, String what, Exception cause) {
        String statement = current.isEmpty() ? "the history update" : current;
        return new RollbackException("zdm:rollback of " + migration + " stopped: " + script.source() + ", " + statement + " " + what
                + ". The statements of this rollback committed before it stay undone and are recorded; the migration is still in"
                + " Flyway's history. Correct the cause (or the rollback SQL, keeping the statements that already ran) and run"
                + " zdm:rollback again: it continues with this statement.", cause);
    }

    @Override
    public void close() {
        watch.close();
    }

    /** The statements of {@code script} in run order, for a report. */
    public static List<String> describe(RollbackScript script) {
        List<String> out = new ArrayList<>();
        for (SqlStatement s : script.statements()) {
            out.add("line " + s.line() + ": " + Sessions.shorten(s.sql()));
        }
        return out;
    }
}
