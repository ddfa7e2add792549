package dev.zdm.flyway.internal;

import dev.zdm.core.lock.BlockerWatch;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.core.lock.LockRetry;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
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
    private int batchedStatements;
    private Integer checksum;
    private StatementProgress progress;

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
        this.batchedStatements = 0;
        this.progress = null;
    }

    /**
     * The statement progress of the running (non-transactional) migration, opened and marked as started on first
     * use, on the migration's autocommit connection.
     */
    public StatementProgress progress(Connection connection, Configuration configuration) throws SQLException {
        if (progress == null) {
            progress = StatementProgress.in(connection, FlywayBackfills.historySchema(configuration, connection));
            progress.start(migration, checksum);
        }
        return progress;
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

    /** The ordinal (from 1) of the next {@code -- zdm:batched} statement of the running migration: part of its checkpoint id. */
    public int nextBatchedOrdinal() {
        return ++batchedStatements;
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
                Sessions.describe(blockers), human(pause), human(nextLockTimeout));
    }

    private static String human(Duration d) {
        return d.toMillis() + "ms";
    }

    @Override
    public void close() {
        watch.close();
    }
}
