package dev.zdm.flyway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zdm.flyway.internal.Setting;
import dev.zdm.flyway.internal.Setting.Kind;
import dev.zdm.flyway.internal.SettingKeys;
import dev.zdm.flyway.internal.SettingsDeclaration;

/**
 * The {@code flyway.zdm.*} settings, bound by Flyway from every place it reads configuration
 * ({@code configuration(Map)}, flyway.conf, {@code FLYWAY_ZDM_*} environment variables, Maven properties
 * and {@code <pluginConfiguration>}). Each {@link Setting} field is one key, with its default, the values it accepts
 * and its doc; docs/configuration.md is generated from them. Values are kept as strings: flyway-zdm reads and checks
 * them all when a command connects, before anything is applied ({@link dev.zdm.flyway.api.ZdmConfigurationException}).
 * The fields are declared here, on this very class, because Flyway 13.12 binds an extension's keys to the fields the
 * class itself declares.
 *
 * <p>Set values in code with
 * {@code Flyway.configure().getPluginRegister().getExact(ZdmConfigurationExtension.class).setEnabled("false")}
 * or, simpler, {@code .configuration(Map.of("flyway.zdm.enabled", "false"))}.
 */
public class ZdmConfigurationExtension implements SettingsDeclaration {


    @Setting(kind = Kind.BOOLEAN, defaultValue = "true",
            doc = "`false` switches flyway-zdm off entirely: Flyway behaves as if the jar were absent.")
    private String enabled;

    @Setting(kind = Kind.DURATION, defaultValue = "200ms", max = "10m",
            zero = "refused: PostgreSQL reads lock_timeout 0 as no limit, so a migration could queue every query on its table"
                    + " behind it for as long as the lock takes",
            doc = "`lock_timeout` of each attempt of a migration: the longest any other query on the table can queue behind the"
                    + " migration.")
    private String lockTimeout;

    @Setting(kind = Kind.DURATION, max = "10m",
            zero = "refused: set a duration of at least `lockTimeout`, or leave the key unset for no escalation",
            doc = "When set, the lock timeout doubles on each retry up to this value (GitLab's escalation), for tables never quiet"
                    + " for `lockTimeout`; at least `lockTimeout`. Unset: no escalation.")
    private String lockTimeoutMax;

    @Setting(kind = Kind.COUNT, defaultValue = "20", max = "1000", zeroAllowed = true,
            zero = "no retry: the first lock timeout fails the migration",
            doc = "How many times a migration that met a lock timeout (55P03), deadlock (40P01) or serialization failure (40001)"
                    + " is rolled back and retried.")
    private String lockRetries;

    @Setting(kind = Kind.DURATION, defaultValue = "5m", max = "24h",
            zero = "refused: it would stop every retry; set `lockRetries=0` for no retry",
            doc = "Stop retrying when this much time has passed since the first attempt.")
    private String lockRetryMaxWait;

    @Setting(kind = Kind.DURATION, defaultValue = "10m", max = "168h", zeroAllowed = true,
            zero = "none: statements may run without limit",
            doc = "`statement_timeout` of migration statements. Not applied to `CONCURRENTLY` statements, batched backfills and"
                    + " concurrent index builds, which wait by design and get their own limits.")
    private String statementTimeout;

    @Setting(kind = Kind.BOOLEAN, defaultValue = "false",
            doc = "flyway-zdm sets `flyway.postgresql.transactional.lock=false` so that `CREATE INDEX CONCURRENTLY` cannot wait"
                    + " forever on Flyway's own lock transaction (Flyway issues 3492, 3682). `true` keeps Flyway's setting;"
                    + " `CONCURRENTLY` statements then fail at once with a message.")
    private String keepTransactionalLock;

    @Setting(kind = Kind.CHOICE, defaultValue = "refuse", choices = {"refuse", "rerun"},
            doc = "What `migrate` does when a non-transactional migration that an earlier run left half-applied was edited in its"
                    + " applied part: `refuse` stops before anything runs and lists what was applied and what changed; `rerun`"
                    + " runs the edited statement and every statement after it again (set it for one run, after checking that"
                    + " they can run twice). The same choice applies to a backfill (`BatchedBackfillMigration`) whose statement"
                    + " changed since its unfinished checkpoint: refused, or a new pass over the whole table.")
    private String resumeEdited;

    @Setting(kind = Kind.DURATION, defaultValue = "5m", max = "24h",
            zero = "refused: a build waiting without limit for an old transaction may never finish; set a long duration"
                    + " such as `1h` instead",
            doc = "How long a concurrent index build or drop, or a `VALIDATE CONSTRAINT`, may wait for older transactions or for"
                    + " its lock before it cancels itself, cleans up (drops the invalid index it left) and fails naming the"
                    + " sessions in the way. Only waiting counts: a build that works for an hour is fine.")
    private String indexWaitTimeout;

    @Setting(kind = Kind.COUNT, defaultValue = "2", max = "100", zeroAllowed = true,
            zero = "no retry: one attempt",
            doc = "How many times a failed concurrent index build (cancelled by someone, deadlock) is cleaned up and retried."
                    + " A unique violation is never retried: the duplicates are reported.")
    private String indexBuildRetries;

    @Setting(kind = Kind.DURATION, max = "168h", zeroAllowed = true,
            zero = "none, as when unset",
            doc = "`statement_timeout` for a concurrent index build or a constraint validation scan. The DDL statement timeout"
                    + " does not apply to them. Unset: none.")
    private String indexBuildTimeout;

    @Setting(kind = Kind.DURATION, defaultValue = "5s", max = "1h",
            zero = "refused: progress would be logged continuously",
            doc = "How often a long concurrent build is logged (phase, blocks and tuples from `pg_stat_progress_create_index`)"
                    + " and, while it waits, the transactions it waits for (pid, application, state, age, query).")
    private String indexProgressInterval;

    @Setting(kind = Kind.TEXT, values = "major version, `12` to `19`",
            doc = "The PostgreSQL major version the migrate-time lint gate judges for; unset: read from the live connection."
                    + " `zdm:lint` has its own `zdm.postgresVersion`. On `19` ZDM130 suggests `REPACK (CONCURRENTLY)` (from the"
                    + " PostgreSQL 19 release notes, not checked on a 19 server).")
    private String postgresVersion;

    @Setting(kind = Kind.CHOICE, defaultValue = "declared", choices = {"declared", "strict"},
            doc = "How a SQL migration without a `-- zdm:phase=expand|migrate|contract` directive is judged: `declared` keeps"
                    + " today's findings for its breaking statements (DROP COLUMN, DROP TABLE, renames, DROP NOT NULL);"
                    + " `strict` treats an undeclared migration with such a statement as a contract migration, whose"
                    + " breaking statements are expected (reported as info, as with `-- zdm:phase=contract`). A migration"
                    + " declared `expand` or `migrate` with a breaking statement is refused either way (ZDM151). A"
                    + " contract migration, declared or made one by `strict`, is held back until the old application is gone"
                    + " (see `contract`).")
    private String phases;

    @Setting(kind = Kind.CHOICE, defaultValue = "hold", choices = {"hold", "allow"},
            doc = "What `migrate` (Maven, API, Spring Boot start-up) does with a pending contract migration on a database whose"
                    + " history is not empty: `hold` applies the migrations before it and holds it and everything after it back,"
                    + " with a log line saying why, until drain evidence holds (`flyway.zdm.drain.*`, `confirmDrained`) or"
                    + " `mvn zdm:contract` runs it; `allow` runs it with the others, as plain Flyway would. A database with an"
                    + " empty history (tests, CI, a new environment) runs everything either way.")
    private String contract;

    @Setting(kind = Kind.TEXT, values = "a migration version, e.g. `41` or `2.3`",
            doc = "The operator's word that no instance of the application older than this migration version still runs"
                    + " (`mvn zdm:contract -Dzdm.confirmDrained=41`). It lets contract migrations whose expand is at or before"
                    + " that version run; it is recorded with who gave it and when in `zdm_phase_state`.")
    private String confirmDrained;

    /** {@code flyway.zdm.lint.*}: the migrate-time lint gate. */
    private ZdmLintSettings lint;
    /** {@code flyway.zdm.backfill.*}: defaults of batched backfills. Null until a key of the group is set. */
    private ZdmBackfillSettings backfill;
    /** {@code flyway.zdm.drain.*}: the evidence that the old application is gone. Null until a key of the group is set. */
    private ZdmDrainSettings drain;

    // Plugin.isEnabled() (whether Flyway loads the plugin at all) is @JsonIgnore'd; name our property explicitly.
    @JsonProperty("enabled")
    public String getEnabled() {
        return enabled;
    }

    @JsonProperty("enabled")
    public void setEnabled(String enabled) {
        this.enabled = enabled;
    }

    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public String getLockTimeoutMax() {
        return lockTimeoutMax;
    }

    public void setLockTimeoutMax(String lockTimeoutMax) {
        this.lockTimeoutMax = lockTimeoutMax;
    }

    public String getLockRetries() {
        return lockRetries;
    }

    public void setLockRetries(String lockRetries) {
        this.lockRetries = lockRetries;
    }

    public String getLockRetryMaxWait() {
        return lockRetryMaxWait;
    }

    public void setLockRetryMaxWait(String lockRetryMaxWait) {
        this.lockRetryMaxWait = lockRetryMaxWait;
    }

    public String getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(String statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public String getKeepTransactionalLock() {
        return keepTransactionalLock;
    }

    public void setKeepTransactionalLock(String keepTransactionalLock) {
        this.keepTransactionalLock = keepTransactionalLock;
    }

    public String getResumeEdited() {
        return resumeEdited;
    }

    public void setResumeEdited(String resumeEdited) {
        this.resumeEdited = resumeEdited;
    }

    public String getIndexWaitTimeout() {
        return indexWaitTimeout;
    }

    public void setIndexWaitTimeout(String indexWaitTimeout) {
        this.indexWaitTimeout = indexWaitTimeout;
    }

    public String getIndexBuildRetries() {
        return indexBuildRetries;
    }

    public void setIndexBuildRetries(String indexBuildRetries) {
        this.indexBuildRetries = indexBuildRetries;
    }

    public String getIndexBuildTimeout() {
        return indexBuildTimeout;
    }

    public void setIndexBuildTimeout(String indexBuildTimeout) {
        this.indexBuildTimeout = indexBuildTimeout;
    }

    public String getIndexProgressInterval() {
        return indexProgressInterval;
    }

    public void setIndexProgressInterval(String indexProgressInterval) {
        this.indexProgressInterval = indexProgressInterval;
    }

    public String getPostgresVersion() {
        return postgresVersion;
    }

    public void setPostgresVersion(String postgresVersion) {
        this.postgresVersion = postgresVersion;
    }

    public String getPhases() {
        return phases;
    }

    public void setPhases(String phases) {
        this.phases = phases;
    }

    public ZdmLintSettings getLint() {
        return lint;
    }

    public void setLint(ZdmLintSettings lint) {
        this.lint = lint;
    }

    public String getContract() {
        return contract;
    }

    public void setContract(String contract) {
        this.contract = contract;
    }

    public String getConfirmDrained() {
        return confirmDrained;
    }

    public void setConfirmDrained(String confirmDrained) {
        this.confirmDrained = confirmDrained;
    }

    public ZdmDrainSettings getDrain() {
        return drain;
    }

    public void setDrain(ZdmDrainSettings drain) {
        this.drain = drain;
    }

    public ZdmBackfillSettings getBackfill() {
        return backfill;
    }

    public void setBackfill(ZdmBackfillSettings backfill) {
        this.backfill = backfill;
    }

    @Override
    @JsonIgnore
    public String getNamespace() {
        return "zdm";
    }

    @Override
    public String getConfigurationParameterFromEnvironmentVariable(String environmentVariable) {
        return SettingKeys.of(getClass()).fromEnvironmentVariable(environmentVariable);
    }
}
