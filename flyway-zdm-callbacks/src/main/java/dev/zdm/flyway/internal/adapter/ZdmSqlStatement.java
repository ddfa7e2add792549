package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.lock.SessionTimeouts;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.flyway.internal.MigrateRun;
import dev.zdm.flyway.internal.MigrationFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;
import org.flywaydb.core.internal.jdbc.Results;
import org.flywaydb.core.internal.sqlscript.Delimiter;
import org.flywaydb.core.internal.sqlscript.ParsedSqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlScriptExecutor;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * One statement of a SQL migration, executed the lock-safe way when flyway-zdm is active:
 * <ul>
 *   <li>in a transactional migration it runs as Flyway would; {@link LockSafeExecutionStrategy} retries the
 *       whole migration on contention;</li>
 *   <li>in a non-transactional migration (autocommit) each statement is atomic, so a statement that met a
 *       lock timeout or deadlock is retried on its own;</li>
 *   <li>{@code CONCURRENTLY} statements wait for old transactions by design: they run without lock and
 *       statement timeouts.</li>
 * </ul>
 */
public class ZdmSqlStatement extends ParsedSqlStatement {
    private static final Pattern CONCURRENT = Pattern.compile(
            "(?is)^(CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY"
                    + "|ALTER\\s+TABLE\\b.*\\bDETACH\\s+PARTITION\\b.*\\bCONCURRENTLY)\\b.*");

    private final String body;

    public ZdmSqlStatement(int pos, int line, int col, String sql, Delimiter delimiter, boolean canExecuteInTransaction,
                           boolean batchable) {
        super(pos, line, col, sql, delimiter, canExecuteInTransaction, batchable);
        this.body = SqlText.withoutLeadingComments(sql);
    }

    @Override
    public Results execute(JdbcTemplate jdbcTemplate, SqlScriptExecutor sqlScriptExecutor, Configuration config) {
        MigrateRun run = MigrateRun.current();
        if (run == null) {
            return super.execute(jdbcTemplate, sqlScriptExecutor, config);
        }
        run.statement(getLineNumber(), body);
        Connection connection = jdbcTemplate.getConnection();
        try {
            if (!connection.getAutoCommit()) {
                return super.execute(jdbcTemplate, sqlScriptExecutor, config);
            }
            if (CONCURRENT.matcher(body).matches()) {
                refuseUnderTransactionalAdvisoryLock(run, config);
                return executeConcurrently(jdbcTemplate, sqlScriptExecutor, config, connection);
            }
            return run.lockRetry().inAutocommit(connection, () -> throwingErrors(super.execute(jdbcTemplate, sqlScriptExecutor, config)));
        } catch (StatementFailed failed) {
            return failed.results;
        } catch (Exception e) {
            throw explained(run, e);
        }
    }

    private Results executeConcurrently(JdbcTemplate jdbcTemplate, SqlScriptExecutor executor, Configuration config,
                                        Connection connection) throws SQLException {
        SessionTimeouts previous = SessionTimeouts.remember(connection);
        try {
            SessionTimeouts.statementTimeout(connection, null, false);
            SessionTimeouts.lockTimeout(connection, Duration.ZERO, false);
            return super.execute(jdbcTemplate, executor, config);
        } finally {
            previous.restore(connection);
        }
    }

    /**
     * With Flyway's transaction-level advisory lock, a CONCURRENTLY statement waits forever for the
     * transaction holding that lock (Flyway issues 3492, 3682): refuse at once, naming the setting.
     */
    private void refuseUnderTransactionalAdvisoryLock(MigrateRun run, Configuration config) {
        PostgreSQLConfigurationExtension postgres = config.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class);
        if (postgres != null && postgres.isTransactionalLock()) {
            throw new FlywayException("Migration " + run.migration() + ", line " + getLineNumber() + ": " + SqlText.firstLine(body)
                    + " would wait forever: Flyway holds its advisory lock in an open transaction"
                    + " (flyway.postgresql.transactional.lock=true) and a CONCURRENTLY statement waits for every older transaction"
                    + " (Flyway issues 3492, 3682). Nothing of this statement was run. Remove flyway.zdm.keepTransactionalLock=true"
                    + " (flyway-zdm then sets flyway.postgresql.transactional.lock=false), or set flyway.postgresql.transactional.lock=false yourself.");
        }
    }

    private static RuntimeException explained(MigrateRun run, Throwable e) {
        RuntimeException explained = MigrationFailures.explain(run, e, false);
        if (explained != null) {
            return explained;
        }
        return e instanceof RuntimeException r ? r : new FlywayException(e.getMessage(), e);
    }

    /** Flyway reports statement errors in {@link Results}; the retry loop needs them thrown. */
    private static Results throwingErrors(Results results) throws SQLException, StatementFailed {
        SQLException e = results.getException();
        if (e == null) {
            return results;
        }
        if (SqlStates.isRetryableContention(e)) {
            throw e;
        }
        throw new StatementFailed(results);
    }

    /** A non-retryable error: hand Flyway its Results unchanged so it reports it the usual way. */
    private static final class StatementFailed extends Exception {
        private final transient Results results;

        StatementFailed(Results results) {
            super(null, null, false, false);
            this.results = results;
        }
    }
}
