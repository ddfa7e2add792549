package dev.zdm.flyway.internal;

import dev.zdm.flyway.internal.gate.MigrationLintGate;
import dev.zdm.flyway.internal.operations.FreshHistory;
import java.util.EnumSet;
import java.util.Set;
import org.flywaydb.core.api.callback.CallbackEvent;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.callback.InternalCallback;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway calls every {@link InternalCallback} found through ServiceLoader for every event, with no
 * {@code flyway.callbacks} setting (a public {@code Callback} listed as a plugin would never be called;
 * DESIGN.md section 4). This one
 * <ul>
 *   <li>reads and checks every {@code flyway.zdm.*} setting as soon as any command connects (AFTER_CONNECT), before
 *       anything is applied: a bad value refuses the command, not the migration that would have used it;</li>
 *   <li>announces the extension at the start of {@code migrate} and opens the {@link MigrateRun} that the
 *       lock-safe runner reads, closing it when migrate ends either way;</li>
 *   <li>notes, before the first pending migration, whether Flyway's history was empty (an operation migration runs its
 *       contract steps at once only then);</li>
 *   <li>runs the lint gate before the first pending migration, under Flyway's lock;</li>
 *   <li>tells the run which migration is executing, for error messages.</li>
 * </ul>
 * It listens only to events Flyway serves from connections it has open anyway: {@code AFTER_CONNECT} (which hands
 * the command's configuration to {@link MigrateRun}, started when migrate first needs it, see
 * {@link dev.zdm.flyway.internal.adapter.MigrateCommand}), the per-migration events and {@code AFTER_MIGRATE_OPERATION_FINISH}. Wanting
 * {@code BEFORE_MIGRATE} or {@code AFTER_MIGRATE} would make Flyway open a connection for each (measured: most of the
 * extension's cost on a migrate with nothing pending). {@code AFTER_MIGRATE_ERROR} costs one only when migrate failed.
 */
public class ZdmLifecycleCallback implements InternalCallback<Event> {
    private static final Logger LOG = LoggerFactory.getLogger(ZdmLifecycleCallback.class.getPackageName());
    private static final Set<Event> EVENTS = EnumSet.of(Event.AFTER_CONNECT, Event.BEFORE_EACH_MIGRATE, Event.AFTER_EACH_MIGRATE,
            Event.AFTER_EACH_MIGRATE_ERROR, Event.AFTER_MIGRATE_OPERATION_FINISH, Event.AFTER_MIGRATE_ERROR);

    @Override
    public boolean supportsEventType(Class<? extends CallbackEvent<?>> eventType) {
        return eventType == Event.class;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return EVENTS.contains(event);
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        switch (event) {
            case AFTER_CONNECT -> MigrateRun.commandConnected(ZdmSettings.of(context.getConfiguration()), context.getConfiguration());
            case BEFORE_EACH_MIGRATE -> withRun(run -> {
                if (run.historyEmptyAtStart() == null) {
                    run.historyEmptyAtStart(FreshHistory.noneApplied(context.getConfiguration(), context.getConnection()));
                }
                if (run.gateStillToRun()) {
                    MigrationLintGate.check(context.getConfiguration(), context.getConnection());
                    run.gatePassed();
                }
                run.migration(context.getMigrationInfo());
            });
            case AFTER_EACH_MIGRATE -> withRun(run -> {
                run.migrationSucceeded();
                run.migration(null);
            });
            case AFTER_EACH_MIGRATE_ERROR -> withRun(run -> run.migration(null));
            case AFTER_MIGRATE_OPERATION_FINISH, AFTER_MIGRATE_ERROR -> MigrateRun.end();
            default -> { }
        }
    }

    /** The start-of-migrate lines: whether the extension is active, with its settings and lock policy. */
    static void announce(ZdmSettings settings, Configuration configuration, MigrateRun run) {
        if (run == null) {
            LOG.info("flyway-zdm {} disabled (flyway.zdm.enabled=false): migrations run as plain Flyway", Version.current());
            return;
        }
        LOG.info("flyway-zdm {} active: {}", Version.current(), settings.summary());
        LOG.info("flyway-zdm: {}; Flyway's advisory lock is {}", run.lockRetry().policy().describe(), advisoryLock(configuration));
    }

    private static String advisoryLock(Configuration configuration) {
        PostgreSQLConfigurationExtension postgres = configuration.getPluginRegister().getExact(PostgreSQLConfigurationExtension.class);
        if (postgres == null || !postgres.isTransactionalLock()) {
            return "session-level (flyway.postgresql.transactional.lock=false), so CONCURRENTLY statements cannot wait on it";
        }
        return "transaction-level (flyway.postgresql.transactional.lock=true): CONCURRENTLY statements will be refused";
    }

    private static void withRun(java.util.function.Consumer<MigrateRun> action) {
        MigrateRun run = MigrateRun.current();
        if (run != null) {
            action.accept(run);
        }
    }

    @Override
    public String getCallbackName() {
        return "flyway-zdm";
    }
}
