package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.ddl.ConcurrentIndexStatement;
import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementKind;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.flyway.internal.DdlOptionsFromSettings;
import dev.zdm.flyway.internal.MigrateRun;
import dev.zdm.flyway.internal.MigrationFailures;
import dev.zdm.flyway.internal.PlainExecution;
import dev.zdm.flyway.internal.ZdmMigrationException;
import dev.zdm.flyway.internal.backfill.BackfillFailedException;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
import dev.zdm.flyway.internal.resume.StatementProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;
import org.flywaydb.core.internal.jdbc.Results;
import org.flywaydb.core.internal.sqlscript.Delimiter;
import org.flywaydb.core.internal.sqlscript.ParsedSqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlScriptExecutor;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One statement of a SQL migration, executed the lock-safe way when flyway-zdm is active:
 * <ul>
 *   <li>in a transactional migration it runs as Flyway would; {@link LockSafeExecutionStrategy} retries the
 *       whole migration on contention;</li>
 *   <li>in a non-transactional migration (autocommit) each statement is atomic, so a statement that met a
 *       lock timeout or deadlock is retried on its own; each applied statement is recorded, so that a run that
 *       failed or was killed half-way is continued by the next one instead of repeating what is done;</li>
 *   <li>{@code -- zdm:batched} UPDATE/DELETE statements run through the resumable batched backfill engine;</li>
 *   <li>a migration that controls transactions itself or carries {@code -- zdm:plain} runs as plain Flyway runs it,
 *       with the runner's timeouts ({@link PlainExecution});</li>
 *   <li>{@code CONCURRENTLY} index statements run through the safe DDL operations of {@code dev.zdm.core.ddl}
 *       (bounded waits, invalid leftovers rebuilt); they wait for old transactions by design, so the runner's
 *       lock and statement timeouts do not apply to them.</li>
 * </ul>
 */
public class ZdmSqlStatement extends ParsedSqlStatement {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway");
    private final String body;
    private final boolean concurrently;
    private final boolean batched;
    private final boolean transactionControl;
    private final PlainExecution plain;

    /**
     * @param analyzed our analyzer's reading of the same statement (null when it saw it differently): tells
     *                 whether it is a CONCURRENTLY statement and whether it carries a {@code -- zdm:batched} directive
     * @param plain    whether its script runs as plain Flyway runs it (complete once the script is parsed)
     */
    public ZdmSqlStatement(int pos, int line, int col, String sql, Delimiter delimiter, boolean canExecuteInTransaction,
                           boolean batchable, SqlStatement analyzed, PlainExecution plain) {
        super(pos, line, col, sql, delimiter, canExecuteInTransaction, batchable);
        this.body = analyzed == null ? sql.strip() : analyzed.sql();
        this.concurrently = analyzed != null && analyzed.model().concurrently() && analyzed.model().mustRunOutsideTransaction();
        this.batched = analyzed != null && isBatched(analyzed);
        this.transactionControl = analyzed != null && analyzed.model().kind() == StatementKind.TRANSACTION_CONTROL;
        this.plain = plain;
    }

    /** An UPDATE or DELETE with a {@code -- zdm:batched ...} directive: run by the batched backfill engine. */
    static boolean isBatched(SqlStatement analyzed) {
        return analyzed.directive("batched").isPresent();
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
            if (plain.applies()) {
                return executePlain(run, jdbcTemplate, sqlScriptExecutor, config, connection);
            }
            if (!connection.getAutoCommit()) {
                return super.execute(jdbcTemplate, sqlScriptExecutor, config);
            }
            return executeOnce(run, jdbcTemplate, sqlScriptExecutor, config, connection);
        } catch (StatementFailed failed) {
            return failed.results;
        } catch (Exception e) {
            throw explained(run, e);
        }
    }

    /**
     * A statement of a migration that runs as plain Flyway runs it ({@link PlainExecution}). After a COMMIT or ROLLBACK
     * in a transactional migration the next statements run in a new transaction, which the runner's {@code SET LOCAL}
     * timeouts do not reach: they are set again for it.
     */
    private Results executePlain(MigrateRun run, JdbcTemplate jdbcTemplate, SqlScriptExecutor executor, Configuration config,
                                 Connection connection) throws SQLException {
        Results results = super.execute(jdbcTemplate, executor, config);
        if (transactionControl && results.getException() == null && !connection.getAutoCommit()) {
            LockSafeExecutionStrategy.setLocalTimeouts(run, connection);
        }
        return results;
    }

    /**
     * Index statements go through the safe DDL operations (invalid leftovers rebuilt, bounded waits for old
     * transactions with their pids reported, failed builds cleaned up and retried, partitioned tables built
     * partition by partition). Anything the parser cannot read with certainty, and DETACH PARTITION
     * CONCURRENTLY, runs as written, without lock and statement timeouts.
     */
    private Results executeConcurrently(MigrateRun run, JdbcTemplate jdbcTemplate, SqlScriptExecutor executor, Configuration config,
                                        Connection connection) throws SQLException {
        Optional<ConcurrentIndexStatement> index = ConcurrentIndexStatement.parse(body);
        try (SessionSetting statementTimeout = SessionSetting.timeout(connection, "statement_timeout", null);
             SessionSetting lockTimeout = SessionSetting.timeout(connection, "lock_timeout", null)) {
            if (index.isEmpty()) {
                return super.execute(jdbcTemplate, executor, config);
            }
            try {
                SafeDdl.on(connection, ConnectionSource.of(config.getDataSource()), DdlOptionsFromSettings.of(run.settings()))
                        .execute(index.get());
            } catch (SQLException e) {
                throw new ZdmMigrationException("Migration " + run.migration() + ", line " + getLineNumber() + ": " + e.getMessage(), e);
            }
            return new Results();
        }
    }

    /**
     * A statement of a non-transactional migration (autocommit): skipped when an earlier, unfinished run of the same
     * script already applied it; otherwise run, then recorded as applied (see {@link StatementProgress}).
     */
    private Results executeOnce(MigrateRun run, JdbcTemplate jdbcTemplate, SqlScriptExecutor sqlScriptExecutor, Configuration config,
                                Connection connection) throws Exception {
        StatementProgress progress = run.progress(connection, config);
        if (progress.done(run.migration(), run.checksum(), getLineNumber())) {
            LOG.info("{}, line {}: applied by an earlier run that did not finish; skipped: {}", run.migration(), getLineNumber(),
                    firstLine(body));
            return new Results();
        }
        Results results;
        if (batched) {
            results = executeBatched(run, config, connection);
        } else if (concurrently) {
            refuseUnderTransactionalAdvisoryLock(run, config);
            results = executeConcurrently(run, jdbcTemplate, sqlScriptExecutor, config, connection);
        } else {
            results = run.lockRetry().inAutocommit(connection, () -> throwingErrors(super.execute(jdbcTemplate, sqlScriptExecutor, config)));
        }
        progress.record(run.migration(), run.checksum(), getLineNumber(), firstLine(body));
        return results;
    }

    /**
     * A {@code -- zdm:batched} UPDATE/DELETE: keyset batches, each committed with its checkpoint, resumed by the next
     * migrate after a crash or failure. The parser made the migration non-transactional, so the connection is in
     * autocommit mode here; the checkpoint id is the script and the statement's ordinal among its batched ones.
     */
    private Results executeBatched(MigrateRun run, Configuration config, Connection connection) {
        try {
            FlywayBackfills.runSql(config, connection, run.migration(), run.nextBatchedOrdinal(), getSql());
            return new Results();
        } catch (BackfillFailedException e) {
            throw new ZdmMigrationException("Migration " + run.migration() + ", line " + getLineNumber() + ": " + e.getMessage(), e);
        }
    }

    /**
     * With Flyway's transaction-level advisory lock, a CONCURRENTLY statement waits forever for the
     * transaction holding that lock (Flyway issues 3492, 3682): refuse at once, naming the setting.
     */
    private void refuseUnderTransactionalAdvisoryLock(MigrateRun run, Configuration config) {
        PostgreSQLConfigurationExtension postgres = config.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class);
        if (postgres != null && postgres.isTransactionalLock()) {
            throw new ZdmMigrationException("Migration " + run.migration() + ", line " + getLineNumber() + ": " + firstLine(body)
                    + " would wait forever: Flyway holds its advisory lock in an open transaction"
                    + " (flyway.postgresql.transactional.lock=true) and a CONCURRENTLY statement waits for every older transaction"
                    + " (Flyway issues 3492, 3682). Nothing of this statement was run. Remove flyway.zdm.keepTransactionalLock=true"
                    + " (flyway-zdm then sets flyway.postgresql.transactional.lock=false), or set flyway.postgresql.transactional.lock=false yourself.",
                    null);
        }
    }

    private static String firstLine(String sql) {
        int end = sql.indexOf('\n');
        return (end < 0 ? sql : sql.substring(0, end) + " ...").strip();
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
