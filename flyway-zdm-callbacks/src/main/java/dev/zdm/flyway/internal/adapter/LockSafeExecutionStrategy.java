package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.flyway.internal.MigrateRun;
import dev.zdm.flyway.internal.MigrationFailures;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.database.DatabaseExecutionStrategy;
import org.flywaydb.core.internal.util.SqlCallable;

/**
 * Runs the body of one migration (SQL or Java) the lock-safe way (DESIGN.md section 4, route a):
 * <ul>
 *   <li>transactional migration: each attempt in a savepoint with SET LOCAL lock_timeout/statement_timeout;
 *       on lock timeout or deadlock the savepoint is rolled back (releasing every lock the attempt took) and
 *       the whole migration is retried after a jittered pause;</li>
 *   <li>non-transactional migration (autocommit): never retried as a whole; the session's timeouts are set
 *       for it and restored afterwards (statements retry one by one in {@link ZdmSqlStatement}).</li>
 * </ul>
 * Without an active {@link MigrateRun} (flyway-zdm disabled) it runs the body exactly as Flyway would.
 */
class LockSafeExecutionStrategy implements DatabaseExecutionStrategy {
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
        try {
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

    private <T> T inSessionTimeouts(MigrateRun run, SqlCallable<T> callable) throws SQLException {
        try (SessionSetting lockTimeout = SessionSetting.timeout(connection, "lock_timeout", run.lockRetry().policy().lockTimeout());
             SessionSetting statementTimeout = SessionSetting.timeout(connection, "statement_timeout", run.lockRetry().policy().statementTimeout())) {
            run.sessionTimeoutsSet(true);
            T result;
            try {
                result = callable.call();
            } catch (SQLException | RuntimeException e) {
                run.rollBackGroup();
                throw e;
            }
            run.commitGroup(); // before Flyway records the migration as applied
            return result;
        } finally {
            run.sessionTimeoutsSet(false);
        }
    }
}
