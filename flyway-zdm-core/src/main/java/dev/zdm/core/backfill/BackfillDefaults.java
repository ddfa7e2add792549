package dev.zdm.core.backfill;

import java.time.Duration;
import java.util.Objects;

/**
 * The values a {@link Backfill} uses for the options it does not set itself. For Flyway they come from the
 * {@code flyway.zdm.backfill.*} settings; {@link #standard()} holds the built-in ones.
 *
 * @param targetBatchDuration how long a batch should take; the batch size adapts to it
 * @param minBatchSize        the smallest adaptive batch (keys)
 * @param maxBatchSize        the largest adaptive batch (keys)
 * @param lockTimeout         lock_timeout of each batch transaction
 * @param statementTimeout    statement_timeout of each batch statement
 * @param maxReplicationLag   pause while a standby lags more than this; zero: never pause
 * @param maxRetries          retries of one batch after lock timeouts, deadlocks and serialization failures
 * @param progressInterval    the least time between two progress lines
 * @param runLockWait         how long to wait for another session still running the same backfill (a killed
 *                            client's backend finishes its statement before it goes away)
 * @param restartChangedStatement what to do when an unfinished backfill's statement changed since its checkpoint was
 *                            written: false (the default) refuses, naming both statements; true starts a new pass over
 *                            the whole table with the new statement (the user accepted it)
 */
public record BackfillDefaults(Duration targetBatchDuration, int minBatchSize, int maxBatchSize, Duration lockTimeout,
                               Duration statementTimeout, Duration maxReplicationLag, int maxRetries,
                               Duration progressInterval, Duration runLockWait, boolean restartChangedStatement) {

    public BackfillDefaults {
        Objects.requireNonNull(targetBatchDuration, "targetBatchDuration");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(maxReplicationLag, "maxReplicationLag");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(runLockWait, "runLockWait");
        if (minBatchSize <= 0 || maxBatchSize < minBatchSize) {
            throw new IllegalArgumentException("batch size bounds must satisfy 0 < min <= max: " + minBatchSize + ", " + maxBatchSize);
        }
    }

    /**
     * 200 ms batches of 100 to 100000 keys; lock_timeout 200 ms (a batch waiting on a row lock makes the
     * application wait on the rows the batch already changed, so it gives up early and retries); statement_timeout
     * 10 s (a batch that slow is halved); pause while a standby lags more than 10 s; 10 retries per batch; a progress
     * line every 5 s.
     */
    public static BackfillDefaults standard() {
        return new BackfillDefaults(Duration.ofMillis(200), 100, 100_000, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 10, Duration.ofSeconds(5), Duration.ofSeconds(30), false);
    }

    public BackfillDefaults withTargetBatchDuration(Duration value) {
        return new BackfillDefaults(value, minBatchSize, maxBatchSize, lockTimeout, statementTimeout, maxReplicationLag, maxRetries,
                progressInterval, runLockWait, restartChangedStatement);
    }

    public BackfillDefaults withLockTimeout(Duration value) {
        return new BackfillDefaults(targetBatchDuration, minBatchSize, maxBatchSize, value, statementTimeout, maxReplicationLag, maxRetries,
                progressInterval, runLockWait, restartChangedStatement);
    }

    public BackfillDefaults withStatementTimeout(Duration value) {
        return new BackfillDefaults(targetBatchDuration, minBatchSize, maxBatchSize, lockTimeout, value, maxReplicationLag, maxRetries,
                progressInterval, runLockWait, restartChangedStatement);
    }

    public BackfillDefaults withMaxReplicationLag(Duration value) {
        return new BackfillDefaults(targetBatchDuration, minBatchSize, maxBatchSize, lockTimeout, statementTimeout, value, maxRetries,
                progressInterval, runLockWait, restartChangedStatement);
    }

    public BackfillDefaults withMaxRetries(int value) {
        return new BackfillDefaults(targetBatchDuration, minBatchSize, maxBatchSize, lockTimeout, statementTimeout, maxReplicationLag, value,
                progressInterval, runLockWait, restartChangedStatement);
    }

    public BackfillDefaults withProgressInterval(Duration value) {
        return new BackfillDefaults(targetBatchDuration, minBatchSize, maxBatchSize, lockTimeout, statementTimeout, maxReplicationLag, maxRetries,
                value, runLockWait, restartChangedStatement);
    }

    public BackfillDefaults withRunLockWait(Duration value) {
        return new BackfillDefaults(targetBatchDuration, minBatchSize, maxBatchSize, lockTimeout, statementTimeout, maxReplicationLag, maxRetries,
                progressInterval, value, restartChangedStatement);
    }

    public BackfillDefaults withRestartChangedStatement(boolean value) {
        return new BackfillDefaults(targetBatchDuration, minBatchSize, maxBatchSize, lockTimeout, statementTimeout, maxReplicationLag, maxRetries,
                progressInterval, runLockWait, value);
    }
}
