package dev.zdm.flyway.internal;

import dev.zdm.core.lock.BlockerWatch;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.core.lock.LockRetry;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.text.Durations;
import dev.zdm.flyway.internal.adapter.MigrateCommand;
import dev.zdm.flyway.internal.gate.BorrowedConnection;
import dev.zdm.flyway.internal.resume.MigrationProgress;
import dev.zdm.flyway.internal.resume.StatementGroup;
import dev.zdm.flyway.internal.resume.StatementProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one {@code migrate} on the current thread: settings, the lock-retry machinery, and which
 * migration and statement are running (for error messages). Flyway's database-type and parser hooks get
 * no configuration of their own, so they find it here. {@link ZdmLifecycleCallback} hands over each command's
 * configuration when it connects; the run starts at the first {@link #current()} inside migrate's command (the
 * lock-safe runner's first transaction, or the first migration) and is closed at AFTER_MIGRATE_OPERATION_FINISH /
 * AFTER_MIGRATE_ERROR. Nothing is started for other commands, nor for Flyway calls nested in a migrate.
 */
public final class MigrateRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MigrateRun.class.getPackageName());
    private static final ThreadLocal<MigrateRun> CURRENT = new ThreadLocal<>();
    /** The command that connected last on this thread, while its run is not started. */
    private static final ThreadLocal<Command> CONNECTED = new ThreadLocal<>();

    private record Command(ZdmSettings settings, Configuration configuration) {
    }

    private final ZdmSettings settings;
    private final LockRetry lockRetry;
    private final BlockerWatch watch;
    private volatile String migration = "";
    private String script;
    private String version;
    private final Map<String, PlainExecution> parsedScripts = new HashMap<>();
    private volatile String statement;
    private Integer checksum;
    private MigrationProgress progress;
    private StatementGroup group;
    private boolean sessionLockTimeoutIsPolicy;
    private boolean nonTransactionalBody;
    private boolean gatePassed;
    private Boolean historyEmptyAtStart;

    private MigrateRun(ZdmSettings settings, DataSource dataSource) {
        this.settings = settings;
        this.watch = new BlockerWatch(dataSource::getConnection);
        this.lockRetry = new LockRetry(policy(settings), watch, this::logRetry);
    }

    /**
     * A Flyway command connected on this thread with {@code configuration}: if it is a migrate, its run starts when
     * first needed. A Flyway call nested in a running migrate (the lint gate's {@code info()} on the migrate's borrowed
     * connection) changes nothing, even before the run started: taken for the command, its configuration would give the
     * run the migrate's own session as the "second" connection that watches blockers.
     */
    static void commandConnected(ZdmSettings settings, Configuration configuration) {
        if ((CURRENT.get() != null && MigrateCommand.isInside()) || BorrowedConnection.lentTo(configuration)) {
            return;
        }
        end();
        CONNECTED.set(new Command(settings, configuration));
    }

    /**
     * The settings read when the command on this thread connected, if it was made with {@code configuration} (no
     * second read for the callbacks that run before the migrate run starts); else null.
     */
    static ZdmSettings connectedSettings(Configuration configuration) {
        Command command = CONNECTED.get();
        return command != null && command.configuration() == configuration ? command.settings() : null;
    }

    static void end() {
        CONNECTED.remove();
        MigrateRun run = CURRENT.get();
        if (run != null) {
            CURRENT.remove();
            run.close();
        }
    }

    /**
     * The run of the current thread, started on first use inside migrate's command; null when flyway-zdm is disabled
     * or no migrate runs.
     */
    public static MigrateRun current() {
        MigrateRun run = CURRENT.get();
        if (run != null) {
            return run;
        }
        Command command = CONNECTED.get();
        if (command == null || !MigrateCommand.isRunning()) {
            return null;
        }
        CONNECTED.remove();
        if (command.settings().enabled()) {
            run = new MigrateRun(command.settings(), command.configuration().getDataSource());
            CURRENT.set(run);
        }
        ZdmLifecycleCallback.announce(command.settings(), command.configuration(), run);
        return run;
    }

    static LockPolicy policy(ZdmSettings settings) {
        return settings.lock().policy();
    }

    /** Whether the lint gate has yet to look at this run's pending migrations (it runs once, before the first one). */
    boolean gateStillToRun() {
        return !gatePassed;
    }

    /** The gate let the run go on; a retried first migration does not run it again. */
    void gatePassed() {
        gatePassed = true;
    }

    /**
     * Whether Flyway's history had no applied migration when this run applied its first one (a fresh database); null
     * before that. An operation migration runs its contract steps at once on a fresh database only.
     */
    public Boolean historyEmptyAtStart() {
        return historyEmptyAtStart;
    }

    void historyEmptyAtStart(boolean empty) {
        this.historyEmptyAtStart = empty;
    }

    /** The typed settings of this run, read and checked when the command connected. */
    public ZdmSettings settings() {
        return settings;
    }

    public LockRetry lockRetry() {
        return lockRetry;
    }

    void migration(MigrationInfo info) {
        this.migration = info == null ? "" : describe(info);
        this.script = info == null ? null : info.getScript();
        this.version = info == null || info.getVersion() == null ? null : info.getVersion().getVersion();
        this.checksum = info == null ? null : info.getChecksum();
        this.statement = null;
        this.progress = null;
        this.group = null;
    }

    /** The group of small statements of the running non-transactional migration (see {@link StatementGroup}). */
    public StatementGroup group(Connection connection, MigrationProgress progress) {
        if (group == null) {
            group = new StatementGroup(connection, progress, lockRetry);
        }
        return group;
    }

    /** Commits the open group of statements, if any: before a statement that runs alone, and when the migration ends. */
    public void commitGroup() throws SQLException {
        if (group != null) {
            group.commit();
        }
    }

    /** Rolls back the open group of statements, if any: the migration failed. */
    public void rollBackGroup() throws SQLException {
        if (group != null) {
            group.rollBack(null);
        }
    }

    /** The running migration ended successfully: the resume bookkeeping checks for statements the script lost. */
    void migrationSucceeded() {
        if (progress != null) {
            progress.ended();
        }
    }

    /**
     * The resume bookkeeping of the running (non-transactional) migration, opened and marked as started on first
     * use, on the migration's autocommit connection.
     */
    public MigrationProgress progress(Connection connection, Configuration configuration) throws SQLException {
        if (progress == null) {
            StatementProgress table = StatementProgress.in(connection, HistorySchema.of(configuration, connection));
            progress = MigrationProgress.start(table, migration, settings.rerunEdited());
        }
        return progress;
    }

    /**
     * The session's lock_timeout was set to the policy's for a non-transactional migration (and restored after it);
     * statements then need not SET LOCAL it again, until one may have changed it.
     */
    public void sessionTimeoutsSet(boolean set) {
        this.sessionLockTimeoutIsPolicy = set;
        this.nonTransactionalBody = set;
    }

    /**
     * Whether the body of a non-transactional migration is running (its statements are each applied exactly once by
     * the runner). The connection's autocommit flag cannot tell: a {@link StatementGroup} turns it off between statements.
     */
    public boolean nonTransactionalBody() {
        return nonTransactionalBody;
    }

    /** A statement of the migration may have changed the session's settings (SET, RESET, a function call). */
    public void sessionSettingsChanged() {
        this.sessionLockTimeoutIsPolicy = false;
    }

    /** Whether the session's lock_timeout is known to be the policy's. */
    public boolean sessionLockTimeoutIsPolicy() {
        return sessionLockTimeoutIsPolicy;
    }

    /** Flyway's checksum of the running migration (null for some Java migrations). */
    public Integer checksum() {
        return checksum;
    }

    /**
     * Flyway's parser of this run met {@code script} (its path relative to the location, as Flyway's migration info
     * names it); {@code plain} fills in while the script is parsed, which is done before it runs.
     */
    public void parsing(String script, PlainExecution plain) {
        parsedScripts.put(script, plain);
    }

    /** Whether the running migration runs as plain Flyway runs it (and why); null for Java migrations. */
    public PlainExecution plainExecution() {
        return script == null ? null : parsedScripts.get(script);
    }

    /** The running migration, e.g. {@code V3__add_index.sql}; empty between migrations. */
    public String migration() {
        return migration;
    }

    /** The running migration's Flyway version, null for a repeatable migration or between migrations. */
    public String version() {
        return version;
    }

    /** Records the statement about to run: {@code line 4: ALTER TABLE users ...}. */
    public void statement(int line, String sql) {
        this.statement = "line " + line + ": " + Sessions.shorten(sql == null ? "" : sql);
    }

    /** The statement running or last run in the current migration, or null (Java migrations). */
    public String statement() {
        return statement;
    }

    private static String describe(MigrationInfo info) {
        String script = info.getScript();
        return script != null && !script.isEmpty() ? script : "V" + info.getVersion() + " " + info.getDescription();
    }

    private void logRetry(int attempt, String sqlState, List<SessionInfo> blockers, Duration pause, Duration nextLockTimeout) {
        String what = statement == null ? "" : " at " + statement;
        LOG.warn("{}{}: attempt {} rolled back: {}; blocked by: {}; retrying in {} with lock_timeout {}",
                migration, what, attempt, dev.zdm.core.lock.ContentionExhaustedException.describe(sqlState),
                Sessions.describe(blockers), Durations.format(pause), Durations.format(nextLockTimeout));
    }

    @Override
    public void close() {
        watch.close();
    }
}
