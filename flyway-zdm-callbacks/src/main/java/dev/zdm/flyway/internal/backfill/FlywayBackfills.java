package dev.zdm.flyway.internal.backfill;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillDefaults;
import dev.zdm.core.backfill.BackfillDefinitionException;
import dev.zdm.core.backfill.BackfillException;
import dev.zdm.core.backfill.BackfillExecutor;
import dev.zdm.core.backfill.BackfillResult;
import dev.zdm.core.backfill.BatchedSqlStatement;
import dev.zdm.flyway.api.BackfillFailedException;
import dev.zdm.flyway.internal.BackfillDefaultsFromSettings;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Runs backfills inside a Flyway migration: defaults from the {@code flyway.zdm.backfill.*} settings, the checkpoint
 * table in Flyway's schema, failures as {@link BackfillFailedException} carrying the engine's message.
 *
 * <p>The entry point of the SQL form ({@code -- zdm:batched} before an UPDATE/DELETE) is {@link #runSql}: a parser
 * that routes such a statement here (on the migration's connection, outside a transaction) gets the same engine,
 * settings and resume-after-failure handling as {@code BatchedBackfillMigration}.
 */
public final class FlywayBackfills {

    private static final String NEXT_MIGRATE = "\nWith Flyway: run migrate again. flyway-zdm removes this migration's failed row from the"
            + " schema history first (no repair needed) and the backfill continues from its checkpoint.";
    /** A definition error fails the same way on every run: say what to change, not that the next run continues. */
    private static final String FIX_DEFINITION = "\nNothing of this backfill was run: change its definition as described, then run"
            + " migrate again (flyway-zdm removes this migration's failed row from the schema history first, no repair needed).";

    private FlywayBackfills() {
    }

    /**
     * Runs (or continues) a backfill on {@code connection}, which must be in autocommit mode (Flyway gives a
     * non-transactional migration such a connection).
     *
     * @param backfillId the checkpoint id; it must equal the migration's script name (the class name of a Java
     *                   migration) or start with it followed by {@code #}, so that a failed run is resumed without
     *                   {@code repair} (see {@link dev.zdm.flyway.internal.resume.ResumeFailedMigrations})
     * @throws BackfillFailedException when the backfill cannot start, a batch fails for good, or rows still match at the end
     */
    public static BackfillResult run(Configuration configuration, Connection connection, String backfillId, Backfill backfill)
            throws BackfillFailedException {
        BackfillExecutor executor = executor(configuration, connection, backfillId);
        try {
            return executor.run(backfillId, backfill);
        } catch (BackfillException e) {
            throw new BackfillFailedException(e.getMessage() + (e instanceof BackfillDefinitionException ? FIX_DEFINITION : NEXT_MIGRATE), e);
        }
    }

    /**
     * Records the backfill as a background job instead of running it (the migration then counts as applied): checked
     * against the live table, stored with its specification in state queued for the runners ({@code mvn zdm:backfill},
     * {@code ZdmBackfillWorker}).
     *
     * @throws BackfillFailedException when the table, key or definition is wrong (the next migrate records it again)
     */
    public static void enqueue(Configuration configuration, Connection connection, String backfillId, Backfill backfill)
            throws BackfillFailedException {
        BackfillExecutor executor = executor(configuration, connection, backfillId);
        try {
            executor.enqueue(backfillId, backfill);
        } catch (BackfillException e) {
            throw new BackfillFailedException(e.getMessage() + FIX_DEFINITION, e);
        }
    }

    /**
     * Records that the backfill {@code backfillId} failed before it could run (its definition could not be built), so that
     * the next migrate treats the failed migration as resumable like any other failed backfill; returns the exception to
     * throw.
     */
    public static BackfillFailedException definitionFailed(Configuration configuration, Connection connection, String backfillId,
                                                           String message, Throwable cause) {
        BackfillFailedException failure = new BackfillFailedException(message + FIX_DEFINITION, cause);
        try {
            executor(configuration, connection, backfillId).recordFailure(backfillId, "(backfill definition)", message);
        } catch (BackfillFailedException | BackfillException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static BackfillExecutor executor(Configuration configuration, Connection connection, String backfillId)
            throws BackfillFailedException {
        try {
            return new BackfillExecutor(connection, HistorySchema.of(configuration, connection), defaults(configuration));
        } catch (SQLException | RuntimeException e) {
            throw new BackfillFailedException("Backfill " + backfillId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs one {@code -- zdm:batched} statement of a SQL migration.
     *
     * @param script                the migration's script name as Flyway records it ({@code MigrationInfo.getScript()})
     * @param checkpointId          the statement's checkpoint id: the script, {@code #}, and the statement's identity
     * @param statementWithDirective the statement as the parser hands it over, the directive among its leading comments
     * @return what the run did; null when the directive says {@code background} (recorded as a job, not run)
     */
    public static BackfillResult runSql(Configuration configuration, Connection connection, String script, String checkpointId,
                                        String statementWithDirective) throws BackfillFailedException {
        BatchedSqlStatement statement;
        try {
            statement = BatchedSqlStatement.parse(statementWithDirective);
        } catch (BackfillException e) {
            throw new BackfillFailedException("Migration " + script + ": " + e.getMessage(), e);
        }
        if (statement.background()) {
            enqueue(configuration, connection, checkpointId, statement.backfill());
            return null;
        }
        return run(configuration, connection, checkpointId, statement.backfill());
    }

    /** The engine defaults from the {@code flyway.zdm.backfill.*} settings: the run's, else read from the configuration. */
    public static BackfillDefaults defaults(Configuration configuration) {
        return BackfillDefaultsFromSettings.of(ZdmSettings.current(configuration));
    }
}
