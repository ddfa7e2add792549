package dev.zdm.flyway.internal.backfill;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillDefaults;
import dev.zdm.core.backfill.BackfillException;
import dev.zdm.core.backfill.BackfillExecutor;
import dev.zdm.core.backfill.BackfillResult;
import dev.zdm.core.backfill.BatchedSqlStatement;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Runs backfills inside a Flyway migration: defaults from the {@code flyway.zdm.backfill.*} settings, the checkpoint
 * table in Flyway's schema, errors turned into {@link FlywayException}s that carry the engine's message.
 *
 * <p>The entry point of the SQL form ({@code -- zdm:batched} before an UPDATE/DELETE) is {@link #runSql}: a parser
 * that routes such a statement here (on the migration's connection, outside a transaction) gets the same engine,
 * settings and resume-after-failure handling as {@code BatchedBackfillMigration}.
 */
public final class FlywayBackfills {

    private FlywayBackfills() {
    }

    /**
     * Runs (or continues) a backfill on {@code connection}, which must be in autocommit mode (Flyway gives a
     * non-transactional migration such a connection).
     *
     * @param backfillId the checkpoint id; it must equal the migration's script name (the class name of a Java
     *                   migration) or start with it followed by {@code #}, so that a failed run is resumed without
     *                   {@code repair} (see {@link ResumeFailedBackfills})
     */
    public static BackfillResult run(Configuration configuration, Connection connection, String backfillId, Backfill backfill) {
        try {
            return new BackfillExecutor(connection, historySchema(configuration, connection), defaults(configuration)).run(backfillId, backfill);
        } catch (BackfillException e) {
            throw new FlywayException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new FlywayException("Backfill " + backfillId + ": cannot find Flyway's schema: " + e.getMessage(), e);
        }
    }

    /**
     * Runs one {@code -- zdm:batched} statement of a SQL migration.
     *
     * @param script                the migration's script name as Flyway records it ({@code MigrationInfo.getScript()})
     * @param ordinal               which batched statement of the script this is, from 1 (part of the checkpoint id)
     * @param statementWithDirective the statement as the parser hands it over, the directive among its leading comments
     */
    public static BackfillResult runSql(Configuration configuration, Connection connection, String script, int ordinal,
                                        String statementWithDirective) {
        BatchedSqlStatement statement;
        try {
            statement = BatchedSqlStatement.parse(statementWithDirective);
        } catch (BackfillException e) {
            throw new FlywayException("Migration " + script + ": " + e.getMessage(), e);
        }
        return run(configuration, connection, BatchedSqlStatement.backfillId(script, ordinal), statement.backfill());
    }

    /** The engine defaults from the {@code flyway.zdm.backfill.*} settings. */
    public static BackfillDefaults defaults(Configuration configuration) {
        ZdmSettings settings = ZdmSettings.of(configuration);
        return BackfillDefaults.standard()
                .withTargetBatchDuration(positive(settings.duration("backfill.targetBatchDuration"), "targetBatchDuration"))
                .withLockTimeout(positive(settings.duration("backfill.lockTimeout"), "lockTimeout"))
                .withStatementTimeout(positive(settings.duration("backfill.statementTimeout"), "statementTimeout"))
                .withMaxReplicationLag(settings.duration("backfill.maxReplicationLag"))
                .withMaxRetries((int) Math.min(Integer.MAX_VALUE, settings.count("backfill.maxRetries")))
                .withProgressInterval(positive(settings.duration("backfill.progressInterval"), "progressInterval"));
    }

    /**
     * The schema of flyway_schema_history: {@code defaultSchema}, else the first of {@code schemas}, else the connection's
     * current schema (what Flyway itself falls back to).
     */
    public static String historySchema(Configuration configuration, Connection connection) throws SQLException {
        if (configuration.getDefaultSchema() != null && !configuration.getDefaultSchema().isEmpty()) {
            return configuration.getDefaultSchema();
        }
        if (configuration.getSchemas().length > 0) {
            return configuration.getSchemas()[0];
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Duration positive(Duration value, String key) {
        if (value == null || value.isZero()) {
            throw new FlywayException("flyway.zdm.backfill." + key + " must be a positive duration such as 200ms or 5s");
        }
        return value;
    }
}
