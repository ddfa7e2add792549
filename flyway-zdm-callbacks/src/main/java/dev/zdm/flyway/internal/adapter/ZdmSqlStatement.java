package dev.zdm.flyway.internal.adapter;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.ddl.ColumnChangeDirective;
import dev.zdm.core.ddl.ConcurrentIndexStatement;
import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementFingerprint;
import dev.zdm.core.sql.StatementKind;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.flyway.internal.DdlOptionsFromSettings;
import dev.zdm.flyway.internal.MigrateRun;
import dev.zdm.flyway.internal.MigrationFailures;
import dev.zdm.flyway.internal.PlainExecution;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.api.BackfillFailedException;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
import dev.zdm.flyway.internal.backfill.RequiredBackfills;
import dev.zdm.flyway.internal.operations.AppliedOperations;
import dev.zdm.flyway.internal.resume.MigrationProgress;
import dev.zdm.flyway.internal.resume.MigrationProgress.Step;
import dev.zdm.flyway.internal.resume.StatementProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
 *   <li>in a non-transactional migration (autocommit) each statement runs exactly once across runs: a statement that can
 *       run in a transaction block runs in a transaction of its own together with its record in
 *       {@link StatementProgress} (retried on its own after a lock timeout or deadlock); the others are recorded right
 *       after and are idempotent by their own means; a run that failed or was killed half-way is continued by the next
 *       one (see {@link MigrationProgress});</li>
 *   <li>{@code -- zdm:batched} UPDATE/DELETE statements run through the resumable batched backfill engine;</li>
 *   <li>a migration that controls transactions itself or carries {@code -- zdm:plain} runs as plain Flyway runs it,
 *       with the runner's timeouts ({@link PlainExecution});</li>
 *   <li>{@code CONCURRENTLY} index statements run through the safe DDL operations of {@code dev.zdm.core.ddl}
 *       (bounded waits, invalid leftovers rebuilt, an index already built with the same definition counts as done);
 *       they wait for old transactions by design, so the runner's lock and statement timeouts do not apply to them.</li>
 * </ul>
 * Flyway's own special statements ({@code COPY ... FROM STDIN}) are wrapped the same way and executed by Flyway.
 */
public class ZdmSqlStatement extends ParsedSqlStatement {
    private static final Logger LOG = LoggerFactory.getLogger(ZdmSqlStatement.class.getPackageName());
    private static final java.util.Set<StatementKind> SETTING_KINDS = java.util.EnumSet.of(StatementKind.SET, StatementKind.RESET,
            StatementKind.DO, StatementKind.CALL, StatementKind.UNKNOWN);
    private static final java.util.Set<StatementKind> GROUPABLE_KINDS = java.util.EnumSet.of(StatementKind.INSERT, StatementKind.UPDATE,
            StatementKind.DELETE, StatementKind.MERGE);
    /** SQLSTATE 25001: PostgreSQL refuses the statement inside a transaction block. */
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    private final String body;
    private final boolean concurrently;
    private final boolean batched;
    private final boolean outsideTransaction;
    /** SET, RESET and anything not analyzed may change the session's lock_timeout. */
    private final boolean mayChangeSessionSettings;
    /** A small data statement that may share a transaction with its neighbours (see {@link StatementGroup}). */
    private final boolean groupable;
    private final boolean transactionControl;
    /** Data the statement carries besides its SQL (the rows of a COPY), part of its identity. */
    private final String payload;
    private final ParsedSqlStatement flywayStatement;
    private final PlainExecution plain;
    /** The script's {@code -- zdm:require-backfill} directives, checked before its first statement runs. */
    private RequiredBackfills required;
    /** The column change this statement stands for ({@link ColumnChangeStatement}), else null. */
    private ColumnChangeDirective columnChange;
    /** Why this statement's migration must not run (a wrong column change), else null. */
    private String refusal;

    /**
     * @param analyzed        our analyzer's reading of the same statement (null when it saw it differently): tells
     *                        whether it is a CONCURRENTLY statement and whether it carries a {@code -- zdm:batched} directive
     * @param flywayStatement Flyway's own statement when it is a special one ({@code COPY ... FROM STDIN}), which then
     *                        executes it; null for an ordinary statement
     * @param payload         data the statement carries besides its SQL (the rows of a COPY), part of its identity
     * @param plain           whether its script runs as plain Flyway runs it (complete once the script is parsed)
     */
    public ZdmSqlStatement(int pos, int line, int col, String sql, Delimiter delimiter, boolean canExecuteInTransaction,
                           boolean batchable, SqlStatement analyzed, ParsedSqlStatement flywayStatement, String payload,
                           PlainExecution plain) {
        super(pos, line, col, sql, delimiter, canExecuteInTransaction, batchable);
        this.body = analyzed == null ? sql.strip() : analyzed.sql();
        this.concurrently = analyzed != null && analyzed.model().concurrently() && analyzed.model().mustRunOutsideTransaction();
        this.batched = analyzed != null && isBatched(analyzed);
        this.transactionControl = analyzed != null && analyzed.model().kind() == StatementKind.TRANSACTION_CONTROL;
        this.outsideTransaction = analyzed != null && (analyzed.model().mustRunOutsideTransaction() || transactionControl);
        this.mayChangeSessionSettings = analyzed == null || SETTING_KINDS.contains(analyzed.model().kind());
        this.groupable = analyzed != null && flywayStatement == null && !batched && !outsideTransaction
                && GROUPABLE_KINDS.contains(analyzed.model().kind());
        this.payload = payload;
        this.flywayStatement = flywayStatement;
        this.plain = plain;
    }

    /** An UPDATE or DELETE with a {@code -- zdm:batched ...} directive: run by the batched backfill engine. */
    static boolean isBatched(SqlStatement analyzed) {
        return analyzed.directive("batched").isPresent();
    }

    /** The script's {@code -- zdm:require-backfill} directives (one object per script); returns this. */
    ZdmSqlStatement requiring(RequiredBackfills requiredBackfills) {
        this.required = requiredBackfills;
        return this;
    }

    /** Makes this a statement that fails its migration with {@code message} when it runs (a wrong column change); returns this. */
    ZdmSqlStatement refusing(String message) {
        this.refusal = message;
        return this;
    }

    /** Makes this the statement of a column-change migration ({@link ColumnChangeStatement}); returns this. */
    ZdmSqlStatement changing(ColumnChangeDirective change) {
        this.columnChange = change;
        return this;
    }

    @Override
    public Results execute(JdbcTemplate jdbcTemplate, SqlScriptExecutor sqlScriptExecutor, Configuration config) {
        if (refusal != null) {
            throw new ZdmMigrationException(ZdmErrorCode.MIGRATION_FAILED, refusal, null);
        }
        MigrateRun run = MigrateRun.current();
        if (run == null) {
            if (columnChange != null) {
                throw new ZdmMigrationException(body + ": a column change runs only inside flyway-zdm's migrate (flyway.zdm.enabled=true);"
                        + " nothing of it was applied.", null);
            }
            return asFlyway(jdbcTemplate, sqlScriptExecutor, config);
        }
        run.statement(getLineNumber(), body);
        Connection connection = jdbcTemplate.getConnection();
        if (required != null) {
            required.checkOnce(config, connection, run.migration());
        }
        try {
            if (columnChange != null) {
                return executeColumnChange(run, config, connection);
            }
            if (plain.applies()) {
                return executePlain(run, jdbcTemplate, sqlScriptExecutor, config, connection);
            }
            if (!run.nonTransactionalBody()) {
                return asFlyway(jdbcTemplate, sqlScriptExecutor, config); // a transactional migration: retried as a whole
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
        Results results = asFlyway(jdbcTemplate, executor, config);
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
                                        Connection connection, boolean rerun) throws SQLException {
        Optional<ConcurrentIndexStatement> index = ConcurrentIndexStatement.parse(body).map(i -> rerun ? i.asRerun() : i);
        try (SessionSetting statementTimeout = SessionSetting.timeout(connection, "statement_timeout", null);
             SessionSetting lockTimeout = SessionSetting.timeout(connection, "lock_timeout", null)) {
            if (index.isEmpty()) {
                return asFlyway(jdbcTemplate, executor, config);
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
     * script already applied it (see {@link MigrationProgress}); otherwise run and recorded as applied.
     */
    private Results executeOnce(MigrateRun run, JdbcTemplate jdbcTemplate, SqlScriptExecutor sqlScriptExecutor, Configuration config,
                                Connection connection) throws Exception {
        MigrationProgress progress = run.progress(connection, config);
        // Only statements of non-transactional migrations need an identity: computed here, not at parse time.
        Step step = progress.next(StatementFingerprint.of(getSql(), payload), getLineNumber(), firstLine(body));
        if (step.decision() == MigrationProgress.Decision.SKIP) {
            LOG.info("{}, line {}: applied by an earlier run that did not finish; skipped: {}", run.migration(), getLineNumber(),
                    firstLine(body));
            return new Results();
        }
        if (groupable) {
            return run.group(connection, progress).run(step, run.sessionLockTimeoutIsPolicy(),
                    () -> throwingErrors(asFlyway(jdbcTemplate, sqlScriptExecutor, config)));
        }
        run.commitGroup();
        if (batched) {
            progress.begun(step);
            Results results = executeBatched(run, config, connection, step);
            progress.applied(step);
            return results;
        }
        if (concurrently) {
            refuseUnderTransactionalAdvisoryLock(run, config);
            Results results = executeConcurrently(run, jdbcTemplate, sqlScriptExecutor, config, connection, progress.resuming());
            progress.applied(step);
            return results;
        }
        if (outsideTransaction) {
            return executeAlone(run, jdbcTemplate, sqlScriptExecutor, config, connection, progress, step);
        }
        try {
            boolean sessionTimeout = run.sessionLockTimeoutIsPolicy();
            if (mayChangeSessionSettings) {
                run.sessionSettingsChanged();
            }
            return run.lockRetry().inOwnTransaction(connection, sessionTimeout, () -> {
                Results results = throwingErrors(asFlyway(jdbcTemplate, sqlScriptExecutor, config));
                progress.appliedAndCommit(List.of(step));
                return results;
            });
        } catch (StatementFailed failed) {
            if (!ACTIVE_SQL_TRANSACTION.equals(failed.results.getException().getSQLState())) {
                throw failed;
            }
            // A statement our analyzer does not know to refuse transaction blocks (CREATE DATABASE and the like).
            return executeAlone(run, jdbcTemplate, sqlScriptExecutor, config, connection, progress, step);
        }
    }

    /**
     * A statement that cannot share a transaction with its record: run on its own in autocommit mode, then recorded.
     * A crash between the two runs it again on the next migrate, so such statements must be idempotent or fail
     * harmlessly (VACUUM, REINDEX CONCURRENTLY, ...); index builds are, through the catalog check of the safe DDL path.
     */
    private Results executeAlone(MigrateRun run, JdbcTemplate jdbcTemplate, SqlScriptExecutor sqlScriptExecutor, Configuration config,
                                 Connection connection, MigrationProgress progress, Step step) throws Exception {
        Results results = run.lockRetry().inAutocommit(connection, () -> throwingErrors(asFlyway(jdbcTemplate, sqlScriptExecutor, config)));
        progress.applied(step);
        return results;
    }

    /**
     * A column-change migration: its operation's expand steps (every step on a fresh history), recorded in
     * {@link StatementProgress} as begun and then applied, so that a failed run is continued by the next migrate (every
     * step reads the catalog first).
     */
    private Results executeColumnChange(MigrateRun run, Configuration config, Connection connection) throws Exception {
        AppliedOperations.requireAutocommit(connection, run.migration());
        MigrationProgress progress = run.progress(connection, config);
        Step step = progress.next(StatementFingerprint.of(getSql(), payload), getLineNumber(), firstLine(body));
        boolean record = step.decision() != MigrationProgress.Decision.SKIP;
        if (record) {
            progress.begun(step);
        }
        AppliedOperations.applyColumnChange(config, connection, columnChange, run.migration(), run.version());
        if (record) {
            progress.applied(step);
        }
        return new Results();
    }

    /**
     * A {@code -- zdm:batched} UPDATE/DELETE: keyset batches, each committed with its checkpoint, resumed by the next
     * migrate after a crash or failure. The parser made the migration non-transactional, so the connection is in
     * autocommit mode here; the checkpoint id follows the statement's identity, not its position.
     */
    private Results executeBatched(MigrateRun run, Configuration config, Connection connection, Step step) {
        try {
            FlywayBackfills.runSql(config, connection, run.migration(), step.checkpointId(run.migration()), getSql());
            return new Results();
        } catch (BackfillFailedException e) {
            throw new ZdmMigrationException("Migration " + run.migration() + ", line " + getLineNumber() + ": " + e.getMessage(), e);
        }
    }

    /** Executes the statement as Flyway would: Flyway's own special statement, or the ordinary path. */
    private Results asFlyway(JdbcTemplate jdbcTemplate, SqlScriptExecutor executor, Configuration config) {
        return flywayStatement != null ? flywayStatement.execute(jdbcTemplate, executor, config) : super.execute(jdbcTemplate, executor, config);
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
