package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.flyway.internal.MigrateRun;
import dev.zdm.flyway.internal.MigrationFailures;
import dev.zdm.flyway.internal.PlainExecution;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.database.DatabaseExecutionStrategy;
import org.flywaydb.core.internal.util.SqlCallable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the body of one migration (SQL or Java) the lock-safe way (DESIGN.md section 4, route a):
 * <ul>
 *   <li>transactional migration: each attempt in a savepoint with SET LOCAL lock_timeout/statement_timeout;
 *       on lock timeout or deadlock the savepoint is rolled back (releasing every lock the attempt took) and
 *       the whole migration is retried after a jittered pause;</li>
 *   <li>non-transactional migration (autocommit): never retried as a whole; the session's timeouts are set
 *       for it and restored afterwards (statements retry one by one in {@link ZdmSqlStatement});</li>
 *   <li>a migration that controls transactions itself or carries {@code -- zdm:plain} ({@link PlainExecution}): as plain
 *       Flyway runs it, with the same timeouts and no retry.</li>
 * </ul>
 * Without an active {@link MigrateRun} (flyway-zdm disabled) it runs the body exactly as Flyway would.
 */
class LockSafeExecutionStrategy implements DatabaseExecutionStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(LockSafeExecutionStrategy.class.getPackageName());
    private final Connection connection;

    LockSafeExecutionStrategy(Connection connection) {
        this.connection = connection;
    }

    @Override
    public <T> T execute(SqlCallable<T> callable) throws SQLException {
        MigrateRun run = MigrateRun.current();
        if (run == null) {
            return callable.call();
        }
        boolean transactional = !connection.getAutoCommit();
        PlainExecution plain = run.plainExecution();
        try {
            if (plain != null && plain.applies()) {
                return asPlainFlyway(run, plain, callable, transactional);
            }
            if (transactional) {
                return run.lockRetry().inTransaction(connection, callable::call);
            }
            return inSessionTimeouts(run, callable);
        } catch (SQLException | RuntimeException e) {
            RuntimeException explained = MigrationFailures.explain(run, e, transactional);
            if (explained != null) {
                throw explained;
            }
            throw e;
        } catch (Exception e) {
            throw new FlywayException(e.getMessage(), e);
        }
    }

    /**
     * A migration that controls transactions itself or opted out with {@code -- zdm:plain} runs as plain Flyway runs
     * it: no savepoint (a COMMIT in the script would destroy it, and a retry would repeat what was committed), no
     * retry; its statements still get the runner's lock and statement timeouts.
     */
    private <T> T asPlainFlyway(MigrateRun run, PlainExecution plain, SqlCallable<T> callable, boolean transactional) throws SQLException {
        LOG.info("{} runs as plain Flyway runs it, without the lock-safe runner's savepoint and retries, because {}; "
                + "lock_timeout {} still applies to its statements", run.migration(), plain.reason(), ZdmSettings.written(run.settings().lock().timeout()));
        if (!transactional) {
            return inSessionTimeouts(run, callable);
        }
        setLocalTimeouts(run, connection);
        return callable.call();
    }

    /** The runner's timeouts for the rest of the current transaction (PostgreSQL drops them at its end). */
    static void setLocalTimeouts(MigrateRun run, Connection connection) throws SQLException {
        SessionSetting.setLocal(connection, "lock_timeout", run.lockRetry().policy().lockTimeout());
        SessionSetting.setLocal(connection, "statement_timeout", run.lockRetry().policy().statementTimeout());
    }

    private <T> T inSessionTimeouts(MigrateRun run, SqlCallable<T> callable) throws SQLException {
        try (SessionSetting lockTimeout = SessionSetting.timeout(connection, "lock_timeout", run.lockRetry().policy().lockTimeout());
             SessionSetting statementTimeout = SessionSetting.timeout(connection, "statement_timeout", run.lockRetry().policy().statementTimeout())) {
            run.sessionTimeoutsSet(true);
            T result;
            try {
                result = callable.call();
            } catch (SQLException | RuntimeException e) {
                try {
                    run.rollBackGroup();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // the connection is likely gone; the failure that matters is e
                }
                throw e;
            }
            run.commitGroup(); // before Flyway records the migration as applied
            return result;
        } finally {
            run.sessionTimeoutsSet(false);
        }
    }
}
