package dev.zdm.flyway;

import dev.zdm.flyway.internal.Setting;
import dev.zdm.flyway.internal.Setting.Kind;

/**
 * The {@code flyway.zdm.backfill.*} settings: defaults for every batched backfill of a Flyway run
 * ({@link BatchedBackfillMigration} and {@code -- zdm:batched} SQL statements). A {@code Backfill} that sets an
 * option itself wins over these. See docs/configuration.md.
 */
public class ZdmBackfillSettings {

    @Setting(kind = Kind.DURATION, defaultValue = "200ms", max = "1m", zero = "refused: a batch cannot take no time",
            doc = "How long one batch of a batched backfill should take; the batch size adapts to it (unless the backfill"
                    + " fixes a batch size).")
    private String targetBatchDuration;

    @Setting(kind = Kind.DURATION, defaultValue = "200ms", max = "1m",
            zero = "refused: PostgreSQL reads lock_timeout 0 as no limit, and a batch waiting without limit holds"
                    + " the row locks it took while other writers queue behind it",
            doc = "`lock_timeout` of each batch: a batch waiting longer for a row or table lock is rolled back and retried (the"
                    + " application waits on the rows a waiting batch already changed, so it gives up early).")
    private String lockTimeout;

    @Setting(kind = Kind.DURATION, defaultValue = "10s", max = "1h",
            zero = "refused: a batch without a time limit could hold its row locks for as long as it runs",
            doc = "`statement_timeout` of each batch statement; a batch that times out is retried at half the size.")
    private String statementTimeout;

    @Setting(kind = Kind.DURATION, defaultValue = "10s", max = "24h", zeroAllowed = true,
            zero = "never pauses for replication lag",
            doc = "Pause the backfill while a standby in `pg_stat_replication` lags more than this (a delayed standby"
                    + " counts too).")
    private String maxReplicationLag;

    @Setting(kind = Kind.COUNT, defaultValue = "10", max = "1000", zeroAllowed = true,
            zero = "no retry: the first failed batch stops the backfill (its checkpoint keeps the progress)",
            doc = "Retries of one batch after lock timeouts, deadlocks, serialization failures or statement timeouts,"
                    + " with backoff.")
    private String maxRetries;

    @Setting(kind = Kind.DURATION, defaultValue = "5s", max = "1h",
            zero = "refused: progress would be logged after every batch; use a small duration such as `1s`",
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
