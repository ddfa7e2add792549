package dev.zdm.core.ddl;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient and how persistent the safe DDL operations are. Immutable; start from {@link #defaults()} and
 * change what you need with the {@code with...} methods.
 *
 * @param waitTimeout      how long an operation may wait for other sessions when its waiting blocks no one:
 *                         a concurrent index build or drop waiting for older transactions, a
 *                         {@code VALIDATE CONSTRAINT} waiting for its SHARE UPDATE EXCLUSIVE lock. After that it
 *                         cancels itself, cleans up and reports the sessions in its way.
 * @param buildRetries     how many times a failed concurrent build (cancelled, deadlock) is cleaned up and
 *                         retried; 0 means one attempt. A unique violation is never retried.
 * @param buildTimeout     {@code statement_timeout} for a concurrent build or a validation scan; zero means none
 *                         (the runner's DDL {@code statement_timeout} does not apply to them)
 * @param lockTimeout      {@code lock_timeout} for the short DDL statements that take a strong lock for an instant
 *                         ({@code ADD CONSTRAINT ... NOT VALID}, {@code SET NOT NULL}, {@code ATTACH PARTITION})
 * @param lockRetries      how many times such a statement is retried after a lock timeout (SQLSTATE 55P03)
 * @param retryBaseDelay   first backoff delay between retries; doubles each time (full jitter)
 * @param retryMaxDelay    cap of one backoff delay
 * @param progressInterval how often a long build or wait is reported
 */
public record DdlOptions(Duration waitTimeout, int buildRetries, Duration buildTimeout, Duration lockTimeout, int lockRetries,
                         Duration retryBaseDelay, Duration retryMaxDelay, Duration progressInterval) {

    public DdlOptions {
        positive(waitTimeout, "waitTimeout");
        notNegative(buildTimeout, "buildTimeout");
        positive(lockTimeout, "lockTimeout");
        notNegative(retryBaseDelay, "retryBaseDelay");
        notNegative(retryMaxDelay, "retryMaxDelay");
        positive(progressInterval, "progressInterval");
        if (buildRetries < 0 || lockRetries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more");
        }
    }

    /**
     * Wait up to 5 minutes for older transactions (waiting harms no traffic, but a deploy should not hang
     * silently for hours), 2 build retries, no build timeout, 500 ms lock timeout (pgroll's) with 10 retries
     * backing off from 100 ms to 5 s, progress every 5 s.
     */
    public static DdlOptions defaults() {
        return new DdlOptions(Duration.ofMinutes(5), 2, Duration.ZERO, Duration.ofMillis(500), 10,
                Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    public DdlOptions withWaitTimeout(Duration value) {
        return new DdlOptions(value, buildRetries, buildTimeout, lockTimeout, lockRetries, retryBaseDelay, retryMaxDelay, progressInterval);
    }

    public DdlOptions withBuildRetries(int value) {
        return new DdlOptions(waitTimeout, value, buildTimeout, lockTimeout, lockRetries, retryBaseDelay, retryMaxDelay, progressInterval);
    }

    public DdlOptions withBuildTimeout(Duration value) {
        return new DdlOptions(waitTimeout, buildRetries, value, lockTimeout, lockRetries, retryBaseDelay, retryMaxDelay, progressInterval);
    }

    public DdlOptions withLockTimeout(Duration value) {
        return new DdlOptions(waitTimeout, buildRetries, buildTimeout, value, lockRetries, retryBaseDelay, retryMaxDelay, progressInterval);
    }

    public DdlOptions withLockRetries(int value) {
        return new DdlOptions(waitTimeout, buildRetries, buildTimeout, lockTimeout, value, retryBaseDelay, retryMaxDelay, progressInterval);
    }

    public DdlOptions withRetryDelays(Duration base, Duration max) {
        return new DdlOptions(waitTimeout, buildRetries, buildTimeout, lockTimeout, lockRetries, base, max, progressInterval);
    }

    public DdlOptions withProgressInterval(Duration value) {
        return new DdlOptions(waitTimeout, buildRetries, buildTimeout, lockTimeout, lockRetries, retryBaseDelay, retryMaxDelay, value);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
