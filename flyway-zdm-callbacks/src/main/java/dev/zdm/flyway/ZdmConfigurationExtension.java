package dev.zdm.flyway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zdm.flyway.internal.SettingKeys;
import org.flywaydb.core.extensibility.ConfigurationExtension;

/**
 * The {@code flyway.zdm.*} settings, bound by Flyway from every place it reads configuration
 * ({@code configuration(Map)}, flyway.conf, {@code FLYWAY_ZDM_*} environment variables, Maven properties
 * and {@code <pluginConfiguration>}). Each field is one key; see {@link Setting} and docs/configuration.md.
 *
 * <p>Set values in code with
 * {@code Flyway.configure().getPluginRegister().getExact(ZdmConfigurationExtension.class).setEnabled("false")}
 * or, simpler, {@code .configuration(Map.of("flyway.zdm.enabled", "false"))}.
 */
public class ZdmConfigurationExtension implements ConfigurationExtension {

    @Setting(kind = Setting.Kind.BOOLEAN, defaultValue = "true",
            doc = "Switches flyway-zdm off entirely when false: Flyway then behaves as if the jar were absent.")
    private String enabled;

    // Lock-safe runner (issue 5). Defaults and their reasons: docs/configuration.md.
    @Setting(kind = Setting.Kind.DURATION, defaultValue = "200ms",
            doc = "lock_timeout of each attempt: the longest other queries on a table can queue behind a migration.")
    private String lockTimeout;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "",
            doc = "When set, the lock timeout doubles per retry up to this value (GitLab-style escalation); empty: no escalation.")
    private String lockTimeoutMax;

    @Setting(kind = Setting.Kind.COUNT, defaultValue = "20",
            doc = "How many times a migration that met a lock timeout or deadlock is rolled back and retried.")
    private String lockRetries;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "5m",
            doc = "Stop retrying when this much time has passed since the first attempt of a migration.")
    private String lockRetryMaxWait;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "10m",
            doc = "statement_timeout of migration statements (not of batched backfills and concurrent index builds); 0: none.")
    private String statementTimeout;

    @Setting(kind = Setting.Kind.BOOLEAN, defaultValue = "false",
            doc = "true keeps Flyway's transaction-level advisory lock (flyway.postgresql.transactional.lock) as configured;"
                    + " CONCURRENTLY statements then fail fast instead of running.")
    private String keepTransactionalLock;

    @Setting(kind = Setting.Kind.CHOICE, defaultValue = "refuse", choices = {"refuse", "rerun"},
            doc = "What migrate does when a non-transactional migration that an earlier run left half-applied was edited in its applied "
                    + "part: refuse (nothing runs; the message lists what was applied and what changed) or rerun (the edited statement "
                    + "and everything after it run again).")
    private String resumeEdited;
    // --- safe DDL (dev.zdm.core.ddl, used by Zdm and by concurrent index statements of SQL migrations) ---

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "5m",
            doc = "How long a concurrent index build or drop, or a VALIDATE CONSTRAINT, may wait for older transactions or for its lock "
                    + "before it cancels itself, cleans up and names the sessions in the way.")
    private String indexWaitTimeout;

    @Setting(kind = Setting.Kind.COUNT, defaultValue = "2",
            doc = "How many times a failed concurrent index build (cancelled, deadlock) is cleaned up and retried; "
                    + "a unique violation is never retried.")
    private String indexBuildRetries;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "",
            doc = "statement_timeout for a concurrent index build or a constraint validation scan; empty for none "
                    + "(the DDL statement timeout does not apply to them).")
    private String indexBuildTimeout;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "5s",
            doc = "How often a long concurrent index build (pg_stat_progress_create_index) or its wait for older transactions is logged.")
    private String indexProgressInterval;

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

    // --- end of safe DDL settings ---

    @Setting(kind = Setting.Kind.TEXT,
            doc = "The PostgreSQL major version migrations are linted for (e.g. 15); empty: read from the live connection.")
    private String postgresVersion;

    /** {@code flyway.zdm.lint.*}: the migrate-time lint gate. */
    private ZdmLintSettings lint;
    /** {@code flyway.zdm.backfill.*}: defaults of batched backfills. Null until a key of the group is set. */
    private ZdmBackfillSettings backfill;

    @Override
    @JsonIgnore
    public String getNamespace() {
        return "zdm";
    }

    @Override
    public String getConfigurationParameterFromEnvironmentVariable(String environmentVariable) {
        return SettingKeys.fromEnvironmentVariable(environmentVariable);
    }

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

    public String getResumeEdited() {
        return resumeEdited;
    }

    public void setResumeEdited(String resumeEdited) {
        this.resumeEdited = resumeEdited;
    }

    public String getKeepTransactionalLock() {
        return keepTransactionalLock;
    }

    public void setKeepTransactionalLock(String keepTransactionalLock) {
        this.keepTransactionalLock = keepTransactionalLock;
    }

    public String getPostgresVersion() {
        return postgresVersion;
    }

    public void setPostgresVersion(String postgresVersion) {
        this.postgresVersion = postgresVersion;
    }

    public ZdmLintSettings getLint() {
        return lint;
    }

    public void setLint(ZdmLintSettings lint) {
        this.lint = lint;
    }

    public ZdmBackfillSettings getBackfill() {
        return backfill;
    }

    public void setBackfill(ZdmBackfillSettings backfill) {
        this.backfill = backfill;
    }
}
