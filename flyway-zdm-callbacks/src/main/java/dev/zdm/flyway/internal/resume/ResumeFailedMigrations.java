package dev.zdm.flyway.internal.resume;

import dev.zdm.core.backfill.BackfillCheckpoints;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.state.ExtensionState;
import dev.zdm.core.state.Relations;
import dev.zdm.core.state.StateVersionException;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.contract.ContractCallback;
import dev.zdm.flyway.internal.operations.OperationsDeclaration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.CallbackEvent;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.callback.InternalCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code migrate} continue a migration that failed half-way, with no {@code flyway repair}.
 *
 * <p>A migration that does not run in a transaction leaves a row with {@code success = false} in
 * flyway_schema_history when it fails (with Flyway's session-level lock, flyway-zdm's default), and Flyway then
 * refuses every migrate until {@code repair}. That row is misleading when flyway-zdm knows exactly how far the
 * migration got, and running it again continues from there:
 * <ul>
 *   <li>a batched backfill has a checkpoint in zdm_backfill_progress (id: a Java migration's class name, or a SQL
 *       script name followed by {@code #} and the statement's identity, see {@link dev.zdm.core.state.StateIds});</li>
 *   <li>a non-transactional SQL migration run by flyway-zdm recorded the statements it applied in
 *       {@link StatementProgress}, and the next run skips them while they are unchanged (an edit of the applied part
 *       stops the next run before anything runs, see {@link MigrationProgress});</li>
 *   <li>an operation migration ({@code ZdmOperationsMigration}) declares only operations whose steps read the catalog
 *       first, so running it again finishes it.</li>
 * </ul>
 * So before validation (BEFORE_VALIDATE, or BEFORE_MIGRATE when validateOnMigrate is off, both before Flyway reads
 * the history), the failed row of such a migration is deleted, and the removal logged with the evidence. Any other
 * failed migration is left alone. After a successful migrate (AFTER_MIGRATE_OPERATION_FINISH) it drops the statement
 * progress of migrations that succeeded. Tables written by a newer flyway-zdm stop the run here, before anything is
 * read, changed or applied.
 */
public class ResumeFailedMigrations implements InternalCallback<Event> {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeFailedMigrations.class.getPackageName());

    private record Failed(int installedRank, String version, String description, String script) {
        String name() {
            return version == null ? script : version;
        }
    }

    @Override
    public boolean supportsEventType(Class<? extends CallbackEvent<?>> eventType) {
        return eventType == Event.class;
    }

    @Override
    public boolean supports(Event event, Context context) {
        // AFTER_MIGRATE_OPERATION_FINISH, not AFTER_MIGRATE: Flyway serves it from the migration connection, while
        // AFTER_MIGRATE would make it open a connection for the event.
        return event == Event.BEFORE_VALIDATE || event == Event.AFTER_MIGRATE_OPERATION_FINISH
                || (event == Event.BEFORE_MIGRATE && !context.getConfiguration().isValidateOnMigrate());
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        resume(event, context);
        if (event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE) {
            // The contract hold decides here, after failed rows were cleared, in the same callback invocation: Flyway wraps
            // each callback's handling in a transaction and restores the session around it (six statements a callback).
            ContractCallback.beforeValidation(context);
        }
    }

    private void resume(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        if (!ZdmSettings.current(configuration).enabled() || (event == Event.AFTER_MIGRATE_OPERATION_FINISH && nothingMigrated(context))) {
            return;
        }
        Connection connection = context.getConnection();
        try {
            String schema = HistorySchema.of(configuration, connection);
            String history = Identifiers.qualified(schema, configuration.getTable());
            Set<String> tables = Relations.existing(connection, schema, configuration.getTable(), StatementProgress.TABLE,
                    BackfillCheckpoints.TABLE);
            if (!tables.contains(configuration.getTable())) {
                return;
            }
            boolean progressTable = tables.contains(StatementProgress.TABLE);
            boolean before = event != Event.AFTER_MIGRATE_OPERATION_FINISH;
            boolean checkpointTable = before && tables.contains(BackfillCheckpoints.TABLE);
            if (before && (progressTable || checkpointTable)) {
                // the run's first look at flyway-zdm's tables: written by a newer version, nothing may touch them (a run
                // that got past this check needs no second one after migrate)
                ExtensionState.refuseNewer(connection, schema);
            }
            if (progressTable) {
                StatementProgress.forgetSucceeded(connection, schema, history);
            }
            if (!before) {
                return;
            }
            StatementProgress progress = progressTable ? StatementProgress.in(connection, schema) : null;
            for (Failed failed : failed(connection, history)) {
                Optional<String> evidence = checkpointTable ? unfinishedBackfill(connection, schema, failed) : Optional.empty();
                if (evidence.isEmpty() && progress != null) {
                    evidence = appliedStatements(progress.recorded(failed.script()));
                }
                if (evidence.isEmpty()) {
                    evidence = operationMigration(configuration, failed);
                }
                if (evidence.isPresent()) {
                    remove(connection, history, failed);
                    LOG.info("flyway-zdm: migration {} ({}) failed in an earlier run but {}; removed its failed row from {} so that migrate"
                            + " continues it; no repair needed.", failed.name(), failed.description(), evidence.get(), configuration.getTable());
                }
            }
        } catch (StateVersionException e) {
            throw new FlywayException(e.getMessage(), e);
        } catch (SQLException e) {
            LOG.warn("flyway-zdm: could not check {} for failed migrations to continue: {}", configuration.getTable(), e.getMessage());
        }
    }

    /** A migrate that applied nothing left no progress to forget (and the next run's BEFORE_VALIDATE forgets anyway). */
    private static boolean nothingMigrated(Context context) {
        return context.getOperationResult() instanceof MigrateResult result && result.migrationsExecuted == 0;
    }

    @Override
    public String getCallbackName() {
        return "flyway-zdm resume";
    }

    /** The evidence that {@code failed} is an unfinished batched backfill, from its checkpoint. */
    private static Optional<String> unfinishedBackfill(Connection connection, String schema, Failed failed) throws SQLException {
        return BackfillCheckpoints.unfinished(connection, schema, failed.script()).map(checkpoint ->
                "is a resumable backfill: its checkpoint in " + schema + "." + BackfillCheckpoints.TABLE
                        + " (state " + checkpoint.state().name().toLowerCase(Locale.ROOT) + ", " + checkpoint.rowsDone() + " rows done, last key "
                        + (checkpoint.lastKey() == null ? "none" : arrayText(checkpoint.lastKey())) + ") lets it continue. Earlier failure: "
                        + firstLine(checkpoint.lastError()));
    }

    /**
     * A text array as PostgreSQL prints it ({@code {a,"b c"}}, array_out: an element is quoted when empty, NULL, or
     * holding a brace, comma, quote, backslash or ASCII white space), as psql shows the checkpoint.
     */
    static String arrayText(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            out.append(i == 0 ? "" : ",");
            if (v == null) {
                out.append("NULL");
            } else if (v.isEmpty() || v.equalsIgnoreCase("NULL") || v.chars().anyMatch(c -> "{},\"\\ \t\n\r\u000B\f".indexOf(c) >= 0)) {
                out.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                out.append(v);
            }
        }
        return out.append('}').toString();
    }

    /**
     * The evidence that {@code failed} is an operation migration ({@code dev.zdm.flyway.ZdmOperationsMigration}): it declares
     * only flyway-zdm's operations, whose every step reads the catalog before acting, so running it again finishes what it
     * started. A Java migration with code of its own (even a {@code ZdmJavaMigration}) is left to the user.
     */
    private static Optional<String> operationMigration(Configuration configuration, Failed failed) {
        if (failed.script() == null || failed.script().endsWith(".sql")) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(failed.script(), false, configuration.getClassLoader());
            return OperationsDeclaration.class.isAssignableFrom(type)
                    ? Optional.of("is an operation migration, whose steps each read the catalog first, so running it again finishes"
                    + " what it started")
                    : Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The evidence that flyway-zdm ran {@code failed} and recorded what it applied; empty when it did not. */
    private static Optional<String> appliedStatements(Map<Integer, StatementProgress.Recorded> recorded) {
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        List<String> done = recorded.values().stream().filter(r -> r.state() == StatementProgress.State.DONE)
                .map(r -> "statement " + r.ordinal() + " (line " + r.line() + "): " + r.statement()).toList();
        return Optional.of("flyway-zdm recorded what it applied (" + done.size() + " statement(s)" + (done.isEmpty() ? "" : ": "
                + String.join("; ", done)) + "), which the next run skips while those statements are unchanged");
    }

    private static List<Failed> failed(Connection connection, String history) throws SQLException {
        List<Failed> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT installed_rank, version, description, script FROM "
                + history + " WHERE NOT success ORDER BY installed_rank");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Failed(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    private static void remove(Connection connection, String history, Failed failed) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + history + " WHERE installed_rank = ? AND NOT success AND script = ?")) {
            ps.setInt(1, failed.installedRank());
            ps.setString(2, failed.script());
            ps.executeUpdate();
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(not recorded)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
