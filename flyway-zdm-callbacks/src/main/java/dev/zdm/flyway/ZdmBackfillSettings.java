package dev.zdm.flyway;

/**
 * The {@code flyway.zdm.backfill.*} settings: defaults for every batched backfill of a Flyway run
 * ({@link BatchedBackfillMigration} and {@code -- zdm:batched} SQL statements). A {@code Backfill} that sets an
 * option itself wins over these. See docs/configuration.md.
 */
public class ZdmBackfillSettings {

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "200ms",
            doc = "How long one batch should take; the batch size adapts to it (unless the backfill fixes a batch size).")
    private String targetBatchDuration;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "200ms",
            doc = "lock_timeout of each batch: a batch waiting longer for a row or table lock is rolled back and retried.")
    private String lockTimeout;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "10s",
            doc = "statement_timeout of each batch statement; a batch that times out is retried at half the size.")
    private String statementTimeout;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "10s",
            doc = "Pause the backfill while a standby in pg_stat_replication lags more than this; 0 never pauses.")
    private String maxReplicationLag;

    @Setting(kind = Setting.Kind.COUNT, defaultValue = "10",
            doc = "Retries of one batch after lock timeouts, deadlocks, serialization failures or statement timeouts.")
    private String maxRetries;

    @Setting(kind = Setting.Kind.DURATION, defaultValue = "5s",
            doc = "The least time between two progress lines of a backfill.")
    private String progressInterval;

    public String getTargetBatchDuration() {
        return targetBatchDuration;
    }

    public void setTargetBatchDuration(String targetBatchDuration) {
        this.targetBatchDuration = targetBatchDuration;
    }

    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public String getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(String statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public String getMaxReplicationLag() {
        return maxReplicationLag;
    }

    public void setMaxReplicationLag(String maxReplicationLag) {
        this.maxReplicationLag = maxReplicationLag;
    }

    public String getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(String maxRetries) {
        this.maxRetries = maxRetries;
    }

    public String getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(String progressInterval) {
        this.progressInterval = progressInterval;
    }
}
