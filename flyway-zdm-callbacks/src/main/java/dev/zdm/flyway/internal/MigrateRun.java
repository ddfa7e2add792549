package dev.zdm.flyway.internal;

import dev.zdm.core.lock.BlockerWatch;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.core.lock.LockRetry;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.text.Durations;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
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
 * no configuration of their own, so they find it here; {@link ZdmLifecycleCallback} opens it at
 * BEFORE_MIGRATE and closes it at AFTER_MIGRATE / AFTER_MIGRATE_ERROR.
 */
public final class MigrateRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway");
    private static final ThreadLocal<MigrateRun> CURRENT = new ThreadLocal<>();

    private final ZdmSettings settings;
    private final LockRetry lockRetry;
    private final BlockerWatch watch;
    private volatile String migration = "";
    private String script;
    private final Map<String, PlainExecution> parsedScripts = new HashMap<>();
    private volatile String statement;
    private Integer checksum;
    private MigrationProgress progress;
    private StatementGroup group;
    private boolean sessionLockTimeoutIsPolicy;
    private boolean nonTransactionalBody;

    private MigrateRun(ZdmSettings settings, DataSource dataSource) {
        this.settings = settings;
        this.watch = new BlockerWatch(dataSource::getConnection);
        this.lockRetry = new LockRetry(policy(settings), watch, this::logRetry);
    }

    /** Starts the run for the current thread (closing a previous one left open). */
    static MigrateRun begin(ZdmSettings settings, Configuration configuration) {
        end();
        MigrateRun run = new MigrateRun(settings, configuration.getDataSource());
        CURRENT.set(run);
        return run;
    }

    static void end() {
        MigrateRun run = CURRENT.get();
        if (run != null) {
            CURRENT.remove();
            run.close();
        }
    }

    /** The run of the current thread, or null when flyway-zdm is not active for it. */
    public static MigrateRun current() {
        return CURRENT.get();
    }

    static LockPolicy policy(ZdmSettings settings) {
        Duration lockTimeout = settings.duration("lockTimeout");
        Duration max = settings.duration("lockTimeoutMax");
        Duration statementTimeout = settings.duration("statementTimeout");
        return new LockPolicy(lockTimeout, max, (int) Math.min(10_000, settings.count("lockRetries") + 1),
                settings.duration("lockRetryMaxWait"), Duration.ofMillis(100), Duration.ofSeconds(3),
                statementTimeout == null || statementTimeout.isZero() ? null : statementTimeout);
    }

    public ZdmSettings settings() {
        return settings;
    }

    public LockRetry lockRetry() {
        return lockRetry;
    }

    void migration(MigrationInfo info) {
        this.migration = info == null ? "" : describe(info);
        this.script = info == null ? null : info.getScript();
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
            StatementProgress table = StatementProgress.in(connection, FlywayBackfills.historySchema(configuration, connection));
            progress = MigrationProgress.start(table, migration, "rerun".equalsIgnoreCase(settings.choice("resumeEdited")));
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
